// The poller keeps within the APIs' limits: due looks at one service are spaced (30 a minute for
// Zendesk by default); a 429's pause for its Retry-After is in reads.test.ts.
import nock from 'nock';
import { fakeTiming } from '../helpers/timing';
import { startStatusApp, type StatusApp } from './harness';
import { filedRequest, newTicket, ZENDESK_URL, zendeskTicketStandin } from './standins';

let app: StatusApp;
afterEach(async () => {
  await app.stop();
  nock.cleanAll();
});

it('spaces looks at Zendesk two seconds apart, whatever is due', async () => {
  const timing = fakeTiming(Date.now());
  app = await startStatusApp({ timing, checksPerMinute: { zendesk: 30, gitlab: 120 } });
  const seen: number[] = [];
  for (const id of [101, 102, 103]) {
    zendeskTicketStandin(id, () => {
      seen.push(timing.now());
      return newTicket();
    });
    await filedRequest(app.store, {
      id: `T1:V${id}`,
      routeId: 'support-feedback',
      target: 'zendesk-ticket',
      url: `${ZENDESK_URL}/agent/tickets/${id}`,
      ref: `ticket ${id}`,
    });
  }
  await app.status.worker.drain();
  // Each look reads the ticket (and, at the first look, its comments): one look per slot.
  const looks = [...new Set(seen)];
  expect(looks).toHaveLength(3);
  expect(looks[1]! - looks[0]!).toBe(2000);
  expect(looks[2]! - looks[1]!).toBe(2000);
});
