// GET /readyz beside /healthz: alive is not ready. Ready needs the rules and a store that answers.
import { request, startTestApp, type TestApp } from '../helpers/app';

describe('/readyz', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.stop());

  it('is 200 while the store answers, though alive (/healthz) is separate, and 503 when it stops answering', async () => {
    expect((await request(t.port, 'GET', '/healthz')).status).toBe(200);
    expect((await request(t.port, 'GET', '/readyz')).status).toBe(200);
    await t.deps.filing.store.close();
    const res = await request(t.port, 'GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ ok: false });
    expect((await request(t.port, 'GET', '/healthz')).status).toBe(200);
  });
});
