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
    const reminder = buildCustomerReminder(testRules(), 'star');
    expect(reminder.text).toContain('cannot act on customer-specific requests');
    expect(JSON.stringify(reminder.blocks)).toContain('"value":"star"');
  });
});
