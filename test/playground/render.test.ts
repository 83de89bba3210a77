// The playground's renderers: Slack mrkdwn and Block Kit to HTML, escaped so that no rule or typed
// text can add markup to the page. Formatting as Slack documents it:
//   https://docs.slack.dev/messaging/formatting-message-text
//   https://docs.slack.dev/reference/block-kit/blocks
import { blocksHtml } from '../../src/playground/render/blocks';
import { mrkdwnHtml, type Names } from '../../src/playground/render/mrkdwn';
import { filingsHtml, rulesHtml } from '../../src/playground/render/panels';
import { Workspace } from '../../src/playground/workspace';

const names: Names = {
  user: (id) => ({ U0YOU: 'You' })[id],
  channel: (id) => ({ C0PLAYGROUND: 'playground' })[id],
};
const ctx = { names, idPrefix: 't' };

/** Every part occurs in the HTML, in any order. */
const expectParts = (html: string, parts: string[]) =>
  expect(parts.filter((p) => !html.includes(p))).toEqual([]);

describe('mrkdwn', () => {
  it.each([
    ['*bold* and _italic_ and ~gone~', '<p><b>bold</b> and <i>italic</i> and <s>gone</s></p>'],
    ['run `/chatops run oncall`', '<p>run <code>/chatops run oncall</code></p>'],
    ['```\nline *1*\n```', '<pre>line *1*\n</pre>'],
    ['&gt; quoted\n&gt; twice\nafter', '<blockquote>quoted<br>twice</blockquote><p>after</p>'],
    ['• one\n• two', '<ul><li>one</li><li>two</li></ul>'],
    ['1. first\n2. second', '<ol><li>first</li><li>second</li></ol>'],
    ['a\nb', '<p>a<br>b</p>'],
  ])('%j', (text, html) => {
    expect(mrkdwnHtml(text, names)).toBe(html);
  });

  it('turns links, mentions and channels into links and names, and specials into text', () => {
    const html = mrkdwnHtml(
      'see <https://example.com/a?b=1&amp;c=2|the page>, <@U0YOU>, <#C0PLAYGROUND>, <#C1|ops> and <!here>',
      names,
    );
    expectParts(html, [
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the page</a>',
      '<span class="mention user">@You</span>',
      '<span class="mention channel">#playground</span>',
      '<span class="mention channel">#ops</span>',
      '<span class="mention special">@here</span>',
    ]);
  });

  it('never makes markup of text: tags, quotes and javascript: links stay text', () => {
    const html = mrkdwnHtml(
      '<script>alert(1)</script> &lt;img src=x onerror=alert(1)&gt; <javascript:alert(1)|click> "q" \'s\' \uE0000\uE000',
      names,
    );
    expect(html).not.toMatch(/<(script|img|a)\b/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('click');
    expect(html).toContain('&quot;q&quot; &#39;s&#39;');
  });
});

describe('Block Kit', () => {
  it('renders header, section with fields and accessory, context, divider and image', () => {
    const html = blocksHtml(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Who is on call' } },
        {
          type: 'section',
          block_id: 's',
          text: { type: 'mrkdwn', text: '*Support*' },
          fields: [{ type: 'mrkdwn', text: 'a' }],
          accessory: {
            type: 'button',
            action_id: 'go',
            text: { type: 'plain_text', text: 'Go' },
            value: 'v',
          },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'small' }] },
        { type: 'divider' },
        { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'a chart' },
      ],
      ctx,
    );
    expect(html).toContain('<h3 class="header">Who is on call</h3>');
    expect(html).toContain('<b>Support</b>');
    expect(html).toMatch(
      /<button type="button" class="btn" data-block="s" data-action="go"[^>]*>Go<\/button>/,
    );
    expect(html).toContain('<div class="context"><p>small</p></div>');
    expect(html).toContain('<hr>');
    expect(html).toContain('<img src="https://example.com/i.png" alt="a chart">');
  });

  it('labels every input, shows state values and the error under its field', () => {
    const option = (v: string) => ({ text: { type: 'plain_text', text: v.toUpperCase() }, value: v });
    const input = (block_id: string, element: object, label = block_id) => ({
      type: 'input',
      block_id,
      label: { type: 'plain_text', text: label },
      element: { action_id: 'a', ...element },
    });
    const html = blocksHtml(
      [
        input('email', { type: 'email_text_input' }, 'Email'),
        input('url', { type: 'url_text_input' }),
        input('n', { type: 'number_input', is_decimal_allowed: false }),
        input('text', { type: 'plain_text_input', multiline: true }),
        input('pick', { type: 'static_select', options: [option('x'), option('y')] }),
        input('many', { type: 'multi_static_select', options: [option('x'), option('y')] }),
        input('ext', { type: 'external_select', initial_option: option('z') }),
        input('boxes', { type: 'checkboxes', options: [option('x')] }),
        input('radio', { type: 'radio_buttons', options: [option('x'), option('y')] }),
        input('day', { type: 'datepicker', initial_date: '2026-12-24' }),
        {
          type: 'actions',
          block_id: 'acts',
          elements: [{ type: 'overflow', action_id: 'more', options: [option('edit')] }],
        },
      ],
      {
        ...ctx,
        state: {
          email: { a: { type: 'email_text_input', value: 'me@<x>' } },
          pick: { a: { type: 'static_select', selected_option: option('y') } },
        },
        errors: { email: 'Enter an *email* address' },
      },
    );
    expectParts(html, [
      '<label for="t-email-a">Email</label><input type="email" id="t-email-a"',
      'value="me@&lt;x&gt;"',
      '<div class="field-error" role="alert"><p>Enter an <b>email</b> address</p></div>',
      '<input type="url"',
      '<input type="number"',
      '<textarea id="t-text-a"',
      '<option value="y" selected>Y</option>',
      '<select id="t-many-a" multiple',
      '<option value="z" selected>Z</option>',
      '<legend class="label">boxes</legend>',
    ]);
    expect(html).toMatch(
      /<input type="radio" id="t-radio-a-1" name="t-radio-a" value="y"><label for="t-radio-a-1">Y<\/label>/,
    );
    expect(html).toContain(
      '<input type="date" id="t-day-a" data-block="day" data-action="a" data-kind="datepicker" value="2026-12-24">',
    );
    expect(html).toContain(
      'data-action="more" data-kind="overflow" data-dispatch data-value="edit">EDIT</button>',
    );
  });

  it('keeps unsafe URLs and markup out of attributes', () => {
    const html = blocksHtml(
      [
        {
          type: 'actions',
          block_id: '"><script>',
          elements: [
            {
              type: 'button',
              action_id: 'x" onclick="alert(1)',
              text: { type: 'plain_text', text: '<b>hi</b>' },
              url: 'javascript:alert(1)',
            },
          ],
        },
        { type: 'image', image_url: 'javascript:alert(1)', alt_text: '"><img src=x>' },
      ],
      ctx,
    );
    expect(html).not.toMatch(/<(script|b|img)\b/);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('data-action="x&quot; onclick=&quot;alert(1)"');
    expect(html).toContain('&lt;b&gt;hi&lt;/b&gt;');
  });
});

describe('the side panels', () => {
  it('shows each filing (dry run, filed, failed) and the rules problems, escaped', () => {
    const ws = new Workspace();
    ws.recordFiling({ title: 'STAR <b>', preview: { target: 'gitlab-issue', title: '<script>' } });
    ws.recordFiling({ title: 'Trial', url: 'https://example.zendesk.com/agent/tickets/1' });
    ws.recordFiling({ title: 'Meta', error: 'GitLab refused it <now>' });
    ws.rules = { file: '/x/rules.yml', ruleCount: 3, loadedAt: '10:00:00', problems: ['rule a: <bad>'] };
    const filings = filingsHtml(ws);
    expect(filings).toContain('<h3>Would file: STAR &lt;b&gt;</h3>');
    expect(filings).toContain('&quot;title&quot;: &quot;&lt;script&gt;&quot;');
    expect(filings).toContain('<h3>Filed: Trial</h3>');
    expect(filings).toContain('<h3>Could not file: Meta</h3><p>GitLab refused it &lt;now&gt;</p>');
    expect(rulesHtml(ws)).toContain('<li>rule a: &lt;bad&gt;</li>');
  });
});
