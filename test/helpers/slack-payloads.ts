// Payload factories for Bolt listener args: just the fields the handlers read, typed loosely on
// purpose (a handler must cope with what Slack sends, and tests build the minimum).
export type Recorded = { method: string; args: Record<string, unknown> }[];

export function fakeClient() {
  const calls: Recorded = [];
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    return { ok: true };
  };
  return {
    calls,
    client: {
      views: { open: record('views.open'), push: record('views.push'), update: record('views.update') },
      chat: { postMessage: record('chat.postMessage') },
    },
  };
}

export function fakeAck() {
  const acks: unknown[] = [];
  const ack = async (response?: unknown) => {
    acks.push(response);
  };
  return { acks, ack };
}

export interface ViewSubmissionInput {
  viewId?: string;
  userId?: string;
  teamId?: string;
  metadata: string;
  values: Record<string, unknown>;
}

export function viewSubmissionBody({
  viewId = 'V100',
  userId = 'U1',
  teamId = 'T1',
  metadata,
  values,
}: ViewSubmissionInput) {
  const view = {
    id: viewId,
    team_id: teamId,
    callback_id: 'file_form',
    private_metadata: metadata,
    hash: 'h1',
    state: { values },
  };
  return { body: { type: 'view_submission', team: { id: teamId }, user: { id: userId }, view }, view };
}
