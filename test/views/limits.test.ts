// Block Kit limits applied by the builders (reliability §1.7, checklist E5).
import { buildAskModal, buildAnswerModal, routeOptionGroups } from '../../src/views/ask';
import { buildHome } from '../../src/views/home';
import { capBlocks, clip, LIMITS } from '../../src/slack/limits';
import { escapeMrkdwn, mentionUser, quoteMrkdwn } from '../../src/slack/escape';
import { decodeFormValue, encodeFormValue } from '../../src/views/form-button';
import { context, mrkdwnSection } from '../../src/views/blocks';
import type { Rule } from '../../src/routing/schema';
import type { RuleSet } from '../../src/routing/types';
import { testRules } from '../helpers/app';

function bigRules(n: number): RuleSet {
  const base = testRules();
  const rules: Rule[] = Array.from({ length: n }, (_, i) => ({
    ...base.rules[0]!,
    id: `rule-${i}`,
    title: `A rather long rule title number ${i} that goes on and on past the option limit of Slack`,
    section: `Section ${i % 7}`,
  }));
  return { ...base, rules, byId: new Map(rules.map((r) => [r.id, r])) };
}

describe('limits', () => {
  it('clips by code point with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab', 4)).toBe('ab');
    expect(clip('😀😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('caps blocks and says how many were dropped', () => {
    const blocks = capBlocks([1, 2, 3, 4, 5], 3, (n) => -n);
    expect(blocks).toEqual([1, 2, -3]);
  });

  it('keeps the ask modal within the select and title limits', () => {
    const groups = routeOptionGroups(bigRules(150));
    const options = groups.flatMap((g) => g.options);
    expect(options).toHaveLength(LIMITS.optionsPerSelect);
    expect(options.every((o) => o.text.text.length <= LIMITS.optionText)).toBe(true);
    const modal = buildAskModal(bigRules(3));
    expect(modal.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
  });

  it('caps an answer modal at 100 blocks', () => {
    const blocks = Array.from({ length: 130 }, (_, i) => mrkdwnSection(`b${i}`));
    const modal = buildAnswerModal({ text: 't', blocks });
    expect(modal.blocks).toHaveLength(LIMITS.blocksPerView);
    expect(modal.blocks[99]).toEqual(context('31 more not shown'));
  });

  it('clips long section text', () => {
    expect((mrkdwnSection('x'.repeat(5000)).text as { text: string }).text).toHaveLength(LIMITS.sectionText);
  });

  it('keeps App Home under 100 blocks with many requests', () => {
    const home = buildHome({
      rules: testRules(),
      oncall: { support: undefined, cmoc: undefined, manager: undefined },
      myRequests: Array.from({ length: 500 }, (_, i) => ({ title: `r${i}`, status: 'filed' })),
    });
    expect(home.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerView);
    expect(JSON.stringify(home.blocks)).toContain('looking up who is on call');
  });
});

describe('escaping', () => {
  it('escapes &, < and > in that order', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> &lt;')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &amp;lt;');
  });
  it('quotes every line', () => {
    expect(quoteMrkdwn('a\n<b>')).toBe('>a\n>&lt;b&gt;');
  });
  it('only mentions well-formed user ids', () => {
    expect(mentionUser('U0ALICE')).toBe('<@U0ALICE>');
    expect(mentionUser('U1> <!channel')).toBeUndefined();
  });
});

describe('form button value', () => {
  it('round-trips a route with a permalink and tolerates plain ids and junk', () => {
    const value = encodeFormValue({ route: 'star', permalink: 'https://x.slack.com/archives/C1/p1' });
    expect(decodeFormValue(value)).toEqual({
      route: 'star',
      permalink: 'https://x.slack.com/archives/C1/p1',
    });
    expect(encodeFormValue({ route: 'star' })).toBe('star');
    expect(decodeFormValue('star')).toEqual({ route: 'star' });
    expect(decodeFormValue('{not json')).toEqual({ route: '{not json' });
  });
  it('drops a permalink that would overflow the button value', () => {
    expect(encodeFormValue({ route: 'star', permalink: 'p'.repeat(3000) })).toBe('star');
  });
});
