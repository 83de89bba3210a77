// Hostile input through the real Bolt app with the real classifier and handbook rules: every
// attacker shape is answered, and one of them no longer holds the event loop while another user
// waits (a 16,000-letter word used to block it for about 20 s). Speed figures come from
// `npm run bench:hostile`; the ceiling here is only a generous guard against the quadratic paths.
import { MAX_CLASSIFIED_CHARS, classify } from '../../src/routing/classify';
import { Lexicon } from '../../src/routing/lexicon';
import { loadRules } from '../../src/routing/load';
import { useTestApp } from '../helpers/app';
import { commandBody, eventBody, mentionEvent } from '../helpers/payloads';
import nock from 'nock';

const rules = loadRules();
const app = useTestApp({ rules, classify: (text) => classify(text, rules) });

const letters = (n: number, seed = 1) => {
  let s = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    out += String.fromCharCode(97 + (s % 26));
  }
  return out;
};
const SHAPES: Record<string, string> = {
  'one 16,000-letter word': letters(16_000),
  'dots then a letter': '.'.repeat(39_999) + 'x',
  'repeated <#C1|': '<#C1|'.repeat(8_000),
  'a x 40,000': 'a'.repeat(40_000),
  'nested emoji': ':a'.repeat(20_000),
  'a long URL': `https://gitlab.com/${'a/'.repeat(19_990)}`,
};

describe.each(Object.entries(SHAPES))('%s', (_name, text) => {
  it('is answered privately, quoted back clipped and escaped', async () => {
    const res = await app().send(commandBody(text));
    expect(res.status).toBe(200);
    const reply = JSON.stringify(res.json());
    expect(reply.length).toBeLessThan(20_000);
    expect(reply).not.toContain('<#C1|<#C1|');
  });
});

it("a 16,000-letter word does not hold up another user's /support help", async () => {
  let worstGap = 0;
  let last = process.hrtime.bigint();
  const probe = setInterval(() => {
    const now = process.hrtime.bigint();
    worstGap = Math.max(worstGap, Number(now - last) / 1e6);
    last = now;
  }, 1);
  try {
    const [hostile, help] = await Promise.all([
      app().send(commandBody(letters(16_000, 7), { user_id: 'U0ATTACK' })),
      app().send(commandBody('help', { user_id: 'U0OTHER' })),
    ]);
    expect(hostile.status).toBe(200);
    expect(JSON.stringify(help.json())).toContain('/support');
  } finally {
    clearInterval(probe);
  }
  // About 20 s before the fix; tens of ms on a loaded machine now.
  expect(worstGap).toBeLessThan(1000);
});

it('a mention with 40,000 characters of markup is answered in its thread', async () => {
  const posted = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.2' });
  const res = await app().send(eventBody(mentionEvent('<@U1|x>'.repeat(5_000) + 'a@'.repeat(2_000))));
  expect(res.status).toBe(200);
  await new Promise<void>((resolve) => {
    const wait = setInterval(() => posted.isDone() && (clearInterval(wait), resolve()), 10);
  });
});

describe('the bounds themselves', () => {
  it('the classifier reads the first MAX_CLASSIFIED_CHARS characters only', () => {
    const real = 'can you extend the trial license for my customer';
    const padded = real + ' ' + letters(MAX_CLASSIFIED_CHARS);
    expect(classify(padded + ' who is the cmoc', rules).route).toBe(classify(padded, rules).route);
  });

  it('typo repair still repairs at the length bound (longest known word + 1); longer words cannot be one edit away', () => {
    const lexicon = new Lexicon(['license', 'extension']);
    expect(lexicon.repair('licnese')).toBe('license');
    expect(lexicon.repair('extensioon')).toBe('extension');
    expect(lexicon.repair('extensiooon')).toBeNull();
    expect(lexicon.repair(letters(16_000))).toBeNull();
  });
});
