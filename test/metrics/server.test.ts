// GET /metrics on METRICS_PORT: Prometheus text format; nothing else is served there, and the port
// may not be the Slack port.
import { operatingProblems, parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics/registry';
import { startMetricsServer } from '../../src/metrics/server';
import { request } from '../helpers/http';

describe('metrics server', () => {
  it('serves the registry at GET /metrics and 404 for anything else', async () => {
    const metrics = createMetrics();
    metrics.requests.inc({ surface: 'home' });
    metrics.outbox(async () => ({ pending: 3, oldestPendingAt: Date.now() - 90_000 }));
    const server = await startMetricsServer(metrics, 0, createLogger('silent'));
    try {
      const res = await request(server.port, 'GET', '/metrics');
      expect(res.status).toBe(200);
      expect(res.body).toContain('support_router_requests_total{surface="home"} 1');
      expect(res.body).toContain('support_router_outbox_pending 3');
      const age = Number(/^support_router_outbox_oldest_seconds (\S+)$/m.exec(res.body)?.[1]);
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(100);
      expect((await request(server.port, 'POST', '/metrics')).status).toBe(404);
      expect((await request(server.port, 'GET', '/slack/events')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('reports the outbox as empty when its store cannot be read', async () => {
    const metrics = createMetrics();
    metrics.outbox(() => Promise.reject(new Error('database down')));
    const text = await metrics.registry.metrics();
    expect(text).toContain('support_router_outbox_pending 0');
  });

  it('refuses METRICS_PORT equal to PORT at boot', () => {
    expect(operatingProblems(parseConfig({ PORT: '3000', METRICS_PORT: '3000' }))).toEqual([
      expect.stringMatching(/^METRICS_PORT: must differ from PORT/),
    ]);
    expect(operatingProblems(parseConfig({ PORT: '3000', METRICS_PORT: '9464' }))).toEqual([]);
  });
});
