import { describeUrl, normalizeSlackText, tokenize } from '../../src/routing/normalize';

describe('normalizeSlackText', () => {
  it('drops user mentions and broadcast pings', () => {
    expect(normalizeSlackText('<@U024BE7LH> <!here> <!channel> hello').trim()).toBe('hello');
  });

  it('keeps channel names and user-group handles as words', () => {
    expect(normalizeSlackText('see <#C4XFU81LG|support_gitlab-com>')).toContain('#support_gitlab-com');
    expect(normalizeSlackText('ping <!subteam^S123|@support-dotcom>')).toContain('@support-dotcom');
  });

  it('replaces links with their label and what they point to', () => {
    const text = normalizeSlackText('look at <https://gitlab.zendesk.com/agent/tickets/412877|this one>');
    expect(text).toContain('this one');
    expect(text).toContain('support ticket link');
    expect(text).not.toContain('412877');
  });

  it('understands bare URLs too', () => {
    expect(normalizeSlackText('group https://gitlab.com/acme-co is affected')).toContain(
      'gitlabcom group namespace',
    );
  });

  it('strips emoji codes and formatting but keeps code span content', () => {
    expect(normalizeSlackText(':rotating_light: *prod* is `down` _now_').replace(/\s+/g, ' ').trim()).toBe(
      'prod is down now',
    );
  });

  it('decodes the entities Slack escapes', () => {
    expect(normalizeSlackText('Q&amp;A &lt;3')).toBe('Q&A <3');
  });
});

describe('describeUrl', () => {
  it.each([
    ['https://gitlab.zendesk.com/agent/tickets/1', ' support ticket link '],
    ['https://gitlab.com/gitlab-com/support/internal-requests/-/issues/9', ' internal request issue link '],
    ['https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1', ' gitlabcom merge request link '],
    ['https://gitlab.com/acme', ' gitlabcom group namespace link '],
    ['https://example.org/x', ' link '],
    ['not a url', ' link '],
  ])('%s -> %s', (url, words) => expect(describeUrl(url)).toBe(words));
});

describe('tokenize', () => {
  it('lower-cases, expands contractions and marks clause ends', () => {
    expect(tokenize("It's not an incident. Can't log in!")).toEqual([
      'it',
      'not',
      'an',
      'incident',
      '|',
      'can',
      'not',
      'log',
      'in',
      '|',
    ]);
  });

  it('keeps GitLab.com as one word in its spellings', () => {
    expect(tokenize('GitLab.com gitlab com-free dotcom')).toEqual([
      'gitlabcom',
      'gitlab',
      'com',
      'free',
      'gitlabcom',
    ]);
  });
});
