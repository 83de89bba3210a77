// Times outgoing HTTP calls by service without touching any client: every client here goes through
// Node's fetch (undici: the Slack Web API, gitbeaker, PagerDuty, ChatOps) or node:http (node-zendesk),
// and both publish diagnostics_channel messages for each request. A call is labelled by the host it
// goes to, matched against the configured URLs; calls to any other host are not recorded.
import diagnostics from 'node:diagnostics_channel';
import type { Config } from '../config';
import type { Metrics, RemoteService } from './registry';

type Hosts = Pick<Config, 'SLACK_API_URL' | 'GITLAB_URL' | 'ZENDESK_URL' | 'PAGERDUTY_API_URL'>;

/** ChatOps runs as GitLab pipelines: the same host as filing, told apart by the API path. */
const CHATOPS_PATH = /\/api\/v4\/projects\/[^/]+\/(trigger\/pipeline|pipelines|jobs)\b/;

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
};

/** Maps (host, path) to a service, or undefined for a host the bot was not configured to call. */
export function serviceResolver(config: Hosts): (host: string, path: string) => RemoteService | undefined {
  const exact = new Map<string, RemoteService>();
  const add = (url: string | undefined, service: RemoteService) => {
    const host = hostOf(url);
    if (host && !exact.has(host)) exact.set(host, service);
  };
  add(config.SLACK_API_URL, 'slack');
  add(config.ZENDESK_URL, 'zendesk');
  add(config.PAGERDUTY_API_URL, 'pagerduty');
  add(config.GITLAB_URL, 'gitlab');
  return (rawHost, path) => {
    const host = rawHost.toLowerCase();
    const hostname = host.replace(/:\d+$/, '');
    let service = exact.get(host) ?? exact.get(hostname);
    if (!service && (hostname === 'slack.com' || hostname.endsWith('.slack.com'))) service = 'slack';
    if (!service && hostname.endsWith('.zendesk.com')) service = 'zendesk';
    if (service === 'gitlab' && CHATOPS_PATH.test(path)) return 'chatops';
    return service;
  };
}

interface Timed {
  service: RemoteService;
  started: number;
}

/** Subscribes once per process-wide channel; returns the function that unsubscribes. */
export function instrumentRemoteCalls(
  metrics: Metrics,
  config: Hosts,
  now: () => number = performance.now.bind(performance),
): () => void {
  const resolve = serviceResolver(config);
  const inFlight = new WeakMap<object, Timed>();
  const finish = (key: object, status: string) => {
    const timed = inFlight.get(key);
    if (!timed) return;
    inFlight.delete(key);
    metrics.remoteSeconds.observe({ service: timed.service, status }, (now() - timed.started) / 1000);
  };
  const start = (key: object, host: string | undefined, path: string | undefined) => {
    const service = host ? resolve(host, path ?? '/') : undefined;
    if (service) inFlight.set(key, { service, started: now() });
  };
  const subscriptions: Array<[string, (message: unknown) => void]> = [
    // fetch (undici): origin is "https://host[:port]".
    [
      'undici:request:create',
      (m) => {
        const { request } = m as { request: { origin?: string; path?: string } };
        start(request, hostOf(request.origin), request.path);
      },
    ],
    [
      'undici:request:headers',
      (m) => {
        const { request, response } = m as { request: object; response: { statusCode: number } };
        finish(request, String(response.statusCode));
      },
    ],
    ['undici:request:error', (m) => finish((m as { request: object }).request, 'error')],
    // node:http (node-zendesk): a ClientRequest with host and path.
    [
      'http.client.request.start',
      (m) => {
        const { request } = m as {
          request: { host?: string; path?: string; getHeader?(n: string): unknown };
        };
        const header = request.getHeader?.('host');
        start(request, typeof header === 'string' ? header : request.host, request.path);
      },
    ],
    [
      'http.client.response.finish',
      (m) => {
        const { request, response } = m as { request: object; response: { statusCode?: number } };
        finish(request, String(response.statusCode ?? 'error'));
      },
    ],
    ['http.client.request.error', (m) => finish((m as { request: object }).request, 'error')],
  ];
  for (const [name, fn] of subscriptions) diagnostics.subscribe(name, fn);
  return () => {
    for (const [name, fn] of subscriptions) diagnostics.unsubscribe(name, fn);
  };
}
