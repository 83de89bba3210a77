// Invisible characters: bidirectional controls (Trojan Source, https://trojansource.codes/) and
// zero-width characters are removed from what the bot echoes to Slack and what it files; a
// zero-width joiner inside an emoji sequence stays (https://unicode.org/reports/tr51/#def_emoji_zwj_sequence).
import { formDefinition } from '../../src/kinds';
import { validateSubmission } from '../../src/forms/validate';
import { stripInvisible } from '../../src/text/invisible';
import { useTestApp } from '../helpers/app';
import { stateFor } from '../helpers/forms';
import { commandBody } from '../helpers/payloads';
import { handbookRules } from '../helpers/rules';

const HIDDEN = ['\u202e', '\u202a', '\u2066', '\u200e', '\u061c', '\u200b', '\u200c', '\u2060', '\ufeff'];

describe('stripInvisible', () => {
  it.each(HIDDEN.map((c) => [c.codePointAt(0)!.toString(16)]))('removes U+%s', (hex) => {
    expect(stripInvisible(`a${String.fromCodePoint(parseInt(hex, 16))}b`)).toBe('ab');
  });

  it('keeps emoji written with joiners and skin tones, removes a joiner between letters', () => {
    expect(stripInvisible('👩‍💻 👩🏽‍💻 🏳️‍🌈')).toBe('👩‍💻 👩🏽‍💻 🏳️‍🌈');
    expect(stripInvisible('@\u200dall')).toBe('@all');
  });
});

describe('echoed to Slack', () => {
  const app = useTestApp();

  it('a quoted /support request has no bidi override left', async () => {
    const res = await app().send(commandBody('how do I renew invoice\u202egpj.exe\u200b'));
    const reply = JSON.stringify(res.json());
    expect(reply).toContain('invoicegpj.exe');
    expect(reply).not.toMatch(/\\u202e|\u202e|\u200b/);
  });
});

describe('filed', () => {
  it('form values are stored without them', () => {
    const rules = handbookRules();
    const def = formDefinition(rules.byId.get('support-meta')!, rules.byId)!;
    const state = stateFor(def, { title: 'Idea\u202e for\u200b Support', description: 'ok 👩‍💻' });
    const hosts = {
      zendesk: ['gitlab.zendesk.com'],
      gitlabUrl: 'https://gitlab.com',
      internalRequestsProject: 'x/y',
    };
    const result = validateSubmission(def, state, hosts, '2026-01-01');
    expect(result).toEqual({ ok: true, values: { title: 'Idea for Support', description: 'ok 👩‍💻' } });
  });
});
