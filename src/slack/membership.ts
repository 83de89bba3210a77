// Who may file: only full members of the workspace (or Enterprise Grid organisation) the bot is
// installed in. A Slack Connect guest from a customer, a single- or multi-channel guest, a bot or a
// deactivated account can read the handbook's answers like anyone, but cannot open or submit a form
// that files as a GitLab team member, and does not see who is on call. Decided with users.info
// (https://docs.slack.dev/reference/methods/users.info; fields of https://api.slack.com/types/user),
// cached for a few minutes so the check at submit is usually free.
import { z } from 'zod';
import type { Logger } from '../logger';

/** The ids a payload carries about who acts. `userTeamId` only for payloads that have `user.team_id`. */
export interface Actor {
  userId?: string | undefined;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** Present (maybe empty) when the payload kind carries `user.team_id`: empty means missing. */
  userTeamId?: string | undefined;
}

export type Refusal =
  | 'missing-ids'
  | 'other-organisation'
  | 'stranger'
  | 'guest'
  | 'bot'
  | 'deleted'
  | 'unknown-user'
  | 'lookup-failed';

export type Membership = { member: true } | { member: false; reason: Refusal };

export interface Installation {
  teamId: string;
  enterpriseId?: string | undefined;
}

/** The Web API calls the check needs (Bolt's client has them). */
export interface MembershipClient {
  users: { info(args: { user: string }): Promise<unknown> };
  auth: { test(): Promise<unknown> };
}

export interface MembershipService {
  /** The cached answer, if any: lets a reply decide without waiting. */
  peek(actor: Actor): Membership | undefined;
  check(client: MembershipClient, actor: Actor): Promise<Membership>;
}

const userSchema = z.object({
  user: z
    .object({
      id: z.string(),
      team_id: z.string().optional(),
      deleted: z.boolean().optional(),
      is_bot: z.boolean().optional(),
      is_app_user: z.boolean().optional(),
      is_restricted: z.boolean().optional(),
      is_ultra_restricted: z.boolean().optional(),
      is_stranger: z.boolean().optional(),
      enterprise_user: z.object({ enterprise_id: z.string().optional() }).optional(),
    })
    .loose(),
});

const authSchema = z.object({ team_id: z.string().min(1), enterprise_id: z.string().optional() });

const CACHE_ENTRIES = 10_000;

/** What a refused person reads: polite, and the handbook's way to reach Support instead. */
export const NOT_A_MEMBER =
  'Only GitLab team members with a full account in this workspace can file requests to Support from ' +
  'here. Please ask your GitLab contact (a team member) to file it for you; customers can open a ' +
  'ticket through the Support Portal: https://about.gitlab.com/support/';
export const MEMBERSHIP_UNCHECKED =
  'I could not check your Slack account just now, so nothing was filed. Please try again in a minute.';

export const refusalText = (m: Membership): string =>
  !m.member && m.reason === 'lookup-failed' ? MEMBERSHIP_UNCHECKED : NOT_A_MEMBER;

/** Inside the installation: its own team, or any team of its Enterprise Grid organisation. */
function ours(install: Installation, teamId: string | undefined, enterpriseId?: string): boolean {
  if (teamId && teamId === install.teamId) return true;
  return Boolean(install.enterpriseId && enterpriseId === install.enterpriseId);
}

function judge(raw: unknown, install: Installation): Membership {
  const parsed = userSchema.safeParse(raw);
  if (!parsed.success) return { member: false, reason: 'unknown-user' };
  const u = parsed.data.user;
  if (u.deleted) return { member: false, reason: 'deleted' };
  if (u.is_bot || u.id === 'USLACKBOT') return { member: false, reason: 'bot' };
  if (u.is_stranger) return { member: false, reason: 'stranger' };
  if (u.is_restricted || u.is_ultra_restricted) return { member: false, reason: 'guest' };
  if (!ours(install, u.team_id, u.enterprise_user?.enterprise_id))
    return { member: false, reason: 'other-organisation' };
  return { member: true };
}

/** Slack's documented "no such user for you" errors: the person is not one of ours. */
const NOT_OURS_ERRORS = new Set(['user_not_found', 'user_not_visible']);

export function createMembership(
  logger: Logger,
  opts: { ttlMs?: number; installation?: Installation } = {},
): MembershipService {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const cache = new Map<string, { answer: Membership; expires: number }>();
  let known: Installation | undefined = opts.installation;
  let installation: Promise<Installation> | undefined = known ? Promise.resolve(known) : undefined;

  /** The bot's own workspace, from auth.test once; asked again after a failure. */
  const installationOf = (client: MembershipClient): Promise<Installation> => {
    installation ??= client.auth.test().then((res) => {
      const a = authSchema.parse(res);
      known = { teamId: a.team_id, ...(a.enterprise_id ? { enterpriseId: a.enterprise_id } : {}) };
      return known;
    });
    return installation.catch((err: unknown) => {
      installation = undefined;
      throw err;
    });
  };

  const refuse = (actor: Actor, reason: Refusal): Membership => {
    const { userId: user, teamId: team, userTeamId: userTeam, enterpriseId: enterprise } = actor;
    logger.warn({ user, team, userTeam, enterprise, reason }, 'not a member of this workspace: refused');
    return { member: false, reason };
  };

  /** What the payload's own ids already decide, before anyone is asked. */
  const byIds = (actor: Actor, install: Installation): Refusal | undefined => {
    if (!actor.userId || !(actor.teamId || actor.enterpriseId)) return 'missing-ids';
    if ('userTeamId' in actor && !actor.userTeamId) return 'missing-ids';
    if (!ours(install, actor.teamId, actor.enterpriseId)) return 'other-organisation';
    if (actor.userTeamId && !ours(install, actor.userTeamId, actor.enterpriseId)) return 'other-organisation';
    return undefined;
  };

  const cached = (userId: string): Membership | undefined => {
    const hit = cache.get(userId);
    return hit && hit.expires > Date.now() ? hit.answer : undefined;
  };

  const peek = (actor: Actor): Membership | undefined => {
    if (!known || !actor.userId) return undefined;
    const reason = byIds(actor, known);
    return reason ? { member: false, reason } : cached(actor.userId);
  };

  async function check(client: MembershipClient, actor: Actor): Promise<Membership> {
    if (!actor.userId || !(actor.teamId || actor.enterpriseId)) return refuse(actor, 'missing-ids');
    let install: Installation;
    try {
      install = await installationOf(client);
    } catch (err) {
      logger.error({ err }, 'auth.test failed: cannot tell members from others');
      return refuse(actor, 'lookup-failed');
    }
    const reason = byIds(actor, install);
    if (reason) return refuse(actor, reason);
    const userId = actor.userId;
    let answer = cached(userId);
    if (!answer) {
      try {
        answer = judge(await client.users.info({ user: userId }), install);
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (!code || !NOT_OURS_ERRORS.has(code)) {
          logger.warn({ err, user: userId }, 'users.info failed: the person is asked to try again');
          return refuse(actor, 'lookup-failed');
        }
        answer = { member: false, reason: 'unknown-user' };
      }
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(userId, { answer, expires: Date.now() + ttlMs });
    }
    return answer.member ? answer : refuse(actor, answer.reason);
  }

  return { peek, check };
}
