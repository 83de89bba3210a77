import { parseConfig } from '../../src/config';
import { createOncall, oncallProblems, unconfiguredProvider, createOncallProvider } from '../../src/oncall';
import { memoryLogger } from '../helpers/logger';

describe('on-call without a schedule', () => {
  it('is not a start-up problem', () => {
    expect(oncallProblems(parseConfig({}))).toEqual([]);
  });

  it('answers every lookup with the fallback (the manual way), and says so at boot', async () => {
    const config = parseConfig({});
    expect(createOncallProvider(config)).toBe(unconfiguredProvider);
    const { logger, lines } = memoryLogger();
    const service = createOncall(config, logger);
    expect(lines().join('\n')).toContain('no on-call schedule configured');
    const result = await service.lookup('cmoc');
    expect(result).toMatchObject({ ok: false });
  });

  it('still requires the settings of a chosen provider', () => {
    expect(oncallProblems(parseConfig({ ONCALL_PROVIDER: 'gitlab-chatops' }))).toEqual([
      expect.stringMatching(/^CHATOPS_PROJECT/),
      expect.stringMatching(/^GITLAB_TOKEN/),
    ]);
  });
});
