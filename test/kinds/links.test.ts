import { parseGroup, parseHttpsUrl, parseTicketLink } from '../../src/kinds/links';
import { HOSTS } from '../helpers/forms';

describe('parseTicketLink', () => {
  it.each([
    ['https://gitlab.zendesk.com/agent/tickets/123456', 'https://gitlab.zendesk.com/agent/tickets/123456'],
    ['<https://gitlab.zendesk.com/agent/tickets/42|ticket>', 'https://gitlab.zendesk.com/agent/tickets/42'],
    [
      'https://GITLAB.zendesk.com/hc/en-us/requests/77?x=1#frag',
      'https://gitlab.zendesk.com/agent/tickets/77',
    ],
    [
      'https://gitlab.com/gitlab-com/support/internal-requests/-/issues/12',
      'https://gitlab.com/gitlab-com/support/internal-requests/-/issues/12',
    ],
  ])('accepts %s and rebuilds it', (input, url) => {
    expect(parseTicketLink(input, HOSTS)?.url).toBe(url);
  });

  it.each([
    'http://gitlab.zendesk.com/agent/tickets/1',
    'https://gitlab.zendesk.com.evil.example/agent/tickets/1',
    'https://evilgitlab.zendesk.com/agent/tickets/1',
    'https://user:pw@gitlab.zendesk.com/agent/tickets/1',
    'https://gitlab.zendesk.com:8443/agent/tickets/1',
    'https://169.254.169.254/agent/tickets/1',
    'http://localhost:8080/agent/tickets/1',
    'file:///etc/passwd',
    'https://gitlab.zendesk.com/agent/users/1',
    'https://gitlab.com/some/other-project/-/issues/1',
    'javascript:alert(1)',
    '123456',
  ])('rejects %s', (input) => {
    expect(parseTicketLink(input, HOSTS)).toBeUndefined();
  });
});

describe('parseGroup', () => {
  it('accepts a path or a URL on the GitLab host', () => {
    expect(parseGroup('acme/sub', 'https://gitlab.com')).toEqual({
      path: 'acme/sub',
      url: 'https://gitlab.com/acme/sub',
    });
    expect(parseGroup('https://gitlab.com/groups/acme/-/billings', 'https://gitlab.com')).toEqual({
      path: 'acme',
      url: 'https://gitlab.com/acme',
    });
  });
  it('rejects other hosts and odd paths', () => {
    expect(parseGroup('https://gitlab.com.evil.example/acme', 'https://gitlab.com')).toBeUndefined();
    expect(parseGroup('acme/../admin', 'https://gitlab.com')).toBeUndefined();
    expect(parseGroup('<!channel>', 'https://gitlab.com')).toBeUndefined();
  });
});

describe('parseHttpsUrl', () => {
  it('keeps https links and refuses others', () => {
    expect(parseHttpsUrl('https://gitlab.my.salesforce.com/006')).toBe(
      'https://gitlab.my.salesforce.com/006',
    );
    expect(parseHttpsUrl('http://x.example')).toBeUndefined();
    expect(parseHttpsUrl('https://gitlab.com/x', ['gitlab.com'])).toBe('https://gitlab.com/x');
    expect(parseHttpsUrl('https://example.com/x', ['gitlab.com'])).toBeUndefined();
  });
});
