// view_submission of a filing modal over signed HTTP: who may file, and what the modal says when the
// store is slow.
import { loadRules } from '../../src/routing/load';
import type { TestApp } from '../helpers/app';
import { startFilingApp, stopFilingApp, submitForm } from '../helpers/filing-app';

const rules = loadRules();
let t: TestApp;

afterEach(() => stopFilingApp(t));

describe('who may file', () => {
  beforeEach(async () => {
    t = await startFilingApp({ rules });
  });

  it('refuses a Slack Connect user from another organisation, and stores nothing', async () => {
    const res = await submitForm(t, 'support-meta', { user: { id: 'U0EXT', team_id: 'T0OTHER' } });
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: { title: expect.stringMatching(/^Only members of this workspace can file/) },
    });
    expect(await t.deps.filing!.store.countByStatus()).toEqual({ pending: 0, filed: 0, failed: 0 });
  });

  it('takes a member of the workspace', async () => {
    const res = await submitForm(t, 'support-meta');
    expect(res.json()).toMatchObject({ response_action: 'update' });
    expect(await t.deps.filing!.store.countByStatus()).toMatchObject({ pending: 1 });
  });
});
