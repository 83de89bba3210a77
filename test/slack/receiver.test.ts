// The request URL's guards: signatures, stale and future timestamps, body cap, /healthz, ack deadline.
import { BODY_LIMIT_BYTES, guardRequest } from '../../src/slack/receiver';
import { commandBody } from '../helpers/payloads';
import { signedHeaders } from '../helpers/signing';
import { request, useTestApp } from '../helpers/app';
import type { IncomingMessage, ServerResponse } from 'node:http';

describe('HTTP receiver', () => {
  const app = useTestApp();

  it('answers GET /healthz with 200', async () => {
    const res = await request(app().port, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('refuses a bad signature with 401', async () => {
    const { body } = commandBody('help');
    const res = await request(
      app().port,
      'POST',
      '/slack/events',
      body,
      signedHeaders(body, { secret: 'wrong' }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses a stale timestamp (more than 5 minutes old) with 401', async () => {
    const { body } = commandBody('help');
    const old = Math.floor(Date.now() / 1000) - 301;
    const res = await request(
      app().port,
      'POST',
      '/slack/events',
      body,
      signedHeaders(body, { timestamp: old }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses a future timestamp with 401 even when the signature is right', async () => {
    const { body } = commandBody('help');
    const future = Math.floor(Date.now() / 1000) + 600;
    const res = await request(
      app().port,
      'POST',
      '/slack/events',
      body,
      signedHeaders(body, { timestamp: future }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses missing signature headers with 401', async () => {
    const { body } = commandBody('help');
    const res = await request(app().port, 'POST', '/slack/events', body, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a body over the cap with 413 before reading it', async () => {
    const body = 'text=' + 'a'.repeat(BODY_LIMIT_BYTES + 10);
    const res = await request(app().port, 'POST', '/slack/events', body, signedHeaders(body));
    expect(res.status).toBe(413);
  });

  it('answers 404 on other paths', async () => {
    const res = await request(app().port, 'GET', '/nope');
    expect(res.status).toBe(404);
  });
});

describe('guardRequest', () => {
  const fakeRes = () => {
    const res = { status: 0, writeHead: (s: number) => ((res.status = s), { end: () => undefined }) };
    return res;
  };
  const SIGNED = { 'x-slack-signature': `v0=${'ab'.repeat(32)}` };
  const req = (headers: Record<string, string>, method = 'POST') =>
    ({ method, headers: { ...SIGNED, ...headers }, resume: () => undefined }) as unknown as IncomingMessage;

  it('lets a normal request through', () => {
    const res = fakeRes();
    expect(
      guardRequest(
        req({ 'content-length': '10', 'x-slack-request-timestamp': '1000' }),
        res as unknown as ServerResponse,
        1000,
      ),
    ).toBe(true);
  });

  it('allows up to five minutes of clock skew into the future', () => {
    const res = fakeRes();
    expect(
      guardRequest(req({ 'x-slack-request-timestamp': '1300' }), res as unknown as ServerResponse, 1000),
    ).toBe(true);
    expect(
      guardRequest(req({ 'x-slack-request-timestamp': '1301' }), res as unknown as ServerResponse, 1000),
    ).toBe(false);
    expect(res.status).toBe(401);
  });

  it('does not guard GET requests', () => {
    const res = fakeRes();
    expect(
      guardRequest(
        req({ 'content-length': String(BODY_LIMIT_BYTES * 2) }, 'GET'),
        res as unknown as ServerResponse,
      ),
    ).toBe(true);
  });
});

describe('HTTP receiver, more malformed requests', () => {
  const app = useTestApp();

  it('refuses an unknown signature version with 401', async () => {
    const { body } = commandBody('help');
    const headers = signedHeaders(body);
    headers['x-slack-signature'] = headers['x-slack-signature']!.replace(/^v0=/, 'v1=');
    expect((await request(app().port, 'POST', '/slack/events', body, headers)).status).toBe(401);
  });

  it('answers a signed but malformed interactive payload with an error status, and keeps serving', async () => {
    const body = 'payload=%7Bnot-json';
    const res = await request(app().port, 'POST', '/slack/events', body, signedHeaders(body));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await app().send(commandBody('help'))).status).toBe(200);
  });
});
