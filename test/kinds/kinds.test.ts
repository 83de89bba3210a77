// The table of form kinds: one module per kind of the rules schema, and every form rule served by it.
import { formDefinition, kindOf, KINDS } from '../../src/kinds';
import { FORM_KINDS } from '../../src/routing/schema';
import { handbookRules } from '../helpers/rules';

describe('KINDS', () => {
  const rules = handbookRules();
  const formRules = rules.rules.filter((r) => r.form);

  it('has exactly the kinds the rules schema allows', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...FORM_KINDS].sort());
  });

  it('serves every form rule of the handbook rules with a form whose text field it has', () => {
    expect(formRules.length).toBeGreaterThan(20);
    for (const rule of formRules) {
      const found = kindOf(rule)!;
      const def = formDefinition(rule, rules.byId)!;
      expect(def.kind).toBe(rule.form!.kind);
      expect(def.fields.map((f) => f.id)).toContain(found.kind.textField);
      expect(found.kind.fileUnder(def, found.rule, rules.byId)).toMatch(/\S/);
    }
  });

  it('gives rules without a form no kind', () => {
    const answer = rules.rules.find((r) => !r.form)!;
    expect(kindOf(answer)).toBeUndefined();
    expect(formDefinition(answer, rules.byId)).toBeUndefined();
  });

  it('has follow-up work only for STARs (the channel notice), each step with a stable name', () => {
    const steps = Object.fromEntries(
      Object.entries(KINDS).map(([id, kind]) => [id, kind.afterFiled.map((f) => f.step)]),
    );
    expect(steps).toEqual({
      star: ['star-notice'],
      'internal-request': [],
      'gitlab-issue': [],
      'ticket-on-behalf': [],
    });
  });

  it('files an internal request under the route of the option picked in the modal', () => {
    const rule = rules.byId.get('internal-request/saas-extend-trial')!;
    const found = kindOf(rule)!;
    const def = found.kind.define(found.rule, rules.byId, 'sm-extend-trial');
    expect(found.kind.fileUnder(def, found.rule, rules.byId)).toBe('internal-request/sm-extend-trial');
  });
});
