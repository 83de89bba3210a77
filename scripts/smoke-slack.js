#!/usr/bin/env node
// Helpers for the container smoke test (scripts/docker-smoke.sh), Node built-ins only:
//   smoke-slack.js serve PORT_FILE          a loopback stand-in for the Slack Web API: auth.test answers
//                                           as Slack documents (https://api.slack.com/methods/auth.test),
//                                           every other method {"ok":true}; writes its port to PORT_FILE
//   smoke-slack.js command PORT SECRET TEXT sends a signed /support request (Slack's signing scheme,
//                                           https://api.slack.com/authentication/verifying-requests-from-slack)
//                                           and prints the answer's first line; exit 1 unless it is a 200
//                                           with an ephemeral answer
//   smoke-slack.js wait URL SECONDS         polls URL until it answers 200; prints the seconds it took
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');

const [, , mode, ...args] = process.argv;

function serve(portFile) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const method = (req.url || '').replace(/^\/api\//, '').split('?')[0];
      const reply =
        method === 'auth.test'
          ? {
              ok: true,
              url: 'https://smoke.slack.com/',
              team: 'Smoke',
              user: 'support-router',
              team_id: 'T0SMOKE',
              user_id: 'U0BOT',
              bot_id: 'B0BOT',
            }
          : { ok: true };
      process.stdout.write(`stand-in Slack API: ${method}\n`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function command(port, secret, text) {
  const body = new URLSearchParams({
    token: 'unused',
    team_id: 'T0SMOKE',
    team_domain: 'smoke',
    channel_id: 'C0SMOKE',
    channel_name: 'smoke',
    user_id: 'U0SMOKE',
    user_name: 'smoke',
    command: '/support',
    text,
    api_app_id: 'A0SMOKE',
    response_url: 'https://hooks.slack.com/commands/T0SMOKE/1/smoke',
    trigger_id: '1.2.smoke',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
    body,
  });
  const answer = await res.json().catch(() => ({}));
  if (res.status !== 200 || answer.response_type !== 'ephemeral' || !answer.text) {
    process.stderr.write(`unexpected answer: ${res.status} ${JSON.stringify(answer).slice(0, 300)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${String(answer.text).split('\n')[0].slice(0, 120)}\n`);
}

async function wait(url, seconds) {
  const started = Date.now();
  while (Date.now() - started < Number(seconds) * 1000) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      process.stdout.write(`${((Date.now() - started) / 1000).toFixed(2)}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stderr.write(`${url} did not answer within ${seconds} s\n`);
  process.exit(1);
}

const modes = { serve, command, wait };
if (!Object.hasOwn(modes, mode)) {
  process.stderr.write(
    'usage: smoke-slack.js serve PORT_FILE | command PORT SECRET TEXT | wait URL SECONDS\n',
  );
  process.exit(2);
}
Promise.resolve(modes[mode](...args)).catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
