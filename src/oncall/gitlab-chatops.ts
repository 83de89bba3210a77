// The `gitlab-chatops` provider: runs the ChatOps `oncall support|cmoc|manager` job through the
// GitLab API of the ChatOps instance (a trigger token when configured, else a token creating the
// pipeline) and reads the answer from the job log's chat_reply section. Slow by nature (a CI job),
// so the cache matters. The job gets the variables a ChatOps run sets: CHAT_INPUT, and CHAT_CHANNEL
// and CHAT_USER_ID when the bot knows who asked where.
import type { GitlabClient } from '../filing/gitlab-client';
import { chatReplySection, MAX_LOG_CHARS, parseChatReply } from './chat-reply';
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

/**
 * One lookup's hold on the caller's signal: a single abort listener, removed when the lookup ends
 * (a listener per poll would pile up on a long-lived signal; Node warns after 10). Its waits and
 * its calls (`signal`, a child of the caller's) all hang off that one listener.
 */
function lookupScope(outer: AbortSignal): {
  signal: AbortSignal;
  sleep(ms: number): Promise<void>;
  done(): void;
} {
  const child = new AbortController();
  let cancel: (() => void) | undefined;
  const onAbort = () => {
    child.abort();
    cancel?.();
  };
  outer.addEventListener('abort', onAbort);
  if (outer.aborted) onAbort();
  return {
    signal: child.signal,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (child.signal.aborted) return reject(new Error('aborted'));
        const timer = setTimeout(resolve, ms);
        cancel = () => (clearTimeout(timer), reject(new Error('aborted')));
      }),
    done: () => outer.removeEventListener('abort', onAbort),
  };
}

/**
 * Reads a job log as it arrives and stops as soon as the chat_reply section has ended, or once
 * MAX_LOG_CHARS are in: a runaway log is never downloaded whole (reliability §7 D11).
 */
export async function readJobLog(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_LOG_CHARS && !/section_end:\d+:chat_reply/.test(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, MAX_LOG_CHARS);
}

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

  /** GET /projects/:id/jobs/:job_id/trace as a stream (gitbeaker's showLog reads it whole). */
  async function jobLog(jobId: number, signal: AbortSignal): Promise<string> {
    const { body } = await gitlab.Jobs.requester.get(
      `projects/${encodeURIComponent(project)}/jobs/${jobId}/trace`,
      { asStream: true, signal },
    );
    if (body instanceof ReadableStream) return readJobLog(body as ReadableStream<Uint8Array>);
    return typeof body === 'string' ? body.slice(0, MAX_LOG_CHARS) : '';
  }

  return {
    name: 'GitLab ChatOps',
    async lookup(rotation: Rotation, signal: AbortSignal, asker?: Asker) {
      const scope = lookupScope(signal);
      try {
        const pipelineId = await startPipeline(rotation, asker);
        for (;;) {
          const jobs = await gitlab.Jobs.all(project, { pipelineId });
          const found = jobs.find((j) => j.name === job);
          if (found && FINISHED.has(found.status)) {
            if (found.status !== 'success') throw new Error(`ChatOps job ${job} ended ${found.status}`);
            const section = chatReplySection(await jobLog(found.id, scope.signal));
            if (section === undefined) throw new Error('ChatOps job log has no chat_reply section');
            return {
              rotation,
              people: parseChatReply(section),
              source: 'GitLab ChatOps',
              fetchedAt: new Date(),
            };
          }
          await scope.sleep(pollMs);
        }
      } finally {
        scope.done();
      }
    },
  };
}
