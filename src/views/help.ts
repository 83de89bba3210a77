// `/support help`: what the bot does, with examples, and the subcommands from the table.
import type { SubcommandTable } from '../slack/subcommand';
import { context, mrkdwnSection, type Message } from './blocks';

export function buildHelp(command: string, subcommands: SubcommandTable): Message {
  const lines = Object.entries(subcommands)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => `• \`${command} ${name}${s.usage ? ` ${s.usage}` : ''}\`: ${s.description}`);
  return {
    text: `${command} sends your request to GitLab Support the way the handbook says.`,
    blocks: [
      mrkdwnSection(
        `*${command}* tells you where a request for GitLab Support should go (the right channel, form, ` +
          'issue template or on-call person) the way the handbook _Working with GitLab Support_ says.',
      ),
      mrkdwnSection(
        '*Examples*\n' +
          `• \`${command} customer's license expired and they are in the grace period\`\n` +
          `• \`${command} who is the CMOC right now?\`\n` +
          `• \`${command} a user is locked out of their GitLab.com account\``,
      ),
      mrkdwnSection(`*Commands*\n${lines.join('\n')}`),
      context(
        'Also: mention me in a channel or thread, use the "Route to Support" message shortcut, or "Ask Support" from the shortcuts menu. Replies to commands are visible only to you.',
      ),
    ],
  };
}
