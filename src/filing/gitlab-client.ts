// The gitbeaker client the bot uses: created once at start, pointed at GITLAB_URL. gitbeaker's own
// requester retries every method (POST included) on 429 and 502 and ignores Retry-After, which
// could create an issue twice. This requester makes exactly one request per call, with a timeout,
// and turns failures into FilingErrors; the outbox worker decides about retries.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Gitlab } from '@gitbeaker/rest';
import { createRequesterFn, type FormattedResponse } from '@gitbeaker/requester-utils';
import { errorForStatus, errorForThrown, foreignOriginError, timeoutError } from './errors';

const SERVICE = 'GitLab';

/**
 * The filing attempt's signal (aborted when the worker stops or loses the row). gitbeaker gives each
 * call only its own timeout signal, so the attempt's travels alongside and the two are joined here.
 */
export const attemptSignal = new AsyncLocalStorage<AbortSignal>();

async function parseBody(response: Response): Promise<FormattedResponse['body']> {
  if (response.status === 204) return null;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (type === 'application/json') return ((await response.json()) as FormattedResponse['body']) ?? {};
  return response.text();
}

/**
 * One fetch per call: no retries (the worker retries, honouring Retry-After and looking for
 * duplicates). The token goes to `origin` only: a pagination link or any absolute endpoint that
 * points elsewhere is refused before the request is made.
 */
export async function singleShotRequest(
  origin: string,
  endpoint: string,
  options: Record<string, unknown> = {},
): Promise<FormattedResponse> {
  const {
    prefixUrl,
    searchParams,
    method,
    headers,
    body,
    signal: callSignal,
    asStream,
  } = options as {
    asStream?: boolean;
    prefixUrl?: string;
    searchParams?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  };
  const base = prefixUrl ? (prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`) : undefined;
  const url = new URL(endpoint, base);
  url.search = searchParams ?? '';
  if (url.origin !== origin) throw foreignOriginError(SERVICE);
  const attempt = attemptSignal.getStore();
  const signal = attempt && callSignal ? AbortSignal.any([callSignal, attempt]) : (callSignal ?? attempt);
  let response: Response;
  try {
    // redirect: 'error' keeps a compromised or misconfigured host from bouncing the token elsewhere.
    response = await fetch(url, {
      method: method ?? 'GET',
      headers: headers ?? {},
      ...(body !== undefined ? { body } : {}),
      ...(signal ? { signal } : {}),
      redirect: 'error',
    });
  } catch (err) {
    // An aborted signal means our per-call timeout fired, whatever error the fetch layer wrapped it in.
    throw signal?.aborted ? timeoutError(SERVICE) : errorForThrown(SERVICE, err);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw errorForStatus(SERVICE, response.status, response.headers.get('retry-after'), Date.now());
  }
  return {
    // A stream is read by its caller, as far as it needs (a job log): never buffered here.
    body: asStream ? (response.body as ReadableStream) : await parseBody(response),
    headers: Object.fromEntries(response.headers.entries()),
    status: response.status,
  };
}

export interface GitlabClientOptions {
  host: string;
  token: string;
  /** Per-call timeout (gitbeaker turns it into an AbortSignal on every request). */
  timeoutMs: number;
}

export function createGitlabClient(options: GitlabClientOptions) {
  const origin = new URL(options.host).origin;
  return new Gitlab({
    host: options.host.replace(/\/+$/, ''),
    token: options.token,
    queryTimeout: options.timeoutMs,
    requesterFn: createRequesterFn(
      (_, options) => Promise.resolve(options),
      (endpoint, options) => singleShotRequest(origin, endpoint, options),
    ),
  });
}

export type GitlabClient = ReturnType<typeof createGitlabClient>;
