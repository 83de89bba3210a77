import { describePostgres, freshPostgres, freshSqlite } from '../helpers/stores';
import { statusStoreContract } from './store-contract';

describe('status store on SQLite', () => {
  statusStoreContract(() => freshSqlite());
});

describePostgres('status store on PostgreSQL', () => {
  statusStoreContract(() => freshPostgres());
});
