import { formDefinition } from '../../src/kinds';
import { validateSubmission } from '../../src/forms/validate';
import { filledValues, HOSTS, stateFor, TODAY } from '../helpers/forms';
import { handbookRules } from '../helpers/rules';

const rules = handbookRules();
const def = (route: string, option?: string) => formDefinition(rules.byId.get(route)!, rules.byId, option)!;

describe('validateSubmission', () => {
  it('rebuilds links and normalises values', () => {
    const d = def('star');
    const result = validateSubmission(
      d,
      stateFor(
        d,
        filledValues(d, {
          ticket_link: ' <https://gitlab.zendesk.com/hc/en-us/requests/55> ',
          group: 'acme/sub',
        }),
      ),
      HOSTS,
      TODAY,
    );
    expect(result).toMatchObject({
      ok: true,
      values: {
        ticket_link: 'https://gitlab.zendesk.com/agent/tickets/55',
        group: 'https://gitlab.com/acme/sub',
      },
    });
  });

  it('reports every problem on its own block', () => {
    const d = def('internal-request/saas-extend-trial');
    const result = validateSubmission(
      d,
      stateFor(
        d,
        filledValues(d, {
          contact_email: 'not-an-email',
          new_date: '2026-01-01',
          namespace: 'https://evil.example/acme',
          context: '',
        }),
      ),
      HOSTS,
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        contact_email: 'Enter an email address, like name@example.com.',
        namespace: 'Enter a group path or a link on gitlab.com.',
        context: 'This is required.',
        new_date: 'Pick a date in the future.',
      },
    });
  });

  it('asks for the approving manager when a community license lasts over 90 days', () => {
    const d = def('internal-request/community-license');
    const long = validateSubmission(
      d,
      stateFor(d, filledValues(d, { new_date: '2027-06-01', manager_email: '' })),
      HOSTS,
      TODAY,
    );
    expect(long).toMatchObject({ ok: false, errors: { manager_email: expect.stringMatching(/90 days/) } });
    const short = validateSubmission(
      d,
      stateFor(d, filledValues(d, { new_date: '2026-12-20', manager_email: '' })),
      HOSTS,
      TODAY,
    );
    expect(short).toMatchObject({ ok: true });
  });

  it('requires the SFDC link where the option needs it', () => {
    const d = def('internal-request/order-management');
    expect(
      validateSubmission(d, stateFor(d, filledValues(d, { sfdc_link: '' })), HOSTS, TODAY),
    ).toMatchObject({ ok: false, errors: { sfdc_link: 'This is required.' } });
  });

  it('copes with a state of the wrong shape', () => {
    const d = def('support-meta');
    expect(validateSubmission(d, { title: 'oops' }, HOSTS, TODAY)).toEqual({
      ok: false,
      errors: { title: 'The form could not be read. Please try again.' },
    });
    expect(validateSubmission(d, {}, HOSTS, TODAY)).toEqual({
      ok: false,
      errors: { title: 'This is required.', description: 'This is required.' },
    });
  });

  it('rejects an over-long value (max_length is also set on the input)', () => {
    const d = def('support-meta');
    const r = validateSubmission(d, stateFor(d, filledValues(d, { title: 'x'.repeat(201) })), HOSTS, TODAY);
    expect(r).toMatchObject({ ok: false, errors: { title: 'Keep it under 200 characters.' } });
  });

  it.each([
    ['jdoe', 'jdoe'],
    ['@j.doe_2', 'j.doe_2'],
    ['https://gitlab.com/jdoe-x/', 'jdoe-x'],
  ])('takes the GitLab username %s as %s', (typed, username) => {
    const d = def('contact/single-user');
    const result = validateSubmission(d, stateFor(d, filledValues(d, { gitlab_user: typed })), HOSTS, TODAY);
    expect(result).toMatchObject({ ok: true, values: { gitlab_user: username } });
  });

  it.each(['@all hello', '-jdoe', 'jdoe.', 'jdoe.git', 'https://evil.example/jdoe', '#123', 'j doe'])(
    'refuses %s as a GitLab username',
    (typed) => {
      const d = def('contact/single-user');
      const result = validateSubmission(
        d,
        stateFor(d, filledValues(d, { gitlab_user: typed })),
        HOSTS,
        TODAY,
      );
      expect(result).toEqual({
        ok: false,
        errors: { gitlab_user: 'Enter a GitLab username, like jdoe, or a profile link on gitlab.com.' },
      });
    },
  );
});
