// The `gitlab-chatops` provider: runs the ChatOps `oncall support|cmoc` job through the GitLab API
// (a trigger token when configured, else a personal token creating the pipeline) and reads the
// answer from the job log's chat_reply section. Slow by nature (a CI job), so the cache matters.
import type { Gitlab } from '@gitbeaker/rest';
import { chatReplySection, parseChatReply } from './chat-reply';
import type { OncallProvider, Rotation } from './types';

/** The slice of gitbeaker this provider uses, so tests can point a real client at nock. */
export type ChatopsGitlab = Pick<InstanceType<typeof Gitlab>, 'Pipelines' | 'PipelineTriggerTokens' | 'Jobs'>;

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

export function createChatopsProvider(opts: ChatopsOptions): OncallProvider {
  const { gitlab, project, ref, job } = opts;
  const pollMs = opts.pollMs ?? 1000;

  async function startPipeline(rotation: Rotation): Promise<number> {
    const pipeline = opts.triggerToken
      ? await gitlab.PipelineTriggerTokens.trigger(project, ref, opts.triggerToken, {
          variables: { CHAT_INPUT: rotation },
        })
      : await gitlab.Pipelines.create(project, ref, { variables: [{ key: 'CHAT_INPUT', value: rotation }] });
    return pipeline.id;
  }

  return {
    name: 'GitLab ChatOps',
    async lookup(rotation: Rotation, signal: AbortSignal) {
      const pipelineId = await startPipeline(rotation);
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
