// Sends the app what Slack would, over signed HTTP to its request URL: slash commands form-encoded,
// interactivity as `payload=<json>`, events as JSON. Returns the app's ack body.
//   https://docs.slack.dev/interactivity/handling-user-interaction
import http from 'node:http';
import { signedHeaders } from './signing';

export interface AppEndpoint {
  port: number;
  signingSecret: string;
}

export interface Ack {
  status: number;
  /** The ack's JSON body; undefined when it was empty or not JSON. */
  body: Record<string, unknown> | undefined;
}

function post(to: AppEndpoint, body: string, contentType: string): Promise<Ack> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: to.port,
        method: 'POST',
        path: '/slack/events',
        headers: {
          ...signedHeaders(body, { secret: to.signingSecret, contentType }),
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: parseAck(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function parseAck(text: string): Ack['body'] {
  if (!text.trim()) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const FORM = 'application/x-www-form-urlencoded';

export const sendCommand = (to: AppEndpoint, fields: Record<string, string>) =>
  post(to, new URLSearchParams(fields).toString(), FORM);

export const sendInteraction = (to: AppEndpoint, payload: object) =>
  post(to, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);

export const sendEvent = (to: AppEndpoint, envelope: object) =>
  post(to, JSON.stringify(envelope), 'application/json');
