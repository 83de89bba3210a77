// Files GitLab issues. Creation has no idempotency key, so the issue carries a marker (an HTML
// comment derived from the submission) and any attempt after the first looks for it before
// creating: a 502 or a timeout after GitLab created the issue does not make a second one.
import type { FiledResult } from '../store/types';
import { FilingError } from './errors';
import { attemptSignal, type GitlabClient } from './gitlab-client';
import { issueMarker, markerComment } from './keys';
import type { FileContext, GitlabIssueRequest } from './types';

interface IssueLike {
  iid: number;
  web_url: string;
  description?: string | null;
}

export interface GitlabFilerOptions {
  /** GITLAB_URL: an issue link is the API's web_url only when it is on this origin. */
  baseUrl?: string;
  /** Called when a template cannot be fetched (the built-in body is used instead). */
  onTemplateFallback?: (project: string, template: string, reason: string) => void;
}

export class GitlabFiler {
  constructor(
    private readonly api: GitlabClient,
    private readonly options: GitlabFilerOptions = {},
  ) {}

  async file(request: GitlabIssueRequest, context: FileContext): Promise<FiledResult> {
    if (!context.signal) return this.fileNow(request, context);
    return attemptSignal.run(context.signal, () => this.fileNow(request, context));
  }

  private async fileNow(request: GitlabIssueRequest, context: FileContext): Promise<FiledResult> {
    if (context.mayExist) {
      const existing = await this.findByMarker(request.project, context.key);
      if (existing) return this.result(existing, request.project);
    }
    const description = await this.describe(request, context.key);
    const assigneeIds = request.assigneeUsername ? await this.userIds(request.assigneeUsername) : [];
    // Last, right before the create: the calls above may have outlasted a lease another worker took.
    await context.beforeWrite?.();
    const issue = (await this.api.Issues.create(request.project, request.title, {
      description,
      labels: request.labels.join(','),
      confidential: request.confidential,
      ...(assigneeIds.length > 0 ? { assigneeIds } : {}),
    })) as unknown as IssueLike;
    if (typeof issue?.iid !== 'number' || typeof issue.web_url !== 'string')
      throw new FilingError('retryable', 'GitLab returned an unexpected answer.', { service: 'GitLab' });
    return this.result(issue, request.project);
  }

  /** The issue an earlier attempt created, found by the marker in its description. */
  async findByMarker(project: string, key: string): Promise<IssueLike | undefined> {
    const marker = issueMarker(key);
    const found = (await this.api.Issues.all({
      projectId: project,
      search: marker,
      in: 'description',
      perPage: 5,
      maxPages: 1,
    })) as unknown as IssueLike[];
    return found.find((i) => typeof i.description === 'string' && i.description.includes(marker));
  }

  /** The answers, then the project's template (or the built-in body), then the marker. */
  async describe(request: GitlabIssueRequest, key: string): Promise<string> {
    const template = await this.template(request);
    const parts = [request.description, template, markerComment(key)].filter((p): p is string => !!p);
    return parts.join('\n\n');
  }

  private async template(request: GitlabIssueRequest): Promise<string | undefined> {
    if (!request.template) return request.fallbackTemplate;
    try {
      const t = (await this.api.ProjectTemplates.show(
        request.project,
        'issues',
        request.template,
      )) as unknown as {
        content?: unknown;
      };
      if (typeof t?.content === 'string' && t.content.trim()) return t.content;
      return request.fallbackTemplate;
    } catch (err) {
      this.options.onTemplateFallback?.(
        request.project,
        request.template,
        err instanceof Error ? err.message : 'unknown',
      );
      return request.fallbackTemplate;
    }
  }

  private async userIds(username: string): Promise<number[]> {
    try {
      const users = (await this.api.Users.all({ username, perPage: 1, maxPages: 1 })) as unknown as {
        id: number;
      }[];
      return users.filter((u) => typeof u.id === 'number').map((u) => u.id);
    } catch {
      // An unknown assignee must not block the request; Support triages unassigned issues too.
      return [];
    }
  }

  private result(issue: IssueLike, project: string): FiledResult {
    return { target: 'gitlab-issue', url: this.issueUrl(issue, project), ref: `#${issue.iid}` };
  }

  /**
   * The link the bot posts is the bot's: the API's web_url when it parses and is on GITLAB_URL's
   * origin (https, which config enforces but for loopback), otherwise built from project and iid.
   */
  private issueUrl(issue: IssueLike, project: string): string {
    const base = this.options.baseUrl;
    if (!base) return issue.web_url;
    const origin = new URL(base).origin;
    try {
      const url = new URL(issue.web_url);
      if (url.origin === origin && !url.username && !url.password) return url.href;
    } catch {
      // not a URL: built below
    }
    const path = project.split('/').map(encodeURIComponent).join('/');
    return `${base.replace(/\/+$/, '')}/${path}/-/issues/${issue.iid}`;
  }
}
