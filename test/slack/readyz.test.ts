// GET /readyz beside /healthz: alive is not ready. Ready needs the rules and a store that answers.
import { createFilingService } from '../../src/filing/service';
import { parseConfig } from '../../src/config';
import { request, startTestApp, type TestApp } from '../helpers/app';
import { freshSqlite } from '../helpers/stores';

describe('/readyz', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.stop());

  it('is 503 while the store is not open, though /healthz is 200', async () => {
    expect((await request(t.port, 'GET', '/healthz')).status).toBe(200);
    const res = await request(t.port, 'GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ ok: false });
  });

  it('is 200 once the store answers, and 503 again when it stops answering', async () => {
    const store = await freshSqlite();
    t.deps.filing = await createFilingService({
      config: parseConfig({}),
      logger: t.deps.logger,
      rules: t.deps.rules,
      slack: t.app.client,
      store,
    });
    expect((await request(t.port, 'GET', '/readyz')).status).toBe(200);
    await store.close();
    expect((await request(t.port, 'GET', '/readyz')).status).toBe(503);
  });
});
