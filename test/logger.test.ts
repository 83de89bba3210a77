import { scrub } from '../src/logger';
import { memoryLogger } from './helpers/logger';

describe('logger', () => {
  it('writes structured JSON lines', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ route: 'star' }, 'classified');
    const line = JSON.parse(lines()[0] as string);
    expect(line).toMatchObject({ level: 30, msg: 'classified', route: 'star', app: 'support-router' });
  });

  it('redacts credentials by path and inside text', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ headers: { authorization: 'Basic c2VjcmV0OnNlY3JldA==' }, token: 'xoxb-123-abc' }, 'call');
    logger.warn('retrying with xoxb-999-secret and glpat-abcdefghij');
    logger.error({ err: new Error('failed: Authorization: Bearer abcdefghijklmnop') }, 'boom');
    const all = lines().join('\n');
    for (const secret of ['c2VjcmV0', 'xoxb-123', 'xoxb-999', 'glpat-abc', 'abcdefghijklmnop'])
      expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
  });

  it('strips line breaks so user text cannot forge log lines', () => {
    expect(scrub('hello\n{"level":60,"msg":"fake"}')).toBe('hello {"level":60,"msg":"fake"}');
  });
});
