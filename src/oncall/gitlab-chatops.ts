// The `gitlab-chatops` provider: runs the ChatOps `oncall support|cmoc|manager` job through the
// GitLab API of the ChatOps instance (a trigger token when configured, else a token creating the
// pipeline) and reads the answer from the job log's chat_reply section. Slow by nature (a CI job),
// so the cache matters. The job gets the variables a ChatOps run sets: CHAT_INPUT, and CHAT_CHANNEL
// and CHAT_USER_ID when the bot knows who asked where.
import type { GitlabClient } from '../filing/gitlab-client';
import { chatReplySection, parseChatReply } from './chat-reply';
import type { Asker, OncallProvider, Rotation } from './types';

/** The slice of gitbeaker this provider uses, so tests can point a real client at nock. */
export type ChatopsGitlab = Pick<GitlabClient, 'Pipelines' | 'Jobs'>;

export interface ChatopsOptions {
  gitlab: ChatopsGitlab;
  project: string;
  ref: string;
  job: string;
  triggerToken?: string;
  pollMs?: number;
}

const FINISHED = new Set(['success', 'failed', 'canceled', 'skipped']);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });

/** The variables of a ChatOps run, for this rotation and asker. */
export function chatVariables(rotation: Rotation, asker: Asker = {}): Record<string, string> {
  return {
    CHAT_INPUT: rotation,
    ...(asker.channelId ? { CHAT_CHANNEL: asker.channelId } : {}),
    ...(asker.userId ? { CHAT_USER_ID: asker.userId } : {}),
  };
}

export function createChatopsProvider(opts: ChatopsOptions): OncallProvider {
  const { gitlab, project, ref, job } = opts;
  const pollMs = opts.pollMs ?? 1000;

  /**
   * POST /projects/:id/trigger/pipeline with the trigger token in the form body: gitbeaker's own
   * trigger() puts it in the query string, where proxies and access logs keep it.
   */
  async function trigger(token: string, variables: Record<string, string>): Promise<unknown> {
    const form = new FormData();
    form.set('token', token);
    form.set('ref', ref);
    for (const [key, value] of Object.entries(variables)) form.set(`variables[${key}]`, value);
    const { body } = await gitlab.Pipelines.requester.post(
      `projects/${encodeURIComponent(project)}/trigger/pipeline`,
      { body: form },
    );
    return body;
  }

  async function startPipeline(rotation: Rotation, asker?: Asker): Promise<number> {
    const variables = chatVariables(rotation, asker);
    const pipeline = opts.triggerToken
      ? await trigger(opts.triggerToken, variables)
      : await gitlab.Pipelines.create(project, ref, {
          variables: Object.entries(variables).map(([key, value]) => ({ key, value })),
        });
    const id = (pipeline as { id?: unknown } | null)?.id;
    if (typeof id !== 'number') throw new Error('GitLab answered the pipeline request without a pipeline id');
    return id;
  }

  return {
    name: 'GitLab ChatOps',
    async lookup(rotation: Rotation, signal: AbortSignal, asker?: Asker) {
      const pipelineId = await startPipeline(rotation, asker);
      for (;;) {
        const jobs = await gitlab.Jobs.all(project, { pipelineId });
        const found = jobs.find((j) => j.name === job);
        if (found && FINISHED.has(found.status)) {
          if (found.status !== 'success') throw new Error(`ChatOps job ${job} ended ${found.status}`);
          const log = await gitlab.Jobs.showLog(project, found.id);
          const section = chatReplySection(log);
          if (section === undefined) throw new Error('ChatOps job log has no chat_reply section');
          return {
            rotation,
            people: parseChatReply(section),
            source: 'GitLab ChatOps',
            fetchedAt: new Date(),
          };
        }
        await sleep(pollMs, signal);
      }
    },
  };
}
