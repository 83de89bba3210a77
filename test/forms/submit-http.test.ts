// view_submission of a filing modal over signed HTTP: what the modal says when the store is slow.
// (Who may file is in test/security/who-may-file.test.ts.)
import { loadRules } from '../../src/routing/load';
import { STORE_LIMIT_MS } from '../../src/forms/submit';
import type { NewSubmission } from '../../src/store/types';
import { eventually, type TestApp } from '../helpers/app';
import { startFilingApp, stopFilingApp, submitForm } from '../helpers/filing-app';

const rules = loadRules();
let t: TestApp;

afterEach(() => stopFilingApp(t));

describe('a slow store', () => {
  beforeEach(async () => {
    // Bolt's own 3 s answer, as in production, so the bot's limit is what the test sees.
    t = await startFilingApp({ rules, ackTimeoutMs: 3001 });
  });

  it('answers "not saved" within the limit, and a late write is kept and filed once', async () => {
    const filing = t.deps.filing!;
    let landed = false;
    const slow = {
      ...filing,
      submit: async (input: NewSubmission) => {
        await new Promise((r) => setTimeout(r, STORE_LIMIT_MS + 1500)); // lands after Slack's 3 s
        const result = await filing.submit(input);
        landed = true;
        return result;
      },
    };
    t.deps.filing = slow;
    const started = Date.now();
    const first = await submitForm(t, 'support-meta');
    // The contract is Slack's: an answer inside its 3-second ack window, whatever the machine's load.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(first.json()).toEqual({
      response_action: 'errors',
      errors: { title: expect.stringMatching(/could not save your request.*Nothing was filed/) },
    });
    await eventually(() => landed);
    // Submit again, store answering normally: the same row, so the request is there once.
    t.deps.filing = filing;
    const again = await submitForm(t, 'support-meta');
    expect(again.json()).toMatchObject({ response_action: 'update' });
    expect(await filing.store.countByStatus()).toEqual({ pending: 1, filed: 0, failed: 0 });
  }, 10_000);
});
