import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { formDefinition } from '../../src/kinds';
import { INTERNAL_REQUEST_OPTIONS, optionLabel } from '../../src/kinds/internal-request-options';
import { createPrepare } from '../../src/kinds/prepare';
import { validateSubmission } from '../../src/forms/validate';
import { buildFormModal } from '../../src/views/forms/modal';
import { FORM_ROUTE_IDS, handbookRules } from '../helpers/rules';
import { filledValues, HOSTS, stateFor, TODAY } from '../helpers/forms';
import { submissionRow } from '../helpers/submissions';

const rules = handbookRules();

describe('the form catalogue', () => {
  it('covers exactly the form routes of the rules file', () => {
    const formRoutes = rules.rules.filter((r) => r.action === 'form').map((r) => r.id);
    expect([...formRoutes].sort()).toEqual([...FORM_ROUTE_IDS].sort());
  });

  it('has the 19 internal-request options, each matching its rule’s option', () => {
    expect(INTERNAL_REQUEST_OPTIONS).toHaveLength(19);
    for (const option of INTERNAL_REQUEST_OPTIONS) {
      const rule = rules.byId.get(`internal-request/${option.id}`);
      expect(rule?.form?.option).toBe(optionLabel(option));
    }
  });

  describe.each(FORM_ROUTE_IDS)('%s', (routeId) => {
    const rule = rules.byId.get(routeId)!;
    const def = formDefinition(rule, rules.byId)!;

    it('builds a modal within Slack’s limits', () => {
      const modal = buildFormModal({ definition: def, privateMetadata: '{}' });
      expect(modal.blocks.length).toBeLessThanOrEqual(100);
      expect(modal.title.text.length).toBeLessThanOrEqual(24);
      const ids = modal.blocks.map((b) => b.block_id).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
      for (const f of def.fields) expect(ids).toContain(f.id);
    });

    it('validates a filled-in submission and files it to the right place', async () => {
      const result = validateSubmission(def, stateFor(def, filledValues(def)), HOSTS, TODAY);
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      const submission = submissionRow({
        routeId,
        payload: { values: result.values, optionId: def.option?.id },
      });
      const request = await createPrepare({ rules, settings: DEFAULT_SETTINGS })(submission);
      if (def.kind === 'internal-request') {
        expect(request).toMatchObject({
          target: 'zendesk-ticket',
          ticket: {
            tags: expect.arrayContaining(['internal_request', `ir_${def.option!.id.replace(/-/g, '_')}`]),
          },
        });
      } else if (def.kind === 'ticket-on-behalf') {
        expect(request).toMatchObject({
          target: 'zendesk-ticket',
          ticket: { requester: { email: 'customer@example.com' } },
        });
      } else {
        expect(request).toMatchObject({
          target: 'gitlab-issue',
          project: rule.form!.project ?? DEFAULT_SETTINGS.star.project,
        });
      }
    });
  });
});
