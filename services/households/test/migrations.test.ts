// The schema changes only through migrations: after they run, the entities and the database agree, and
// every migration can be reverted and applied again.
import { checkMigrations } from '@second-chance/testing';
import { createHouseholdsSubgraph, generateKeys } from '../src';

test('migrations bring an empty database exactly to the entities, keep records append-only, and revert cleanly', () =>
  checkMigrations(
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
    async (dataSource) => {
      await expect(dataSource.query('DELETE FROM case_event')).rejects.toThrow(/append-only/);
    },
  ));
