// Who acts, from each payload kind, for the membership check. Slash commands carry no
// `user.team_id`; interactive payloads do, so there a missing one counts as missing.
import type { SlashCommand } from '@slack/bolt';
import type { Actor } from './membership';

export function actorOfCommand(command: Pick<SlashCommand, 'user_id' | 'team_id' | 'enterprise_id'>): Actor {
  return { userId: command.user_id, teamId: command.team_id, enterpriseId: command.enterprise_id };
}

/** The shape block_actions and view_submission bodies share. */
export interface InteractiveBody {
  user: { id: string; team_id?: string | undefined };
  team: { id: string; enterprise_id?: string | undefined } | null;
  enterprise?: { id: string } | null;
}

export function actorOfBody(body: InteractiveBody): Actor {
  return {
    userId: body.user.id,
    teamId: body.team?.id,
    enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id,
    userTeamId: body.user.team_id ?? '',
  };
}
