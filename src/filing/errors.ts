// Every failure of a remote call ends up as a FilingError: retryable (5xx, 429, timeouts, network
// errors) or permanent (any other 4xx). The message for the requester is written here, in plain
// words: no token, no stack trace, no raw API body ever reaches Slack.

export type FailureKind = 'retryable' | 'permanent';

export class FilingError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** What the requester reads, e.g. "Zendesk refused the request (422): check the fields". */
    readonly userMessage: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      service?: string;
      /** What the service said was wrong (Zendesk's 422 details), for the operator's log. */
      reasons?: string[];
    } = {},
  ) {
    super(userMessage);
    this.name = 'FilingError';
  }
}

const REASONS: Record<number, string> = {
  400: 'rejected the request as malformed',
  401: 'did not accept the bot’s credentials',
  403: 'does not allow the bot to do this',
  404: 'could not find the project, form or template',
  409: 'reported a conflict',
  413: 'found the request too large',
  422: 'refused some of the fields',
  429: 'is rate-limiting the bot',
};

/** Parses Retry-After (seconds, or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP status to a FilingError: 429 and 5xx are retried, other 4xx are not. */
export function errorForStatus(
  service: string,
  status: number,
  retryAfter: string | null | undefined,
  now: number,
): FilingError {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const reason = REASONS[status] ?? (status >= 500 ? 'had a server error' : 'returned an unexpected answer');
  const kind: FailureKind = status === 429 || status >= 500 || status === 408 ? 'retryable' : 'permanent';
  return new FilingError(kind, `${service} ${reason} (HTTP ${status}).`, {
    status,
    service,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** A call aimed anywhere but the configured host: refused before the token leaves. */
export function foreignOriginError(service: string): FilingError {
  return new FilingError('permanent', `${service} sent the bot to another address; it did not follow.`, {
    service,
  });
}

export function timeoutError(service: string): FilingError {
  return new FilingError('retryable', `${service} did not answer in time.`, { service });
}

export function networkError(service: string): FilingError {
  return new FilingError('retryable', `${service} could not be reached.`, { service });
}

/** Anything thrown by a fetch: an abort or timeout, or a network failure. */
export function errorForThrown(service: string, err: unknown): FilingError {
  if (err instanceof FilingError) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError' || name === 'GitbeakerTimeoutError')
    return timeoutError(service);
  return networkError(service);
}

const TRANSIENT_NAMES = new Set(['TimeoutError', 'AbortError', 'GitbeakerTimeoutError']);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/** A timeout, an abort or a network failure (fetch puts the socket error in `cause`). */
function isTransient(thrown: unknown): boolean {
  let e: unknown = thrown;
  for (let depth = 0; e instanceof Error && depth < 4; depth += 1, e = e.cause) {
    if (TRANSIENT_NAMES.has(e.name)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('UND_ERR_'))) return true;
  }
  return false;
}

/**
 * Only a network, abort or timeout error is worth another try; anything else (a bug, data the bot
 * cannot handle) would fail the same way eight times, so it is permanent.
 */
export function toFilingError(thrown: unknown): FilingError {
  if (thrown instanceof FilingError) return thrown;
  if (isTransient(thrown)) return errorForThrown('A service the bot needs', thrown);
  return new FilingError(
    'permanent',
    'The bot ran into an unexpected problem while filing this. The team running the bot can see what went wrong.',
  );
}
