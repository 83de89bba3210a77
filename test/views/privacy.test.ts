import { ACTION_CHOOSE_ROUTE, ACTION_OPEN_FORM } from '../../src/ids';
import { buildCustomerReminder, looksCustomerSpecific } from '../../src/views/privacy';
import { testRules } from '../helpers/app';

describe('customer-specific detection', () => {
  it.each([
    ['my customer cannot log in', 'general-question'],
    ['can you check jane@acme.example', 'general-question'],
    ['ticket #123456 needs love', 'general-question'],
    ['see https://gitlab.zendesk.com/agent/tickets/998877', 'general-question'],
    ['anything at all', 'internal-request/other'],
    ['anything at all', 'customer-info-request'],
  ])('flags %p (route %p)', (text, route) => {
    expect(looksCustomerSpecific(text, route)).toBe(true);
  });

  it('lets a plain product question through', () => {
    expect(looksCustomerSpecific('how do I set up a mirror?', 'general-question')).toBe(false);
  });

  it('offers the form for a form route and never repeats the text', () => {
    const reminder = buildCustomerReminder(testRules(), {
      route: 'star',
      confidence: 0.9,
      alternatives: [],
      evidence: [],
    });
    expect(reminder.text).toContain('cannot act on customer-specific requests');
    expect(JSON.stringify(reminder.blocks)).toContain('"value":"star"');
    expect(JSON.stringify(reminder.blocks)).toContain(ACTION_OPEN_FORM);
  });

  it('below the high band, offers the likely routes instead of the form', () => {
    const reminder = buildCustomerReminder(testRules(), {
      route: 'star',
      confidence: 0.55,
      alternatives: [{ route: 'customer-needs-support', confidence: 0.3 }],
      evidence: [],
    });
    const blocks = JSON.stringify(reminder.blocks);
    expect(blocks).toContain('cannot act on customer-specific requests');
    expect(blocks).not.toContain(ACTION_OPEN_FORM);
    expect(blocks).toContain(ACTION_CHOOSE_ROUTE);
    expect(blocks).toContain('"value":"customer-needs-support"');
  });
});
