// Who may file, through the real Bolt app over signed HTTP with the real membership check: Slack
// answers users.info (nock) with the user object it documents, flags included
// (https://docs.slack.dev/reference/methods/users.info, https://api.slack.com/types/user; errors
// user_not_found / user_not_visible). Guests, Slack Connect users, bots, deactivated accounts and
// payloads without ids are refused at open and at submit; the handbook's answers stay open to all.
import nock from 'nock';
import { ACTION_OPEN_FORM } from '../../src/ids';
import { loadRules } from '../../src/routing/load';
import {
  createMembership,
  MEMBERSHIP_UNCHECKED,
  NOT_A_MEMBER,
  type MembershipService,
} from '../../src/slack/membership';
import { eventually, formFields, type TestApp } from '../helpers/app';
import { startFilingApp, stopFilingApp, submitForm } from '../helpers/filing-app';
import { memoryLogger } from '../helpers/logger';
import {
  blockActionBody,
  commandBody,
  eventBody,
  homeOpenedEvent,
  RESPONSE_URL,
  TEAM,
  USER,
} from '../helpers/payloads';

const rules = loadRules();
const GUEST = 'U0GUEST';

type SlackUser = Record<string, unknown>;
const member = (id: string, extra: SlackUser = {}): SlackUser => ({
  id,
  team_id: TEAM,
  deleted: false,
  is_bot: false,
  is_restricted: false,
  is_ultra_restricted: false,
  profile: { real_name: 'Someone' },
  ...extra,
});

/** users.info for one user id, answered once (a second call would fail the test as unexpected). */
const usersInfo = (id: string, reply: object) =>
  nock('https://slack.com')
    .post('/api/users.info', (b) => formFields(b).user === id)
    .reply(200, reply);

let t: TestApp;
let log: ReturnType<typeof memoryLogger>;
let membership: MembershipService;

beforeEach(async () => {
  log = memoryLogger();
  membership = createMembership(log.logger, { installation: { teamId: TEAM } });
  t = await startFilingApp({ rules, membership });
});
afterEach(() => stopFilingApp(t));

const stored = () => t.deps.filing!.store.countByStatus();
const refusedInModal = (res: { json(): unknown }) =>
  expect(res.json()).toEqual({ response_action: 'errors', errors: { title: NOT_A_MEMBER } });

describe('at submit', () => {
  const refusals: Array<[string, SlackUser]> = [
    ['a single-channel guest', member(GUEST, { is_restricted: true, is_ultra_restricted: true })],
    ['a multi-channel guest', member(GUEST, { is_restricted: true })],
    ['a Slack Connect user seen as a stranger', member(GUEST, { is_stranger: true, team_id: 'T0OTHER' })],
    ['a bot user', member(GUEST, { is_bot: true })],
    ['a deactivated account', member(GUEST, { deleted: true })],
  ];

  it.each(refusals)('refuses %s, stores nothing, and logs who it was', async (_name, user) => {
    usersInfo(GUEST, { ok: true, user });
    const res = await submitForm(t, 'support-meta', { user: { id: GUEST, team_id: TEAM } });
    refusedInModal(res);
    expect(await stored()).toEqual({ pending: 0, filed: 0, failed: 0 });
    const line = log.lines().find((l) => l.includes('not a member of this workspace'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ user: GUEST, team: TEAM, userTeam: TEAM });
  });

  it('refuses a Slack Connect user whose user.team_id is another organisation, without asking Slack', async () => {
    const res = await submitForm(t, 'support-meta', { user: { id: 'U0EXT', team_id: 'T0OTHER' } });
    refusedInModal(res);
    expect(await stored()).toMatchObject({ pending: 0 });
  });

  it('refuses a payload without user.team_id (it used to be let through)', async () => {
    const res = await submitForm(t, 'support-meta', { user: { id: USER } });
    refusedInModal(res);
    expect(await stored()).toMatchObject({ pending: 0 });
  });

  it('refuses a user Slack does not show to the bot (user_not_found)', async () => {
    usersInfo(GUEST, { ok: false, error: 'user_not_found' });
    refusedInModal(await submitForm(t, 'support-meta', { user: { id: GUEST, team_id: TEAM } }));
  });

  it('takes a full member', async () => {
    usersInfo(USER, { ok: true, user: member(USER) });
    expect((await submitForm(t, 'support-meta')).json()).toMatchObject({ response_action: 'update' });
    expect(await stored()).toMatchObject({ pending: 1 });
  });

  it('asks the person to try again when users.info fails, and remembers nothing', async () => {
    nock('https://slack.com').post('/api/users.info').reply(500, 'oops');
    const res = await submitForm(t, 'support-meta');
    expect(res.json()).toEqual({ response_action: 'errors', errors: { title: MEMBERSHIP_UNCHECKED } });
    usersInfo(USER, { ok: true, user: member(USER) });
    const again = await submitForm(t, 'support-meta', { viewId: 'V0AGAIN' });
    expect(again.json()).toMatchObject({ response_action: 'update' });
  });
});

describe('at open', () => {
  const told = (text: string) =>
    nock('https://hooks.slack.com')
      .post(new URL(RESPONSE_URL).pathname, (b: { text?: string }) => b.text === text)
      .reply(200, 'ok');

  it('a guest clicking "Open the form" is told why, and no modal opens', async () => {
    usersInfo(GUEST, { ok: true, user: member(GUEST, { is_restricted: true }) });
    const answer = told(NOT_A_MEMBER);
    const click = blockActionBody(
      { type: 'button', action_id: ACTION_OPEN_FORM, value: 'support-meta' },
      { user: { id: GUEST, username: 'guest', team_id: TEAM } },
    );
    expect((await t.send(click)).status).toBe(200);
    await eventually(() => answer.isDone());
  });

  it('a guest typing a form subcommand is told why, and no modal opens', async () => {
    usersInfo(GUEST, { ok: true, user: member(GUEST, { is_ultra_restricted: true }) });
    const answer = told(NOT_A_MEMBER);
    await t.send(commandBody('meta an idea', { user_id: GUEST }));
    await eventually(() => answer.isDone());
  });

  it('a command from another team is refused without asking Slack', async () => {
    const answer = told(NOT_A_MEMBER);
    await t.send(commandBody('meta an idea', { team_id: 'T0OTHER' }));
    await eventually(() => answer.isDone());
  });

  it('a member opens the form, and the check at submit comes from the cache', async () => {
    usersInfo(USER, { ok: true, user: member(USER) }); // once: open and submit share it
    const opened = nock('https://slack.com').post('/api/views.open').reply(200, { ok: true });
    await t.send(blockActionBody({ type: 'button', action_id: ACTION_OPEN_FORM, value: 'support-meta' }));
    await eventually(() => opened.isDone());
    expect((await submitForm(t, 'support-meta')).json()).toMatchObject({ response_action: 'update' });
  });
});

describe('answers stay open to everyone; on-call names are for members', () => {
  it('a guest gets the handbook answer to /support, quoted back', async () => {
    const res = await t.send(commandBody('how do I do this?', { user_id: GUEST }));
    expect(JSON.stringify(res.json())).toContain('how do I do this?');
  });

  it('a guest asking who is on call is told where to go, without names', async () => {
    usersInfo(GUEST, { ok: true, user: member(GUEST, { is_restricted: true }) });
    let replaced = '';
    const answer = nock('https://hooks.slack.com')
      .post(new URL(RESPONSE_URL).pathname, (b: object) => Boolean((replaced = JSON.stringify(b))))
      .reply(200, 'ok');
    await t.send(commandBody('oncall', { user_id: GUEST }));
    await eventually(() => answer.isDone());
    expect(replaced).toContain('members of this workspace only');
    expect(replaced).not.toMatch(/Alice|Bob|U0ALICE|U0BOB/);
  });

  it('a guest opening App Home sees neither names nor forms', async () => {
    usersInfo(GUEST, { ok: true, user: member(GUEST, { is_restricted: true }) });
    let view = '';
    const published = nock('https://slack.com')
      .post('/api/views.publish', (b) => Boolean((view = formFields(b).view ?? '')))
      .reply(200, { ok: true });
    await t.send(eventBody(homeOpenedEvent({ user: GUEST })));
    await eventually(() => published.isDone());
    expect(view).toContain('members of this workspace only');
    expect(view).not.toMatch(/Alice|U0ALICE|open_form/);
  });

  it('a member sees the names', async () => {
    usersInfo(USER, { ok: true, user: member(USER) });
    let replaced = '';
    const answer = nock('https://hooks.slack.com')
      .post(new URL(RESPONSE_URL).pathname, (b: object) => Boolean((replaced = JSON.stringify(b))))
      .reply(200, 'ok');
    await t.send(commandBody('oncall'));
    await eventually(() => answer.isDone());
    expect(replaced).toContain('U0ALICE');
  });
});
