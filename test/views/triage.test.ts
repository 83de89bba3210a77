// The triage builder, by deep equality on hand-made rules and classifications.
import { ACTION_OPEN_FORM, ACTION_OPEN_LINK, ACTION_PICK_ROUTE } from '../../src/ids';
import { buildTriageMessage, buildUnknownMessage, evidenceLine } from '../../src/views/triage';
import { testRules } from '../helpers/app';

const rules = testRules();

describe('buildTriageMessage', () => {
  it('builds a form route: answer, form button, evidence, alternatives', () => {
    const message = buildTriageMessage({
      rules,
      classification: {
        route: 'star',
        confidence: 0.9,
        alternatives: [{ route: 'customer-needs-support', confidence: 0.05 }],
        evidence: ['"escalate" → STAR'],
      },
    });
    expect(message).toEqual({
      text: 'Support Ticket Attention Request (STAR): Use the STAR form: https://forms.example.com/star',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Support Ticket Attention Request (STAR)*\nUse the STAR form: https://forms.example.com/star',
          },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: ACTION_OPEN_FORM,
              text: { type: 'plain_text', text: 'Open the form' },
              value: 'star',
              style: 'primary',
            },
            {
              type: 'button',
              action_id: ACTION_OPEN_LINK,
              text: { type: 'plain_text', text: 'Handbook' },
              url: 'https://handbook.example.com/support#star',
            },
          ],
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'Why: "escalate" → STAR · <https://handbook.example.com/support#star|On Slack>',
            },
          ],
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: ACTION_PICK_ROUTE,
              placeholder: { type: 'plain_text', text: 'Not what I meant' },
              options: [
                {
                  text: { type: 'plain_text', text: 'A customer needs technical support' },
                  value: 'customer-needs-support',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('quotes the user text escaped and clipped', () => {
    const message = buildTriageMessage({
      rules,
      classification: { route: 'general-question', confidence: 1, alternatives: [], evidence: [] },
      quoted: `<!channel> ${'x'.repeat(600)}`,
    });
    const quote = (message.blocks[0] as { text: { text: string } }).text.text;
    expect(quote.startsWith('>&lt;!channel&gt; ')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(520);
  });

  it('marks a refuse route and has no menu without alternatives', () => {
    const message = buildTriageMessage({
      rules,
      classification: { route: 'customer-info-request', confidence: 1, alternatives: [], evidence: [] },
    });
    expect(JSON.stringify(message.blocks[0])).toContain("Support can't do this");
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('falls back to the unknown menu for a route the rules do not have', () => {
    const message = buildTriageMessage({
      rules,
      classification: { route: 'unknown', confidence: 0.1, alternatives: [], evidence: [] },
    });
    expect(message).toEqual(
      buildUnknownMessage({
        rules,
        classification: { route: 'unknown', confidence: 0.1, alternatives: [], evidence: [] },
      }),
    );
    expect(JSON.stringify(message.blocks)).toContain('oncall/support');
  });

  it('shows the first reason only, escaped and clipped to one short line', () => {
    const line = evidenceLine({
      route: 'x',
      confidence: 1,
      alternatives: [],
      evidence: [`<!here> ${'b'.repeat(300)}`, 'second'],
    });
    expect(line).toMatch(/^&lt;!here&gt; b+…$/);
    expect(line).not.toContain('second');
  });
});

describe('a rule title with Slack markup', () => {
  it('is shown as text: no link, mention or broadcast token reaches the answer', () => {
    const star = rules.byId.get('star')!;
    const hostile = { ...star, title: 'STAR <!channel> <https://evil.example|click> & co' };
    const byId = new Map(rules.byId);
    byId.set('star', hostile);
    const message = buildTriageMessage({
      rules: { ...rules, byId },
      classification: { route: 'star', confidence: 0.9, alternatives: [], evidence: [] },
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('STAR &lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(shown).not.toContain('<!channel>');
  });
});
