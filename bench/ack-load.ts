// Load generation for bench/ack.ts: a loopback Web API stub, signed /support requests and an
// open-loop schedule at a fixed rate (the schedule never waits for answers).
import { createHmac } from 'node:crypto';
import http from 'node:http';

export const SECRET = 'bench-secret';
export const TEXTS = [
  'how do I set up a pull mirror from github?',
  "customer's subscription expired yesterday and they are in the grace period",
  'who is the cmoc right now',
  'oncall support',
  'a gitlab.com user is locked out after losing their 2FA device',
  'can you escalate ticket 512345, the customer is waiting for two days',
  'I want to complain about the support we got from a reseller',
  'bananas',
];

export function stubServer(): Promise<{ server: http.Server; port: number; calls: () => number }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // auth.test and users.info answer as for a full member of workspace T0 (the membership check).
      res.end('{"ok":true,"team_id":"T0","user":{"id":"U1","team_id":"T0"}}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, calls: () => calls }),
    ),
  );
}

export function body(text: string, stubPort: number): string {
  return new URLSearchParams({
    team_id: 'T0',
    channel_id: 'C0',
    user_id: 'U1',
    command: '/support',
    text,
    response_url: `http://127.0.0.1:${stubPort}/respond`,
    trigger_id: '1.2.3',
    api_app_id: 'A0',
  }).toString();
}

export function post(agent: http.Agent, port: number, payload: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${payload}`).digest('hex')}`;
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
          'x-slack-request-timestamp': ts,
          'x-slack-signature': sig,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const pctl = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

export interface Sample {
  latencies: number[];
  errors: number;
  sent: number;
}

export async function phase(
  port: number,
  stubPort: number,
  rate: number,
  secs: number,
  into: Sample,
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * secs);
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate; // open loop: the schedule does not wait for answers
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(agent, port, body(TEXTS[i % TEXTS.length]!, stubPort)).then(
        (ms) => void into.latencies.push(ms),
        () => void (into.errors += 1),
      ),
    );
  }
  await Promise.all(pending);
  into.sent += total;
  agent.destroy();
}
