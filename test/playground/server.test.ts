// The playground's server: loopback only, the page under a Content-Security-Policy with no inline
// script, /act for JSON from the page only, and the Web API stand-in for the bot's token only.
import { startPlayground, type Playground } from '../../src/playground';
import { createLogger } from '../../src/logger';
import { request } from '../helpers/http';

describe('the playground server', () => {
  let p: Playground;
  beforeAll(async () => {
    p = await startPlayground({ env: {}, port: 0, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await p?.stop();
  });
  const host = () => ({ host: `127.0.0.1:${p.port}` });

  it('serves the page on 127.0.0.1 with a strict Content-Security-Policy', async () => {
    expect(p.url).toBe(`http://127.0.0.1:${p.port}/`);
    const res = await fetch(p.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await res.text();
    expect(body).toContain('<label for="message">Message</label>');
    expect(body).not.toMatch(/<script(?![^>]*src="\/client\.js")/);
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    expect((await request(p.port, 'GET', '/', '', { host: 'attacker.example' })).status).toBe(421);
  });

  it('takes page actions as JSON only, and only the actions the page sends', async () => {
    const form = await request(p.port, 'POST', '/act', 'type=message&text=hi', {
      ...host(),
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const odd = await request(p.port, 'POST', '/act', '{"type":"rm -rf"}', {
      ...host(),
      'content-type': 'application/json',
    });
    expect(odd.status).toBe(400);
  });

  it('answers the Web API for the bot token only', async () => {
    const call = (auth: Record<string, string>) =>
      request(p.port, 'POST', '/api/auth.test', '', {
        ...host(),
        'content-type': 'application/x-www-form-urlencoded',
        ...auth,
      });
    expect((await call({})).json()).toEqual({ ok: false, error: 'not_authed' });
    expect((await call({ authorization: 'Bearer xoxb-other' })).json()).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect((await call({ authorization: 'Bearer xoxb-playground' })).json()).toMatchObject({
      ok: true,
      team_id: 'T0PLAYGROUND',
    });
  });
});
