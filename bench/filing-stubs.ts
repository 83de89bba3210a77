// Loopback stand-ins for GitLab, Zendesk and the Slack Web API, used by the filing benchmark and the
// crash/replica tests. They behave like the real services where it matters for exactly-once filing:
// Zendesk honours Idempotency-Key, GitLab's issue search finds the marker, creation is rate-limited
// (429 + Retry-After) per minute, and a hook can make a call hang after the work was done.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { parseConfig, type Config } from '../src/config';

/** The bot's settings for filing against the stubs at `url` (GitLab and Zendesk both there). */
export function stubbedConfig(url: string, extra: Record<string, string> = {}): Config {
  return parseConfig({
    GITLAB_URL: url,
    GITLAB_TOKEN: 'glpat-bench',
    ZENDESK_URL: url,
    ZENDESK_EMAIL: 'bot@gitlab.example',
    ZENDESK_API_TOKEN: 'z',
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

export interface StubOptions {
  /** Issue creations per minute (GitLab.com: 200). */
  gitlabPerMinute?: number;
  /** Ticket creations per minute (Zendesk Enterprise: 700). */
  zendeskPerMinute?: number;
  /** Added to every response. */
  latencyMs?: number;
  /** Return true to create the issue/ticket and then never answer (a lost response). */
  hangAfterCreate?: (kind: 'issue' | 'ticket', n: number) => boolean;
}

interface Issue {
  iid: number;
  project: string;
  title: string;
  description: string;
  web_url: string;
}

/** A per-minute limit as a token bucket that starts full and refills continuously. */
class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly perMinute: number) {
    this.tokens = perMinute;
  }
  take(): { ok: true } | { ok: false; retryAfterS: number } {
    const now = Date.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.last) / 60_000) * this.perMinute);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(((1 - this.tokens) * 60) / this.perMinute)) };
  }
}

export class RemoteStubs extends EventEmitter {
  readonly issues: Issue[] = [];
  readonly tickets = new Map<string, number>();
  /** Ticket ids by external_id, for GET /api/v2/tickets.json?external_id= (a retry's lookup). */
  readonly ticketsByExternalId = new Map<string, number>();
  readonly counts = { issuePosts: 0, ticketPosts: 0, searches: 0, rateLimited: 0, slackPosts: 0 };
  /** Idempotency-Key of every ticket POST, in order. */
  readonly ticketKeys: string[] = [];
  private server?: http.Server;
  private readonly hung = new Set<http.ServerResponse>();
  private readonly gitlabBucket: Bucket;
  private readonly zendeskBucket: Bucket;
  url = '';

  constructor(private readonly options: StubOptions = {}) {
    super();
    this.gitlabBucket = new Bucket(options.gitlabPerMinute ?? 200);
    this.zendeskBucket = new Bucket(options.zendeskPerMinute ?? 700);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const reply = () => this.handle(req, res, body);
        if (this.options.latencyMs) setTimeout(reply, this.options.latencyMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private json(
    res: http.ServerResponse,
    status: number,
    data: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(data));
  }

  private hang(res: http.ServerResponse): void {
    this.hung.add(res);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (
      path.startsWith('/api/chat.postMessage') ||
      path.startsWith('/api/users.info') ||
      path.startsWith('/api/views.')
    ) {
      if (path.includes('chat.postMessage')) this.counts.slackPosts += 1;
      this.emit('slack', path, body);
      // users.info answers with a full member of the bench's workspace (TB).
      return this.json(res, 200, { ok: true, user: { id: 'U0', team_id: 'TB', profile: {} }, ts: '1.1' });
    }
    if (req.method === 'POST' && path === '/api/v2/tickets.json') return this.createTicket(req, res, body);
    if (req.method === 'GET' && path === '/api/v2/tickets.json') {
      this.counts.searches += 1;
      const externalId = url.searchParams.get('external_id') ?? '';
      const id = this.ticketsByExternalId.get(externalId);
      const tickets = id === undefined ? [] : [{ id, external_id: externalId }];
      return this.json(res, 200, { tickets, meta: { has_more: false }, links: { next: null } });
    }
    if ((m = /^\/api\/v4\/projects\/([^/]+)\/issues$/.exec(path))) {
      const project = decodeURIComponent(m[1]!);
      if (req.method === 'POST') return this.createIssue(project, res, body);
      this.counts.searches += 1;
      const search = url.searchParams.get('search') ?? '';
      return this.json(
        res,
        200,
        this.issues.filter((i) => i.project === project && i.description.includes(search)).slice(0, 5),
      );
    }
    if (/^\/api\/v4\/projects\/[^/]+\/templates\/issues\//.test(path))
      return this.json(res, 200, { name: 't', content: '## Template\n- [ ] step' });
    if (path === '/api/v4/users')
      return this.json(res, 200, [{ id: 1, username: url.searchParams.get('username') }]);
    this.json(res, 404, { message: '404 Not found' });
  }

  private createTicket(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    this.counts.ticketPosts += 1;
    const key = String(req.headers['idempotency-key'] ?? '');
    this.ticketKeys.push(key);
    const known = key ? this.tickets.get(key) : undefined;
    if (known !== undefined)
      return this.json(res, 201, { ticket: { id: known } }, { 'x-idempotency-lookup': 'hit' });
    const limit = this.zendeskBucket.take();
    if (!limit.ok) {
      this.counts.rateLimited += 1;
      return this.json(
        res,
        429,
        { error: 'APIRateLimitExceeded' },
        { 'retry-after': String(limit.retryAfterS) },
      );
    }
    const id = 100_000 + this.tickets.size + 1;
    if (key) this.tickets.set(key, id);
    const externalId = (JSON.parse(body) as { ticket?: { external_id?: unknown } }).ticket?.external_id;
    if (typeof externalId === 'string') this.ticketsByExternalId.set(externalId, id);
    this.emit('ticket', id);
    if (this.options.hangAfterCreate?.('ticket', this.tickets.size)) return this.hang(res);
    this.json(res, 201, { ticket: { id } }, { 'x-idempotency-lookup': 'miss' });
  }

  private createIssue(project: string, res: http.ServerResponse, body: string): void {
    this.counts.issuePosts += 1;
    const limit = this.gitlabBucket.take();
    if (!limit.ok) {
      this.counts.rateLimited += 1;
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(limit.retryAfterS) });
      return void res.end('Retry later');
    }
    const data = JSON.parse(body) as { title: string; description?: string };
    const iid = this.issues.filter((i) => i.project === project).length + 1;
    const issue: Issue = {
      iid,
      project,
      title: data.title,
      description: data.description ?? '',
      web_url: `${this.url}/${project}/-/issues/${iid}`,
    };
    this.issues.push(issue);
    this.emit('issue', issue);
    if (this.options.hangAfterCreate?.('issue', this.issues.length)) return this.hang(res);
    this.json(res, 201, issue);
  }

  /** Tickets or issues created more than once for the same submission (must stay empty). */
  duplicates(): string[] {
    const markers = this.issues.map(
      (i) => /supportrouter[0-9a-f]+/.exec(i.description)?.[0] ?? `none-${i.iid}`,
    );
    return markers.filter((m, i) => markers.indexOf(m) !== i);
  }
}
