// A Slack Web API stand-in for chat.postMessage / chat.postEphemeral that answers the way Slack
// documents for the app's manifest. Slack's chat.postMessage lists `messages_tab_disabled`
// ("Messages tab for the app is disabled") among its errors: a message to a user id goes to the
// app's DM, which Slack refuses while the app's Messages tab is off.
//   https://docs.slack.dev/reference/methods/chat.postMessage#errors
//   https://api.slack.com/changelog (February 2021: the Messages tab became opt-in for new apps)
import nock from 'nock';
import { appHomeOf, MANIFEST, readManifest } from '../../src/playground/manifest';
import { formFields } from './http';

export { appHomeOf, MANIFEST };

export type SentMessage = Record<string, string | undefined>;

const manifestOf = (manifestText?: string) => manifestText ?? readManifest();

/** manifest.yml with its Messages tab turned off (Slack's default for a new app). */
export function manifestWithoutMessagesTab(): string {
  return manifestOf()
    .replace(/messages_tab_enabled: true/, 'messages_tab_enabled: false')
    .replace(/messages_tab_read_only_enabled: true/, 'messages_tab_read_only_enabled: false');
}

/**
 * One DM (chat.postMessage to `user`) that `match` accepts, answered as Slack answers for the
 * manifest. `isDone()` is true once it was delivered, so a test that waits for its DM passes only
 * while manifest.yml keeps the Messages tab on.
 */
export function stubDm(
  user: string,
  match: (fields: Record<string, string>) => boolean,
  manifestText?: string,
) {
  const tabOn = appHomeOf(manifestOf(manifestText)).messages_tab_enabled === true;
  let delivered = false;
  const scope = nock('https://slack.com')
    .post('/api/chat.postMessage', (b) => formFields(b).channel === user && match(formFields(b)))
    .reply(() => {
      delivered = tabOn;
      return [200, tabOn ? { ok: true, ts: '1.1' } : { ok: false, error: 'messages_tab_disabled' }];
    });
  return { isDone: () => scope.isDone() && delivered };
}

/**
 * Intercepts chat.postMessage and chat.postEphemeral for the rest of the test. A post to a user id
 * (U.../W...) is the app's DM: refused with messages_tab_disabled when the manifest turns the
 * Messages tab off. Read-only (people cannot write to the app) still lets the app post.
 */
export function slackStandIn(manifestText?: string) {
  const tabOn = appHomeOf(manifestOf(manifestText)).messages_tab_enabled === true;
  const posts: SentMessage[] = [];
  const ephemerals: SentMessage[] = [];
  const scope = nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .optionally()
    .reply((_uri, body) => {
      const fields = formFields(body);
      if (/^[UW]/.test(fields.channel ?? '') && !tabOn)
        return [200, { ok: false, error: 'messages_tab_disabled' }];
      posts.push(fields);
      return [200, { ok: true, channel: fields.channel, ts: `${posts.length}.000100` }];
    })
    .post('/api/chat.postEphemeral')
    .optionally()
    .reply((_uri, body) => {
      ephemerals.push(formFields(body));
      return [200, { ok: true, message_ts: `${ephemerals.length}.000200` }];
    });
  // Optional and persisted: tests assert on `posts` and `ephemerals`, not on the interceptors.
  return { posts, ephemerals, done: () => scope.persist(false) };
}

/**
 * users.info for the requester, as Slack answers it to an app with users:read.email: filing looks
 * the requester up once, before the request is prepared.
 *   https://docs.slack.dev/reference/methods/users.info
 */
export function requesterKnown(profile = { email: 'asker@gitlab.example', real_name: 'Asker' }) {
  return nock('https://slack.com').post('/api/users.info').reply(200, { ok: true, user: { profile } });
}
