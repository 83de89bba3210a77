// Reads a ChatOps job log: the text between section_start:<ts>:chat_reply and
// section_end:<ts>:chat_reply (GitLab's own convention for what ChatOps posts back), ANSI codes
// stripped, then one person per line.
import type { OncallPerson } from './types';

// eslint-disable-next-line no-control-regex -- the log really contains ESC sequences
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
/** The most of a job log the bot reads: a runaway log is cut before parsing (reliability §7 D11). */
export const MAX_LOG_CHARS = 200_000;

export function chatReplySection(log: string): string | undefined {
  const text = log.slice(-MAX_LOG_CHARS);
  // eslint-disable-next-line no-control-regex -- GitLab writes ESC[0K after the section marker
  const match = /section_start:\d+:chat_reply\r?(?:\u001b\[0K)?([\s\S]*?)section_end:\d+:chat_reply/.exec(
    text,
  );
  return match?.[1]?.replace(ANSI, '').replace(/\r/g, '').trim();
}

/**
 * One line per person: "Name - Primary Oncall", optionally with a Slack mention "<@U123>" and
 * "until 2026-11-30T00:00:00Z". Header lines ("Oncall for ...") and blank lines are skipped.
 */
export function parseChatReply(section: string): OncallPerson[] {
  const people: OncallPerson[] = [];
  for (const raw of section.split('\n')) {
    let line = raw.trim();
    if (!line || /^on-?call for\b/i.test(line)) continue;
    const person: Partial<OncallPerson> = {};
    line = line.replace(/<@([UW][A-Z0-9]+)>/, (_, id: string) => {
      person.slackUserId = id;
      return '';
    });
    line = line.replace(/\buntil\s+(\S+)/i, (whole, iso: string) => {
      const until = new Date(iso);
      if (Number.isNaN(until.getTime())) return whole;
      person.until = until;
      return '';
    });
    const [name, ...role] = line.split(/\s+-\s+/);
    const cleanName = name?.replace(/[*_`]/g, '').trim();
    if (!cleanName) continue;
    people.push({ ...person, name: cleanName, ...(role.length ? { role: role.join(' - ').trim() } : {}) });
  }
  return people;
}
