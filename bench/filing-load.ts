// Load client of the filing benchmark: the signed view_submission payloads (one in three of each
// kind of form) and one POST per submission, timed from sending the request to reading the whole answer.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { encodeMetadata } from '../src/forms/metadata';

export const SECRET = 'bench-secret';

/** One form in three of each kind: STAR (GitLab), internal request (Zendesk), meta issue (GitLab). */
export interface FormAnswers {
  route: string;
  option?: string;
  values: Record<string, string>;
}

export function formAnswers(i: number): FormAnswers {
  const kinds: FormAnswers[] = [
    {
      route: 'star',
      values: {
        ticket_link: `https://gitlab.zendesk.com/agent/tickets/${1000 + i}`,
        urgency: 'timely',
        plan: 'saas-premium',
        group: 'acme',
        reason: 'stalled',
        details: 'No reply.',
        desired_result: 'Reply today.',
      },
    },
    {
      route: 'internal-request/saas-extend-trial',
      option: 'saas-extend-trial',
      values: {
        contact_email: `c${i}@acme.example`,
        namespace: 'acme',
        new_date: '2030-01-01',
        context: 'Renewal.',
      },
    },
    { route: 'support-meta', values: { title: `Idea ${i}`, description: 'Details.' } },
  ];
  return kinds[i % 3]!;
}

/** The signed view_submission of formAnswers(i). */
export function submission(i: number, teamId: string) {
  const k = formAnswers(i);
  const state = Object.fromEntries(
    Object.entries(k.values).map(([id, v]) => [
      id,
      {
        value: ['urgency', 'plan', 'reason'].includes(id)
          ? { type: 'static_select', selected_option: { value: v } }
          : id === 'new_date'
            ? { type: 'datepicker', selected_date: v }
            : { type: 'plain_text_input', value: v },
      },
    ]),
  );
  const view = {
    id: `VB${i}`,
    team_id: teamId,
    callback_id: 'file_form',
    hash: 'h',
    private_metadata: encodeMetadata({ routeId: k.route, ...(k.option ? { optionId: k.option } : {}) }),
    state: { values: state },
  };
  return {
    kind: i % 3 === 1 ? 'ticket' : 'issue',
    payload: {
      type: 'view_submission',
      team: { id: teamId },
      user: { id: `U${i % 17}`, team_id: teamId },
      view,
      api_app_id: 'A1',
      token: 'x',
    },
  };
}

export function post(
  port: number,
  payload: unknown,
): Promise<{ ms: number; status: number; accepted: boolean }> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/slack/events',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': sig,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            accepted: text.includes('"response_action":"update"'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
