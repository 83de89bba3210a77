// The real app over signed HTTP with a filing service attached the way main attaches it (a fresh
// SQLite store; no GitLab or Zendesk, so nothing is filed), for tests of the form listeners.
import nock from 'nock';
import { formDefinition } from '../../src/kinds';
import { encodeMetadata } from '../../src/forms/metadata';
import { VIEW_FILE_FORM } from '../../src/ids';
import { startTestApp, type Response, type TestApp, type TestAppOptions } from './app';
import { filledValues, stateFor } from './forms';
import { interactive, TEAM, USER } from './payloads';

/** The app with its default filing (a fresh SQLite store, nothing filed), for the form suites. */
export function startFilingApp(opts: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp(opts);
}

/** Stops the app and its filing service; every Slack call a test expected must have been made. */
export async function stopFilingApp(t: TestApp): Promise<void> {
  await t.stop();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
}

/** Submits the route's modal, filled with valid values, as `user` (a member of TEAM by default). */
export function submitForm(
  t: TestApp,
  route: string,
  {
    viewId = 'V0FORM',
    user = { id: USER, team_id: TEAM },
    metadata = encodeMetadata({ routeId: route }),
  }: { viewId?: string; user?: object; metadata?: string } = {},
): Promise<Response> {
  const def = formDefinition(t.deps.rules.byId.get(route)!, t.deps.rules.byId)!;
  return t.send(
    interactive({
      type: 'view_submission',
      team: { id: TEAM },
      user,
      api_app_id: 'A0APP',
      trigger_id: '1.2.3',
      view: {
        id: viewId,
        team_id: TEAM,
        type: 'modal',
        callback_id: VIEW_FILE_FORM,
        private_metadata: metadata,
        hash: 'h',
        state: { values: stateFor(def, filledValues(def)) },
        blocks: [],
      },
    }),
  );
}
