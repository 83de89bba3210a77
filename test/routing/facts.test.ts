// The facts that separate neighbouring routes: how messages state them (negation and tense
// included), how they move the answer, when the bot asks instead of guessing, and how the rules
// file's facts are checked at load.
import { confidenceBand } from '../../src/routing/bands';
import { classify } from '../../src/routing/classify';
import { parseRules } from '../../src/routing/load';
import { handbookRules, rulesProblems as problems } from '../helpers/rules';

const rules = handbookRules();
const ask = (text: string) => classify(text, rules).question;

describe('reading facts from a message', () => {
  it('asks GitLab.com or self-managed when a trial extension does not say which', () => {
    const c = classify('their trial ends tomorrow and legal needs another week', rules);
    expect(c.question?.text).toBe('Is this for GitLab.com or a self-managed instance?');
    expect(c.question?.options).toEqual([
      { label: 'GitLab.com', routes: expect.arrayContaining(['internal-request/saas-extend-trial']) },
      { label: 'Self-managed', routes: expect.arrayContaining(['internal-request/sm-extend-trial']) },
    ]);
    // While the question is open the answer is below the high band.
    expect(c.confidence).toBeLessThan(0.8);
  });

  it('does not ask what the message already says', () => {
    for (const text of [
      'their gitlab.com trial ends tomorrow and legal needs another week',
      'the self-managed trial license ends tomorrow, can we get another week',
    ])
      expect(ask(text)?.text).not.toBe('Is this for GitLab.com or a self-managed instance?');
    expect(classify('their gitlab.com trial ends tomorrow and legal needs another week', rules).route).toBe(
      'internal-request/saas-extend-trial',
    );
    expect(
      classify('the self-managed trial license ends tomorrow, can we get another week', rules).route,
    ).toBe('internal-request/sm-extend-trial');
  });

  it('asks which rotation when "who is on call" names neither', () => {
    const q = ask('who is on call?');
    expect(q?.options.map((o) => o.routes[0])).toEqual(['oncall/cmoc', 'oncall/support']);
  });

  it('an incident that is over counts against the incident contact route', () => {
    const during = classify(
      'during the ongoing incident we need to contact the owner of one namespace',
      rules,
    );
    expect(during.route).toBe('contact/incident');
    const after = classify(
      'the incident last week is resolved; now we need support to contact the owner of that one namespace',
      rules,
    );
    // Never a firm incident answer once the message says the incident is over.
    expect(after.route !== 'contact/incident' || confidenceBand(after) !== 'high').toBe(true);
    expect(after.confidence).toBeLessThan(during.confidence);
  });

  it('a denial keeps its words out of the evidence: "not an incident"', () => {
    const c = classify(
      'this is not an incident, just asking whether gitlab.com can raise the import size limit',
      rules,
    );
    expect(c.route).not.toBe('gitlab-com-incident');
    expect(c.route).not.toBe('contact/incident');
  });

  it('never asks for small talk or a firm answer', () => {
    expect(ask('good morning everyone')).toBeUndefined();
    expect(ask('captcha on every gitlab.com comment')).toBeUndefined();
  });
});

const base = `
version: 1
facts:
  deployment:
    question: "GitLab.com or self-managed?"
    values:
      - { id: saas, label: "GitLab.com", says: [ "gitlab.com" ] }
      - { id: self-managed, label: "Self-managed", says: [ "self managed" ] }
rules:
  - id: a-saas
    title: SaaS thing
    section: S
    link: https://example.com/
    action: answer
    answer: "The SaaS answer, in words."
    requires: { deployment: saas }
    signals: [ { any: [ "extend" ], weight: 6 } ]
  - id: a-sm
    title: Self-managed thing
    section: S
    link: https://example.com/
    action: answer
    answer: "The self-managed answer, in words."
    requires: { deployment: self-managed }
    signals: [ { any: [ "extend" ], weight: 6 } ]
`;

describe('facts in the rules file', () => {
  it('asks the fact question when the text leaves it open, and answers when it does not', () => {
    const small = parseRules(base);
    expect(classify('please extend it', small).question).toEqual({
      fact: 'deployment',
      text: 'GitLab.com or self-managed?',
      options: [
        { label: 'GitLab.com', routes: ['a-saas'] },
        { label: 'Self-managed', routes: ['a-sm'] },
      ],
    });
    const stated = classify('please extend it on gitlab.com', small);
    expect(stated.question).toBeUndefined();
    expect(stated.route).toBe('a-saas');
  });

  it('names an unknown fact and an unknown value with the rule id', () => {
    expect(problems(base.replace('requires: { deployment: saas }', 'requires: { hosting: saas }'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^rule a-saas: requires: unknown fact "hosting"/)]),
    );
    expect(
      problems(base.replace('requires: { deployment: saas }', 'requires: { deployment: cloud }')),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^rule a-saas: requires\.deployment: unknown value "cloud" \(known: saas, self-managed\)/,
        ),
      ]),
    );
  });

  it('rejects a fact whose question could never be asked', () => {
    expect(problems(base.replace('requires: { deployment: self-managed }', ''))).toEqual([
      expect.stringMatching(/^fact deployment: needs routes that require at least two of its values/),
    ]);
  });

  it('checks the shape of a fact: a question and two or more values', () => {
    const one = base.replace(
      '      - { id: self-managed, label: "Self-managed", says: [ "self managed" ] }\n',
      '',
    );
    expect(problems(one).join('\n')).toMatch(/facts\.deployment\.values/);
  });
});
