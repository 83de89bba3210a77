// main's wiring: the bot started as in production serves the webhooks on its own port (the Slack
// request URL keeps its own refusals), runs the status worker, and stops it with the rest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { createLogger } from '../../src/logger';
import { start } from '../../src/main';
import { request } from '../helpers/app';
import { bootConfig, stubSlackBoot } from '../helpers/boot';
import { GITLAB_SECRET, gitlabHeaders, issueEvent, ZENDESK_SECRET, zendeskHeaders } from './standins';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it('serves the webhooks next to /slack/events and stops cleanly', async () => {
  stubSlackBoot();
  const running = await start(
    bootConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'status-boot-')),
      ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET,
      GITLAB_WEBHOOK_SECRET: GITLAB_SECRET,
    }),
    createLogger('silent'),
  );
  const port = running.port!;
  try {
    const body = JSON.stringify({ ticket_id: 5 });
    expect((await request(port, 'POST', '/webhooks/zendesk', body, zendeskHeaders(body))).json()).toEqual({
      ok: true,
      result: 'ignored',
    });
    expect(
      (await request(port, 'POST', '/webhooks/zendesk', body, { 'content-type': 'application/json' })).status,
    ).toBe(401);
    const event = issueEvent('group/project', 1, 'close');
    expect((await request(port, 'POST', '/webhooks/gitlab', event, gitlabHeaders())).status).toBe(200);
    // The Slack request URL still refuses an unsigned request from the headers.
    expect(
      (await request(port, 'POST', '/slack/events', body, { 'content-type': 'application/json' })).status,
    ).toBe(401);
    expect(running.deps.status).toBeDefined();
  } finally {
    await running.stop();
  }
  await expect(request(port, 'GET', '/healthz')).rejects.toThrow();
});
