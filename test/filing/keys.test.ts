import { idempotencyKey, issueMarker, markerComment } from '../../src/filing/keys';

describe('keys derived from a submission', () => {
  it('are stable per submission and differ between submissions', () => {
    expect(idempotencyKey('T1:V1')).toBe(idempotencyKey('T1:V1'));
    expect(idempotencyKey('T1:V1')).not.toBe(idempotencyKey('T1:V2'));
    expect(idempotencyKey('T1:V1')).toMatch(/^[0-9a-f]{64}$/); // Zendesk accepts up to 255 characters
  });

  it('mark issues with one alphanumeric word hidden in an HTML comment', () => {
    expect(issueMarker('T1:V1')).toMatch(/^supportrouter[0-9a-f]{24}$/);
    expect(markerComment('T1:V1')).toBe(`<!-- ${issueMarker('T1:V1')} -->`);
  });
});
