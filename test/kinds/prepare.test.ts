import { INTERNAL_REQUEST_OPTIONS, optionLabel } from '../../src/kinds/internal-request-options';
import { DEFAULT_SETTINGS, parseSettings, type FilingSettings } from '../../src/kinds/settings';
import { formDefinition } from '../../src/kinds';
import { createPrepare } from '../../src/kinds/prepare';
import type { OncallResult } from '../../src/oncall/types';
import type { Submission } from '../../src/store/types';
import { filledValues } from '../helpers/forms';
import { handbookRules } from '../helpers/rules';
import { submissionRow } from '../helpers/submissions';

const rules = handbookRules();
const submission = (routeId: string, values: Record<string, string>, optionId?: string): Submission =>
  submissionRow({
    routeId,
    payload: {
      values,
      ...(optionId ? { optionId } : {}),
      permalink: 'https://acme.slack.com/archives/C1/p1',
    },
  });
const values = (route: string, overrides: Record<string, string> = {}) =>
  filledValues(formDefinition(rules.byId.get(route)!, rules.byId)!, overrides);

const oncall = (rotation: string, people: { name: string; slackUserId?: string; role?: string }[]) => ({
  lookup: async (r: string): Promise<OncallResult> =>
    r === rotation
      ? {
          ok: true,
          cached: false,
          answer: { rotation: r as 'cmoc', people, source: 'test', fetchedAt: new Date() },
        }
      : { ok: false, reason: 'none' },
});

/** What the "extend an expired subscription" request files, for this requester. */
function prepareExtendSubscription(settings: FilingSettings, who: { name?: string; email?: string }) {
  const route = 'internal-request/sm-extend-subscription';
  const prepare = createPrepare({ rules, settings, lookupUser: async () => who });
  return prepare(submission(route, values(route), 'sm-extend-subscription'));
}

describe('createPrepare', () => {
  it('files a STAR as a confidential issue in the STAR project, assigned to the on-call Support Manager', async () => {
    const settings = parseSettings({ gitlabUsers: { U77: 'manager-gl' } });
    // The Support Manager on call is its own rotation; its first person (PagerDuty: "Primary") is assigned.
    const prepare = createPrepare({
      rules,
      settings,
      oncall: oncall('manager', [
        { name: 'Mgr', slackUserId: 'U77', role: 'Primary' },
        { name: 'Backup', role: 'Escalation level 2' },
      ]),
    });
    const request = await prepare(submission('star', values('star')));
    expect(request).toMatchObject({
      target: 'gitlab-issue',
      project: 'gitlab-com/support/ticket-attention-requests',
      title: 'STAR: Timely: https://gitlab.zendesk.com/agent/tickets/123456',
      confidential: true,
      assigneeUsername: 'manager-gl',
    });
    expect(request.target === 'gitlab-issue' && request.description).toContain(
      '**Urgency:** Timely (response within 1 h)',
    );
  });

  it('assigns an incident contact request to the current CMOC, confidential, from the template', async () => {
    const settings = parseSettings({ gitlabUsers: { 'Casey CMOC': 'casey' } });
    const prepare = createPrepare({ rules, settings, oncall: oncall('cmoc', [{ name: 'Casey CMOC' }]) });
    expect(await prepare(submission('contact/incident', values('contact/incident')))).toMatchObject({
      project: 'gitlab-com/gl-infra/production',
      template: 'confidential_incident_data',
      confidential: true,
      assigneeUsername: 'casey',
    });
  });

  it('leaves the issue unassigned when the on-call person is unknown', async () => {
    const request = await createPrepare({
      rules,
      settings: DEFAULT_SETTINGS,
      oncall: oncall('cmoc', [{ name: 'Nobody Mapped' }]),
    })(submission('contact/incident', values('contact/incident')));
    expect(request).not.toHaveProperty('assigneeUsername');
  });

  it('quotes free text so a typed "/close" cannot run as a GitLab quick action', async () => {
    const request = await createPrepare({ rules, settings: DEFAULT_SETTINGS })(
      submission('support-meta', values('support-meta', { description: 'hello\n/close\n/label ~x' })),
    );
    expect(request.target === 'gitlab-issue' && request.description).toMatch(/^> \/close$/m);
    expect(request.target === 'gitlab-issue' && request.description).not.toMatch(/^\/close/m);
  });

  it('files an internal request in Zendesk with the requester, tags, custom fields and priority', async () => {
    const settings = parseSettings({
      internalRequest: { ticketFormId: 360000123, customFields: { option: 11, contact_email: 12 } },
    });
    const request = await prepareExtendSubscription(settings, {
      name: 'Sam Seller',
      email: 'sam@gitlab.example',
    });
    expect(request).toMatchObject({
      target: 'zendesk-ticket',
      ticket: {
        subject: 'Internal Request: Extend an (almost) expired subscription (A-S00012345)',
        requester: { email: 'sam@gitlab.example', name: 'Sam Seller' },
        ticket_form_id: 360000123,
        custom_fields: [
          {
            id: 11,
            value:
              'Self-Managed License Related (for paid customers only): Extend an (almost) expired subscription',
          },
          { id: 12, value: 'admin@acme.example' },
        ],
        tags: ['internal_request', 'support_router', 'ir_sm_extend_subscription'],
        priority: 'urgent',
        comment: { public: false },
      },
    });
  });

  it('sends a drop-down custom field the tag of the option chosen, not its label', async () => {
    // Zendesk sets a drop-down ticket field by the option's tag value:
    // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/ (custom_field_options: name, value)
    const tags = Object.fromEntries(INTERNAL_REQUEST_OPTIONS.map((o) => [optionLabel(o), `ir_${o.id}`]));
    const settings = parseSettings({ internalRequest: { customFields: { option: { id: 11, tags } } } });
    const request = await prepareExtendSubscription(settings, { email: 'sam@gitlab.example' });
    expect(request).toMatchObject({
      ticket: {
        custom_fields: [{ id: 11, value: 'ir_sm-extend-subscription' }],
        requester: { email: 'sam@gitlab.example', name: 'sam' },
      },
    });
  });

  it('opens a ticket on behalf with the customer as requester and the team member in CC, without Slack details', async () => {
    const prepare = createPrepare({
      rules,
      settings: DEFAULT_SETTINGS,
      lookupUser: async () => ({ name: 'Tam', email: 'tam@gitlab.example' }),
    });
    const request = await prepare(submission('ticket-on-behalf', values('ticket-on-behalf')));
    expect(request).toMatchObject({
      target: 'zendesk-ticket',
      ticket: {
        requester: { email: 'customer@example.com' },
        email_ccs: [{ user_email: 'tam@gitlab.example', action: 'put' }],
        subject: 'Runners stopped',
      },
    });
    const body = request.target === 'zendesk-ticket' ? request.ticket.comment.body : '';
    expect(body).toContain('Opened on your behalf by Tam.');
    expect(body).not.toMatch(/slack|<@U1>/i);
  });

  it('fails permanently for a route that has no form', async () => {
    await expect(
      createPrepare({ rules, settings: DEFAULT_SETTINGS })(submission('it-help', {})),
    ).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('breaks mentions and issue references in user text, keeping links and email addresses', async () => {
    const prepare = createPrepare({ rules, settings: DEFAULT_SETTINGS });
    const typed = values('support-meta', {
      title: 'Ask @all about !12',
      description:
        'cc @support-team/managers and @jdoe; see #123, other/proj#6 and &7.\n' +
        'Mail a.b@gitlab.example; https://gitlab.com/g/p/-/issues/9#note_1 stays.',
    });
    const request = await prepare(submission('support-meta', typed));
    if (request.target !== 'gitlab-issue') throw new Error('expected an issue');
    const J = '\u200d';
    expect(request.title).toBe(`Ask @${J}all about !${J}12`);
    expect(request.description).toContain(
      `> cc @${J}support-team/managers and @${J}jdoe; see #${J}123, other/proj#${J}6 and &${J}7.`,
    );
    expect(request.description).toContain(
      '> Mail a.b@gitlab.example; https://gitlab.com/g/p/-/issues/9#note_1 stays.',
    );
    // The bot's own footer names the Slack user without a `@` (no lookup here, so only the id).
    expect(request.description).toContain('Submitted from Slack by Slack user U1 via support-router.');
  });

  it('leaves Zendesk text exactly as typed (Zendesk does not read GitLab references)', async () => {
    const prepare = createPrepare({ rules, settings: DEFAULT_SETTINGS });
    const request = await prepare(
      submission('ticket-on-behalf', values('ticket-on-behalf', { description: 'See #123 @jdoe' })),
    );
    expect(request.target === 'zendesk-ticket' && request.ticket.comment.body).toContain('See #123 @jdoe');
  });
});
