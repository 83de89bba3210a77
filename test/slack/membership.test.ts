// The membership rules on their own, with a client that answers as Slack documents users.info
// (https://docs.slack.dev/reference/methods/users.info) and auth.test
// (https://docs.slack.dev/reference/methods/auth.test: team_id, and enterprise_id on Enterprise Grid).
import { createMembership, type MembershipClient } from '../../src/slack/membership';
import { memoryLogger } from '../helpers/logger';

function client(user: Record<string, unknown>, auth: Record<string, unknown> = { ok: true, team_id: 'T1' }) {
  const calls = { info: 0, auth: 0 };
  const c: MembershipClient = {
    users: { info: () => ((calls.info += 1), Promise.resolve({ ok: true, user })) },
    auth: { test: () => ((calls.auth += 1), Promise.resolve(auth)) },
  };
  return { c, calls };
}

const logger = () => memoryLogger().logger;

describe('membership', () => {
  it('learns its own workspace from auth.test once, and caches each person', async () => {
    const m = createMembership(logger());
    const { c, calls } = client({ id: 'U1', team_id: 'T1' });
    const actor = { userId: 'U1', teamId: 'T1', userTeamId: 'T1' };
    expect(await m.check(c, actor)).toEqual({ member: true });
    expect(await m.check(c, actor)).toEqual({ member: true });
    expect(m.peek(actor)).toEqual({ member: true });
    expect(calls).toEqual({ info: 1, auth: 1 });
  });

  it('on Enterprise Grid, takes a member of another workspace of the same organisation', async () => {
    const auth = { ok: true, team_id: 'T1', enterprise_id: 'E1' };
    const m = createMembership(logger());
    const { c } = client({ id: 'U2', team_id: 'T2', enterprise_user: { enterprise_id: 'E1' } }, auth);
    expect(await m.check(c, { userId: 'U2', teamId: 'T2', enterpriseId: 'E1', userTeamId: 'T2' })).toEqual({
      member: true,
    });
  });

  it('refuses someone of another organisation on Grid, and forgets answers after the TTL', async () => {
    const m = createMembership(logger(), { installation: { teamId: 'T1', enterpriseId: 'E1' }, ttlMs: 0 });
    const { c, calls } = client({ id: 'U3', team_id: 'T9', enterprise_user: { enterprise_id: 'E9' } });
    const actor = { userId: 'U3', teamId: 'T1' };
    expect(await m.check(c, actor)).toEqual({ member: false, reason: 'other-organisation' });
    await m.check(c, actor);
    expect(calls.info).toBe(2);
  });

  it('knows nothing to peek at before the first check', () => {
    expect(createMembership(logger()).peek({ userId: 'U1', teamId: 'T1' })).toBeUndefined();
  });

  it('refuses missing ids without any call', async () => {
    const m = createMembership(logger(), { installation: { teamId: 'T1' } });
    const { c, calls } = client({ id: 'U1', team_id: 'T1' });
    expect(await m.check(c, { userId: 'U1' })).toEqual({ member: false, reason: 'missing-ids' });
    expect(await m.check(c, { teamId: 'T1' })).toEqual({ member: false, reason: 'missing-ids' });
    expect(calls).toEqual({ info: 0, auth: 0 });
  });

  it('treats Slackbot as a bot', async () => {
    const m = createMembership(logger(), { installation: { teamId: 'T1' } });
    const { c } = client({ id: 'USLACKBOT', team_id: 'T1' });
    expect(await m.check(c, { userId: 'USLACKBOT', teamId: 'T1' })).toEqual({ member: false, reason: 'bot' });
  });
});
