// For suites that talk only to nock'd hosts: the network is cut for the whole file, and a test that
// leaves an expected HTTP call unmade fails (the filer must make every call it was stubbed for).
import nock from 'nock';

export function useStrictNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}
