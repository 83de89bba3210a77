import { analyticsContract, sqliteDatabase } from './contract';

describe('routing analytics on SQLite', () => {
  analyticsContract(sqliteDatabase);
});
