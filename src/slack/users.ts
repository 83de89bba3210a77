// The Slack user lookups filing needs: the requester's name and email (users.info), and the Slack id
// of an on-call person a provider names by email (users.lookupByEmail). Emails are there only with
// the users:read.email scope; without it tickets go in unattributed.
import type { ChatPoster } from './chat';

/** The requester as Slack knows them (either may be unknown). */
export interface Requester {
  name?: string;
  email?: string;
}

export interface SlackUsers {
  users: {
    info(args: {
      user: string;
    }): Promise<{ user?: { real_name?: string; profile?: { email?: string; real_name?: string } } }>;
    lookupByEmail?(args: { email: string }): Promise<{ user?: { id?: string } }>;
  };
}

/** What filing uses of the Web API: posting messages and looking people up. */
export type SlackForFiling = ChatPoster & SlackUsers;

export function requesterLookup(client: SlackUsers): (userId: string) => Promise<Requester> {
  return async (userId) => {
    const { user } = await client.users.info({ user: userId });
    const name = user?.profile?.real_name ?? user?.real_name;
    const email = user?.profile?.email;
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  };
}

export function slackIdByEmail(client: SlackUsers): (email: string) => Promise<string | undefined> {
  return async (email) => (await client.users.lookupByEmail?.({ email }))?.user?.id;
}
