// GET /metrics on its own port (METRICS_PORT), never on the Slack port: the request URL is public,
// the metrics are for the operator's scraper. Anything else on this port is a 404.
import http from 'node:http';
import type { Logger } from '../logger';
import type { Metrics } from './registry';

export const METRICS_PATH = '/metrics';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export function startMetricsServer(metrics: Metrics, port: number, logger: Logger): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== METRICS_PATH) {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (err: unknown) => {
        logger.error({ err }, 'could not collect the metrics');
        res.writeHead(500).end();
      },
    );
  });
  // A scraper holds no connection open for long; these keep a stuck one from pinning a socket.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
