import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

/** A real pino logger writing into memory, so tests can assert what was (not) logged. */
export function memoryLogger(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines: () => chunks.join('').split('\n').filter(Boolean) };
}
