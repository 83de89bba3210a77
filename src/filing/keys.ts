// Keys derived from a submission id (team + view id): stable across retries, restarts and replicas.
import crypto from 'node:crypto';

/** Zendesk's Idempotency-Key: the same submission always sends the same key. */
export function idempotencyKey(submissionId: string): string {
  return crypto.createHash('sha256').update(`support-router:${submissionId}`).digest('hex');
}

/**
 * A token written into a GitLab issue's description so a retry can find the issue it already made.
 * One alphanumeric word, so both GitLab's substring and full-text issue search match it whole.
 */
export function issueMarker(submissionId: string): string {
  return `supportrouter${idempotencyKey(submissionId).slice(0, 24)}`;
}

/** The marker as it appears in the description: an HTML comment, invisible when rendered. */
export function markerComment(submissionId: string): string {
  return `<!-- ${issueMarker(submissionId)} -->`;
}
