import { describePostgres, freshPgSchema } from '../helpers/stores';
import { analyticsContract } from './contract';

describePostgres('routing analytics on PostgreSQL', () => {
  analyticsContract(freshPgSchema);
});
