// Links people paste are parsed, never fetched: only the configured Zendesk and GitLab hosts are
// accepted, the id is taken out and the URL rebuilt from the host we trust, so a look-alike host,
// a localhost URL or an embedded credential never reaches an issue, a ticket or a request.

export interface LinkHosts {
  /** Zendesk hosts, e.g. ["gitlab.zendesk.com"]. */
  zendesk: string[];
  /** GitLab base URL, e.g. "https://gitlab.com". */
  gitlabUrl: string;
  /** Project whose issues count as internal requests for a STAR. */
  internalRequestsProject: string;
}

export type TicketLink =
  { kind: 'zendesk'; id: number; url: string } | { kind: 'internal-request'; iid: number; url: string };

/** Slack sometimes wraps URLs as <url> or <url|label>; people paste with spaces around. */
function unwrap(text: string): string {
  const t = text.trim();
  const m = /^<([^|>]+)(\|[^>]*)?>$/.exec(t);
  return (m?.[1] ?? t).trim();
}

function parseUrl(text: string): URL | undefined {
  try {
    const url = new URL(unwrap(text));
    if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

export function parseTicketLink(text: string, hosts: LinkHosts): TicketLink | undefined {
  const url = parseUrl(text);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase();
  if (hosts.zendesk.map((h) => h.toLowerCase()).includes(host)) {
    const m = /^\/(?:agent\/tickets|hc\/[a-z-]+\/requests|requests|tickets)\/(\d{1,12})\/?$/i.exec(
      url.pathname,
    );
    if (!m?.[1]) return undefined;
    return { kind: 'zendesk', id: Number(m[1]), url: `https://${host}/agent/tickets/${m[1]}` };
  }
  const gitlab = new URL(hosts.gitlabUrl);
  if (host === gitlab.hostname.toLowerCase()) {
    const project = hosts.internalRequestsProject.replace(/^\/+|\/+$/g, '');
    const m = /^\/(.+?)\/(?:-\/)?issues\/(\d{1,9})\/?$/.exec(url.pathname);
    if (!m?.[1] || !m[2] || m[1].toLowerCase() !== project.toLowerCase()) return undefined;
    return {
      kind: 'internal-request',
      iid: Number(m[2]),
      url: `${gitlab.origin}/${project}/-/issues/${m[2]}`,
    };
  }
  return undefined;
}

const PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*){0,19}$/;

/** A GitLab.com group or namespace: a URL on the GitLab host, or a bare path like "my-group/sub". */
export function parseGroup(text: string, gitlabUrl: string): { path: string; url: string } | undefined {
  const raw = unwrap(text);
  const gitlab = new URL(gitlabUrl);
  let path = raw.replace(/^@/, '');
  if (/^[a-z]+:\/\//i.test(raw)) {
    const url = parseUrl(raw);
    if (!url || url.hostname.toLowerCase() !== gitlab.hostname.toLowerCase()) return undefined;
    path = url.pathname
      .replace(/^\/(groups\/)?/, '')
      .replace(/\/-\/.*$/, '')
      .replace(/\/+$/, '');
  }
  if (!PATH.test(path) || path.split('/').some((part) => part === '..' || part === '.')) return undefined;
  return { path, url: `${gitlab.origin}/${path}` };
}

/** Any https URL (SFDC, an incident issue): kept only if it parses, has no credentials, and is https. */
export function parseHttpsUrl(text: string, allowedHosts?: string[]): string | undefined {
  const url = parseUrl(text);
  if (!url) return undefined;
  if (
    allowedHosts &&
    !allowedHosts.some(
      (h) => url.hostname.toLowerCase() === h || url.hostname.toLowerCase().endsWith(`.${h}`),
    )
  )
    return undefined;
  return url.toString();
}
