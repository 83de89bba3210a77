// The `pagerduty` provider: PagerDuty REST API v2 `GET /oncalls`, the data GitLab's ChatOps
// `oncall` command shows. Read-only: it never creates incidents, so nobody is paged. The list is
// paginated (classic offset/limit, 25 by default): every page is read while `more` is true.
import { z } from 'zod';
import type { OncallPerson, OncallProvider, Rotation } from './types';

export interface PagerDutyTarget {
  scheduleIds: string[];
  escalationPolicyIds: string[];
}

export interface PagerDutyOptions {
  apiUrl: string;
  token: string;
  /** Per rotation: escalation policy ids (preferred, as ChatOps shows) or schedule ids. */
  targets: Record<Rotation, PagerDutyTarget>;
  fetchFn?: typeof fetch;
}

const PAGE_LIMIT = 100; // PagerDuty's largest classic page
const MAX_PAGES = 10; // a bound on one lookup's work, far above any real rotation

const reference = z.object({ summary: z.string().optional(), name: z.string().optional() }).nullish();
const oncallSchema = z.object({
  user: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      summary: z.string().optional(),
      email: z.string().optional(),
    })
    .nullish(),
  escalation_level: z.number().int().nullish(),
  end: z.string().nullish(),
  schedule: reference,
  escalation_policy: reference,
});
const pageSchema = z.object({ oncalls: z.array(oncallSchema).default([]), more: z.boolean().default(false) });

type PdOncall = z.infer<typeof oncallSchema>;

export function splitIds(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function oncallsUrl(apiUrl: string, target: PagerDutyTarget, offset = 0): string {
  const url = new URL('/oncalls', apiUrl);
  url.searchParams.append('include[]', 'users');
  url.searchParams.set('earliest', 'true');
  url.searchParams.set('time_zone', 'UTC');
  url.searchParams.set('limit', String(PAGE_LIMIT));
  url.searchParams.set('offset', String(offset));
  // PagerDuty ANDs the two filters, so use one: escalation policies when given, else schedules.
  if (target.escalationPolicyIds.length)
    for (const id of target.escalationPolicyIds) url.searchParams.append('escalation_policy_ids[]', id);
  else for (const id of target.scheduleIds) url.searchParams.append('schedule_ids[]', id);
  return url.toString();
}

const nameOf = (ref: PdOncall['schedule']) => ref?.summary ?? ref?.name;

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
      const via = nameOf(o.schedule) ?? nameOf(o.escalation_policy);
      return [
        {
          name,
          role: level === 1 ? 'Primary' : `Escalation level ${level}`,
          ...(via ? { via } : {}),
          ...(o.user?.email ? { email: o.user.email } : {}),
          ...(o.end ? { until: new Date(o.end) } : {}),
        },
      ];
    });
}

const SETTING: Record<Rotation, string> = {
  support: 'PAGERDUTY_SUPPORT',
  cmoc: 'PAGERDUTY_CMOC',
  manager: 'PAGERDUTY_MANAGER',
};

export function createPagerDutyProvider(opts: PagerDutyOptions): OncallProvider {
  const fetchFn = opts.fetchFn ?? fetch;

  async function page(target: PagerDutyTarget, offset: number, signal: AbortSignal) {
    const res = await fetchFn(oncallsUrl(opts.apiUrl, target, offset), {
      headers: {
        Authorization: `Token token=${opts.token}`,
        Accept: 'application/vnd.pagerduty+json;version=2',
      },
      signal,
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`PagerDuty answered ${res.status}`);
    const parsed = pageSchema.safeParse(await res.json());
    if (!parsed.success) throw new Error('PagerDuty answered with an unexpected /oncalls body');
    return parsed.data;
  }

  return {
    name: 'PagerDuty',
    async lookup(rotation: Rotation, signal: AbortSignal) {
      const target = opts.targets[rotation];
      // Unfiltered, /oncalls lists everyone on call in the account: never ask that.
      if (!target.escalationPolicyIds.length && !target.scheduleIds.length)
        throw new Error(
          `no ${rotation} rotation is configured (${SETTING[rotation]}_ESCALATION_POLICY_IDS or ${SETTING[rotation]}_SCHEDULE_IDS)`,
        );
      const oncalls: PdOncall[] = [];
      for (let n = 0; n < MAX_PAGES; n += 1) {
        const { oncalls: items, more } = await page(target, oncalls.length, signal);
        oncalls.push(...items);
        if (!more || items.length === 0) break;
      }
      return { rotation, people: toPeople(oncalls), source: 'PagerDuty', fetchedAt: new Date() };
    },
  };
}
