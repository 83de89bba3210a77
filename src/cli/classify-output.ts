// Output of `support-router classify`: human-readable, one JSON object, or the JSON-lines contract.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

import { renderAnswer } from '../routing/answer';
import { confidenceBand } from '../routing/bands';
import { mrkdwnToPlain } from './plain-text';
import { classify } from '../routing/classify';
import type { Classification, RuleSet } from '../routing/types';

/** The --jsonl contract: exactly these keys, in this order. */
export function contractLine(result: Classification): string {
  return JSON.stringify({
    route: result.route,
    confidence: result.confidence,
    alternatives: result.alternatives.map((a) => ({ route: a.route, confidence: a.confidence })),
  });
}

/** Alternatives less likely than this are noise in the human output (the JSON keeps them all). */
const SHOWN_ALTERNATIVE = 0.05;

export function formatClassification(text: string, rules: RuleSet, json: boolean): string {
  const result = classify(text, rules);
  const rule = rules.byId.get(result.route);
  const { question, ...answer } = result;
  const band = confidenceBand(result);
  if (json) {
    return JSON.stringify({
      ...answer,
      band,
      ...(question
        ? {
            question: {
              text: question.text,
              options: question.options.map((o) => ({ label: o.label, routes: o.routes })),
            },
          }
        : {}),
      action: rule?.action,
      title: rule?.title,
      answer: rule ? renderAnswer(rule, rules) : undefined,
    });
  }
  const lines = [
    `route:       ${result.route}  (confidence ${result.confidence.toFixed(2)}, ${band})`,
    `why:         ${result.evidence.join('; ') || '-'}`,
    `also likely: ${
      result.alternatives
        .filter((a) => a.confidence >= SHOWN_ALTERNATIVE)
        .map((a) => `${a.route} ${a.confidence.toFixed(2)}`)
        .join(', ') || '-'
    }`,
  ];
  if (question)
    lines.push(
      `asks:        ${question.text}`,
      ...question.options.map((o) => `  [${o.label}] -> ${o.routes.join(', ')}`),
    );
  if (rule) {
    lines.push(`action:      ${rule.action}: ${rule.title}`, `handbook:    ${rule.link}`, 'answer:');
    lines.push(
      ...mrkdwnToPlain(renderAnswer(rule, rules))
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  return lines.join('\n');
}

/** Reads {"text": "..."} lines and writes one contract line per input line, in the same order. */
export async function classifyJsonl(input: Readable, output: Writable, rules: RuleSet): Promise<void> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let buffer: string[] = [];
  const flush = async () => {
    if (!buffer.length) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!output.write(chunk)) await new Promise((resolve) => output.once('drain', resolve));
  };
  // Every input line gets exactly one output line, blank ones included: tools pair them by position.
  for await (const line of lines) {
    buffer.push(`${jsonlResult(line, rules)}\n`);
    if (buffer.length >= 256) await flush();
  }
  await flush();
}

function jsonlResult(line: string, rules: RuleSet): string {
  if (!line.trim()) return errorLine('blank line: expected {"text": "..."}');
  let text: unknown;
  try {
    text = (JSON.parse(line) as { text?: unknown }).text;
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') {
    // Keep the output aligned with the input: an unreadable line still gets its answer line.
    return errorLine('expected {"text": "..."}');
  }
  return contractLine(classify(text, rules));
}

const errorLine = (error: string): string =>
  JSON.stringify({ route: 'unknown', confidence: 0, alternatives: [], error });
