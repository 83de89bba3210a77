import type { Submission } from '../../../src/store/types';
import { failedMessage, filedMessage, starNotice, statusMessage } from '../../../src/views/forms/messages';
import { buildFormModal } from '../../../src/views/forms/modal';
import type { FormDefinition } from '../../../src/kinds';
import { FIELDS } from '../../../src/kinds/fields';
import { submissionRow } from '../../helpers/submissions';
import { decodeFormValue, encodeFormValue } from '../../../src/views/form-button';

const row = (over: Partial<Submission> = {}): Submission => submissionRow({ status: 'filed', ...over });

describe('form modal', () => {
  it('is built from the definition, block ids = field ids', () => {
    const def: FormDefinition = {
      routeId: 'support-meta',
      kind: 'gitlab-issue',
      title: 'Support Team Meta issue',
      submitLabel: 'Open issue',
      fields: [FIELDS.title],
      notes: ['No <!channel> data'],
    };
    expect(
      buildFormModal({ definition: def, privateMetadata: '{"r":"support-meta"}', prefill: { title: 'Hi' } }),
    ).toEqual({
      type: 'modal',
      callback_id: 'file_form',
      private_metadata: '{"r":"support-meta"}',
      title: { type: 'plain_text', text: 'Support Team Meta issue' },
      submit: { type: 'plain_text', text: 'Open issue' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '• No &lt;!channel&gt; data' } },
        {
          type: 'input',
          block_id: 'title',
          optional: false,
          label: { type: 'plain_text', text: 'Title' },
          element: {
            type: 'plain_text_input',
            action_id: 'value',
            multiline: false,
            max_length: 200,
            initial_value: 'Hi',
          },
        },
      ],
    });
  });
});

describe('requester messages', () => {
  it('links the filed issue', () => {
    const m = filedMessage(
      row({ result: { target: 'gitlab-issue', url: 'https://gitlab.com/g/p/-/issues/4', ref: '#4' } }),
      'Escalate',
    );
    expect(m.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':white_check_mark: *Filed* — Escalate: <https://gitlab.com/g/p/-/issues/4|#4>',
      },
    });
  });

  it('shows the dry-run preview as JSON', () => {
    const m = filedMessage(
      row({ result: { target: 'zendesk-ticket', dryRun: true, preview: { ticket: { subject: 'S' } } } }),
      'IR',
    );
    expect(JSON.stringify(m.blocks)).toContain('\\"subject\\": \\"S\\"');
  });

  it('escapes user text in the dry-run preview, so it cannot ping a channel or hide a link', () => {
    const preview = { ticket: { subject: '<!channel> & <https://evil.example|https://gitlab.com>' } };
    const m = filedMessage(row({ result: { target: 'zendesk-ticket', dryRun: true, preview } }), 'IR');
    const text = (m.blocks[1] as { text: { text: string } }).text.text;
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|https://gitlab.com&gt;');
    expect(text).not.toMatch(/<[!@h]/);
  });

  it('clips a long dry-run preview without cutting an escape in half', () => {
    const preview = { body: 'a'.repeat(2784) + '<'.repeat(200) };
    const m = filedMessage(row({ result: { target: 'zendesk-ticket', dryRun: true, preview } }), 'IR');
    const text = (m.blocks[1] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(2806);
    expect(text).toMatch(/a…```$/);
  });

  it('explains a failure in plain words with a Retry button carrying the id', () => {
    const m = failedMessage(
      row({ status: 'failed', error: 'Zendesk refused some of the fields (HTTP 422).' }),
      'IR',
    );
    expect(m.blocks[1]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'retry_filing',
          text: { type: 'plain_text', text: 'Retry' },
          value: 'T1:V1',
          style: 'primary',
        },
      ],
    });
  });

  it('escapes user text in the STAR notice (no mention injection)', () => {
    const m = starNotice({
      requesterId: 'U1',
      ticketUrl: 'https://gitlab.zendesk.com/agent/tickets/1',
      urgency: '<!channel>',
      reason: '<@U999> & co',
    });
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U999&gt; &amp; co');
  });

  it('lists requests with their state, and a Retry for failed ones', () => {
    const m = statusMessage([
      { submission: row({ status: 'failed' }), title: 'A' },
      { submission: row({ id: 'T1:V2', status: 'pending', attempts: 2 }), title: 'B' },
    ]);
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('*A* — failed');
    expect(text).toContain('*B* — retrying (2 attempts)');
    expect(text).toContain('"value":"T1:V1"');
  });
});

describe('form button value', () => {
  it('carries the message text for the form, cut to fit the button', () => {
    const long = 'x'.repeat(5000);
    const value = encodeFormValue({
      route: 'star',
      permalink: 'https://a.slack.com/archives/C1/p1',
      text: long,
    });
    expect(value.length).toBeLessThanOrEqual(2000);
    const decoded = decodeFormValue(value);
    expect(decoded).toMatchObject({ route: 'star', permalink: 'https://a.slack.com/archives/C1/p1' });
    expect(decoded.text!.length).toBeGreaterThan(1500);
  });
});
