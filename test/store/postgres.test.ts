import { describePostgres, freshPostgres } from '../helpers/stores';
import { storeContract } from './contract';

describePostgres('PostgresStore', () => {
  storeContract(() => freshPostgres());
});
