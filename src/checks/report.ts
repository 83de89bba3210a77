// The report printed when the bot cannot start (and by `config check`): every problem, grouped by
// where it is, and how to create the Slack app only when its credentials are what is missing.
import { errorsOf, formatProblems, type Problem, type ProblemSource } from './problems';

const SLACK_APP_STEPS = [
  "Don't have a Slack app yet? Create it from this repository's manifest.yml:",
  '  1. https://api.slack.com/apps -> Create New App -> From an app manifest -> pick the workspace.',
  '  2. Paste manifest.yml (replace https://support-router.example.com with your public URL,',
  '     or set socket_mode_enabled: true for Socket Mode and skip the URL).',
  '  3. Install to Workspace; copy the Bot User OAuth Token (xoxb-...) to SLACK_BOT_TOKEN and',
  '     Basic Information -> Signing Secret to SLACK_SIGNING_SECRET.',
  '  4. For Socket Mode, create an App-Level Token with connections:write and set SLACK_APP_TOKEN (xapp-...).',
  'See the README, section "Create the Slack app from manifest.yml".',
];

/** Every problem, grouped by where it is; the Slack-app steps only when Slack credentials are missing. */
export function startupReport(
  problems: Problem[],
  where: Partial<Record<ProblemSource, string>> = {},
): string {
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  const lines = [
    `support-router cannot start: ${errors} problem${errors === 1 ? '' : 's'} to fix${warnings ? ` (and ${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`,
    '',
    formatProblems(problems, where),
  ];
  if (problems.some((p) => p.source === 'slack' && p.message.startsWith('not set')))
    lines.push('', ...SLACK_APP_STEPS);
  return lines.join('\n');
}
