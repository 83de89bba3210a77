// The route ids the code names (src/routes.ts) must be routes of the real rules file: a route renamed
// or dropped in the rules fails here, not as a button or subcommand that silently stops working.
import path from 'node:path';
import { loadRules } from '../src/routing/load';
import { CUSTOMER_ROUTE_PREFIX, INTERNAL_REQUEST_PREFIX, ROUTE } from '../src/routes';

const rules = loadRules(path.join(__dirname, '..', 'rules', 'handbook.yml'));

describe('route id constants', () => {
  it.each(Object.entries(ROUTE))('ROUTE.%s (%s) is a route in rules/handbook.yml', (_name, id) => {
    expect(rules.byId.has(id)).toBe(true);
  });

  it.each([INTERNAL_REQUEST_PREFIX, CUSTOMER_ROUTE_PREFIX])('the prefix %s starts route ids', (prefix) => {
    expect(rules.rules.filter((r) => r.id.startsWith(prefix)).length).toBeGreaterThan(1);
  });
});
