// Sends each FilingRequest to the client for its target. A target whose credentials are not
// configured fails permanently with a message that says what to set.
import type { FiledResult } from '../store/types';
import { FilingError } from './errors';
import type { GitlabFiler } from './gitlab';
import type { FileContext, Filer, FilingRequest } from './types';
import type { ZendeskFiler } from './zendesk';

export function createFiler(clients: { gitlab?: GitlabFiler; zendesk?: ZendeskFiler }): Filer {
  return {
    async file(request: FilingRequest, context: FileContext): Promise<FiledResult> {
      if (request.target === 'gitlab-issue') {
        if (!clients.gitlab)
          throw new FilingError('permanent', 'GitLab filing is not set up on this bot (GITLAB_TOKEN).');
        return clients.gitlab.file(request, context);
      }
      if (!clients.zendesk)
        throw new FilingError(
          'permanent',
          'Zendesk filing is not set up on this bot (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN).',
        );
      return clients.zendesk.file(request, context);
    },
  };
}
