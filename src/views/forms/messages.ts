// Pure builders for what the requester sees about a request: the modal after submitting, the
// "filed" / "could not file" messages (with a Retry button), the dry-run preview, /support status,
// and the STAR channel notice. User text is escaped; errors are the filer's plain-words message.
import type { types } from '@slack/bolt';
import { ACTION_RETRY_FILING } from '../../ids';
import { escapeMrkdwn, mrkdwnLink } from '../../slack/escape';
import { clip, LIMITS } from '../../slack/limits';
import type { Submission } from '../../store/types';
import { button, context, fallbackText, mrkdwnSection, plain, slackDate, type Message } from '../blocks';

export const link = mrkdwnLink;

export function receivedView(title: string, dryRun: boolean): types.ModalView {
  const lines = [
    `*${escapeMrkdwn(title)}*: received.`,
    dryRun
      ? 'This bot runs in *dry-run* mode: nothing is sent to GitLab or Zendesk. I will show you exactly what would be filed.'
      : 'I am filing it now and will send you the link in a moment. If GitLab or Zendesk is slow, I keep trying; you will not need to submit again.',
  ];
  return {
    type: 'modal',
    title: plain('Request received', LIMITS.modalTitle),
    close: plain('Done', LIMITS.modalButton),
    blocks: [mrkdwnSection(lines.join('\n'))],
  };
}

export function outOfHoursView(hoursText: string, emergencyUrl: string): types.ModalView {
  const text = [
    '*STARs are not taken right now.*',
    `Support Ticket Attention Requests are accepted during Global Support Hours only: ${escapeMrkdwn(hoursText)}.`,
    `If the customer's situation is an emergency (production down, no workaround), ${link(emergencyUrl, 'use the emergency process')} instead. Otherwise, submit the STAR when Support Hours start.`,
  ].join('\n');
  return {
    type: 'modal',
    title: plain('Outside Support Hours', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalButton),
    blocks: [mrkdwnSection(text)],
  };
}

function previewText(preview: unknown): string {
  const json = JSON.stringify(preview, null, 2) ?? '';
  // The preview holds user text: Slack reads <!channel>, <@U1> and links even inside a code block.
  // Triple backticks would end the block early; a clip must not leave half an entity behind.
  const clipped = clip(escapeMrkdwn(json.replace(/```/g, "'''")), 2800);
  return '```' + clipped.replace(/&[a-z]{0,3}…$/, '…') + '```';
}

export function filedMessage(s: Submission, title: string): Message {
  const r = s.result;
  if (r?.dryRun) {
    return {
      text: fallbackText(escapeMrkdwn(`Dry run: ${title} was not filed; here is what would have been sent.`)),
      blocks: [
        mrkdwnSection(
          `*Dry run* — ${escapeMrkdwn(title)}: nothing was sent. This is exactly what would be filed as a ${r.target === 'gitlab-issue' ? 'GitLab issue' : 'Zendesk ticket'}:`,
        ),
        mrkdwnSection(previewText(r.preview)),
      ],
    };
  }
  const where = r?.url ? link(r.url, r.ref ?? r.url) : 'it';
  return {
    // The notification text is read as mrkdwn too: escaped, so nothing in it can ping or disguise a link.
    text: fallbackText(escapeMrkdwn(`Filed: ${title} ${r?.url ?? ''}`)),
    blocks: [mrkdwnSection(`:white_check_mark: *Filed* — ${escapeMrkdwn(title)}: ${where}`)],
  };
}

export function failedMessage(s: Submission, title: string): Message {
  const why = escapeMrkdwn(s.error ?? 'Something went wrong while filing.');
  return {
    text: fallbackText(escapeMrkdwn(`Could not file: ${title}`)),
    blocks: [
      mrkdwnSection(
        `:warning: *Could not file* — ${escapeMrkdwn(title)}\n${why}\nYour answers are saved: press Retry, or file it by hand.`,
      ),
      {
        type: 'actions',
        elements: [button('Retry', ACTION_RETRY_FILING, { value: s.id, style: 'primary' })],
      },
    ],
  };
}

const STATUS_LABEL: Record<Submission['status'], string> = {
  pending: 'queued',
  filed: 'filed',
  failed: 'failed',
};

export function statusLabel(s: Submission): string {
  if (s.status === 'filed' && s.result?.dryRun) return 'dry run';
  if (s.status === 'pending' && s.attempts > 0) return `retrying (${s.attempts} attempts)`;
  return STATUS_LABEL[s.status];
}

/** Status updates hook: "filed · waiting for your reply" once the ticket or issue is tracked. */
export function trackedStatus(s: Submission, tracked?: string): string {
  return tracked ? `${statusLabel(s)} · ${tracked}` : statusLabel(s);
}

export function statusMessage(rows: { submission: Submission; title: string; tracked?: string }[]): Message {
  if (rows.length === 0)
    return {
      text: 'You have no requests yet.',
      blocks: [mrkdwnSection('You have no requests filed through me yet.')],
    };
  const lines = rows.map(({ submission: s, title, tracked }) => {
    const when = slackDate(s.createdAt, new Date(s.createdAt).toISOString());
    const target = s.result?.url ? ` ${link(s.result.url, s.result.ref ?? 'link')}` : '';
    return `• *${escapeMrkdwn(title)}* — ${escapeMrkdwn(trackedStatus(s, tracked))}${target} (${when})`;
  });
  const failed = rows.filter((r) => r.submission.status === 'failed').slice(0, 5);
  const blocks: types.KnownBlock[] = [mrkdwnSection(`*Your recent requests*\n${lines.join('\n')}`)];
  if (failed.length)
    blocks.push({
      type: 'actions',
      elements: failed.map((f) =>
        button(`Retry: ${f.title}`, ACTION_RETRY_FILING, { value: f.submission.id }),
      ),
    });
  return { text: 'Your recent requests', blocks };
}

export interface StarNoticeInput {
  requesterId: string;
  ticketUrl: string;
  urgency: string;
  reason: string;
  issueUrl?: string;
  issueRef?: string;
  /** "<@U123>" of the on-call Support Manager, when known. */
  managerMention?: string;
}

export function starNotice(n: StarNoticeInput): Message {
  const lines = [
    `:star: *New STAR* from <@${n.requesterId}> — ${escapeMrkdwn(n.urgency)}`,
    `Ticket: ${link(n.ticketUrl, n.ticketUrl)}`,
    `Reason: ${escapeMrkdwn(n.reason)}`,
    n.issueUrl ? `Issue: ${link(n.issueUrl, n.issueRef ?? n.issueUrl)}` : undefined,
    n.managerMention
      ? `On-call Support Manager: ${n.managerMention}`
      : 'On-call Support Manager: not known to the bot; managers, please pick this up.',
  ].filter((l): l is string => !!l);
  return {
    text: fallbackText(escapeMrkdwn(`New STAR: ${n.ticketUrl}`)),
    blocks: [mrkdwnSection(lines.join('\n')), context('Filed through support-router')],
  };
}
