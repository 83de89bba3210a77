// What the bot files, independent of the Slack form that collected it. The form module turns a
// submission into one of these; the GitLab and Zendesk filers send it; dry-run stores it as is.
import type { Logger } from '../logger';
import type { FiledResult, Submission } from '../store/types';

export interface GitlabIssueRequest {
  target: 'gitlab-issue';
  /** Project path, e.g. "gitlab-com/support/support-team-meta". */
  project: string;
  title: string;
  /** The filled-in answers; the template body (when fetched) follows them. */
  description: string;
  /** Issue template fetched from the project at filing time; the built-in body is the fallback. */
  template?: string;
  fallbackTemplate?: string;
  labels: string[];
  confidential: boolean;
  /** GitLab username to assign (the on-call CMOC or Support Manager), when known. */
  assigneeUsername?: string;
}

export interface ZendeskTicket {
  subject: string;
  comment: { body: string; public?: boolean };
  /** `name` is required by Zendesk when the email is new to it. */
  requester?: { name: string; email: string };
  /** The submission's key: a later attempt finds the ticket by it before creating another. */
  external_id?: string;
  email_ccs?: { user_email: string; action: 'put' }[];
  ticket_form_id?: number;
  custom_fields?: { id: number; value: string | number | boolean }[];
  tags: string[];
  priority?: 'urgent' | 'high' | 'normal' | 'low';
}

export interface ZendeskTicketRequest {
  target: 'zendesk-ticket';
  ticket: ZendeskTicket;
}

export type FilingRequest = GitlabIssueRequest | ZendeskTicketRequest;

export interface FileContext {
  /** Stable per submission: the Zendesk Idempotency-Key and the GitLab marker derive from it. */
  key: string;
  /** True when an earlier attempt may have reached the remote API, so it may already exist. */
  mayExist: boolean;
  /** Aborted when the worker loses the row or stops: the calls in flight end at once. */
  signal?: AbortSignal;
  /**
   * The fencing check, called right before the request that creates the issue or ticket: throws
   * when another worker holds the row now, so two workers never both create.
   */
  beforeWrite?: () => Promise<void>;
}

/** Sends one FilingRequest; throws FilingError. */
export interface Filer {
  file(request: FilingRequest, context: FileContext): Promise<FiledResult>;
}

/** Turns a stored submission into what to file (may look up the on-call person). */
export type PrepareFiling = (submission: Submission) => Promise<FilingRequest>;

/** What the worker lends a notify attempt: its logger, and a way to record a step as done. */
export interface NotifyContext {
  log: Logger;
  /** Records that a follow-up step is done, so a later attempt does not run it again. */
  stepDone(step: string): Promise<void>;
}

/** One follow-up step of a filed request, bound to it (e.g. the STAR channel notice). */
export interface FollowUpStep {
  /** The name it is recorded under once done. */
  step: string;
  /** Where it posted, when it posted a message (status updates go to that thread). */
  run(): Promise<PostedMessage | void>;
}

/** Runs the follow-up steps of a filed request and tells the requester how it went. */
export interface Notifier {
  notify(submission: Submission, context?: NotifyContext): Promise<void>;
}

/** A message a follow-up step posted: its channel and ts. */
export interface PostedMessage {
  channel: string;
  ts?: string;
}
