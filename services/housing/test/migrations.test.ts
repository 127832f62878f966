// The schema changes only through migrations: after they run, the entities and the database agree, and
// every migration can be reverted and applied again.
import { checkMigrations } from '@second-chance/testing';
import { housingSubgraph } from '../src';

test('migrations bring an empty database exactly to the entities, seed the municipalities, and revert cleanly', () =>
  checkMigrations(housingSubgraph, async (dataSource) => {
    const [row] = await dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM municipality');
    expect(row?.count).toBe(98);
  }));
