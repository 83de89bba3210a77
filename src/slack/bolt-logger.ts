// Bolt and its clients log through @slack/logger's interface; this adapter sends it to pino, so
// everything is structured and goes through the same redaction.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger';

const PINO_TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  const text = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...args) => child.debug(text(args)),
    info: (...args) => child.info(text(args)),
    warn: (...args) => child.warn(text(args)),
    error: (...args) => child.error(text(args)),
    setLevel: () => undefined,
    getLevel: () => PINO_TO_SLACK[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
