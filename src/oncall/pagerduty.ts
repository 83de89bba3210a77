// The `pagerduty` provider: PagerDuty REST API v2 `GET /oncalls`, the data GitLab's ChatOps
// `oncall` command shows. Read-only: it never creates incidents, so nobody is paged.
import type { OncallPerson, OncallProvider, Rotation } from './types';

export interface PagerDutyOptions {
  apiUrl: string;
  token: string;
  /** Per rotation: escalation policy ids (preferred, as ChatOps shows) or schedule ids. */
  targets: Record<Rotation, { scheduleIds: string[]; escalationPolicyIds: string[] }>;
  fetchFn?: typeof fetch;
}

interface PdOncall {
  user?: { id?: string; name?: string; summary?: string };
  escalation_level?: number;
  end?: string | null;
}

export function splitIds(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function oncallsUrl(apiUrl: string, target: PagerDutyOptions['targets'][Rotation]): string {
  const url = new URL('/oncalls', apiUrl);
  url.searchParams.append('include[]', 'users');
  url.searchParams.set('earliest', 'true');
  url.searchParams.set('time_zone', 'UTC');
  // PagerDuty ANDs the two filters, so use one: escalation policies when given, else schedules.
  if (target.escalationPolicyIds.length)
    for (const id of target.escalationPolicyIds) url.searchParams.append('escalation_policy_ids[]', id);
  else for (const id of target.scheduleIds) url.searchParams.append('schedule_ids[]', id);
  return url.toString();
}

export function toPeople(oncalls: PdOncall[]): OncallPerson[] {
  const seen = new Set<string>();
  return [...oncalls]
    .sort((a, b) => (a.escalation_level ?? 1) - (b.escalation_level ?? 1))
    .flatMap((o) => {
      const name = o.user?.name ?? o.user?.summary;
      const key = o.user?.id ?? name;
      if (!name || !key || seen.has(key)) return [];
      seen.add(key);
      const level = o.escalation_level ?? 1;
      return [
        {
          name,
          role: level === 1 ? 'Primary' : `Escalation level ${level}`,
          ...(o.end ? { until: new Date(o.end) } : {}),
        },
      ];
    });
}

export function createPagerDutyProvider(opts: PagerDutyOptions): OncallProvider {
  const fetchFn = opts.fetchFn ?? fetch;
  return {
    name: 'PagerDuty',
    async lookup(rotation: Rotation, signal: AbortSignal) {
      const res = await fetchFn(oncallsUrl(opts.apiUrl, opts.targets[rotation]), {
        headers: {
          Authorization: `Token token=${opts.token}`,
          Accept: 'application/vnd.pagerduty+json;version=2',
        },
        signal,
        redirect: 'error',
      });
      if (!res.ok) throw new Error(`PagerDuty answered ${res.status}`);
      const body = (await res.json()) as { oncalls?: PdOncall[] };
      return { rotation, people: toPeople(body.oncalls ?? []), source: 'PagerDuty', fetchedAt: new Date() };
    },
  };
}
