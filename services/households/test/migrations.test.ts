// The schema changes only through migrations: after they run, the entities and the database agree, and
// every migration can be reverted and applied again.
import { createDataSource, pendingSchemaChanges, runMigrations } from '@second-chance/db';
import { createTestDatabase, dropDatabase } from '@second-chance/testing';
import { createHouseholdsSubgraph, generateKeys } from '../src';

const householdsModule = createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] });

test('migrations bring an empty database exactly to the entities, and revert cleanly', async () => {
  const url = await createTestDatabase('households_migrations');
  const dataSource = createDataSource({
    url,
    entities: householdsModule.entities,
    migrations: householdsModule.migrations,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    expect(applied.length).toBe(householdsModule.migrations.length);
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
    // The records that must never change refuse it.
    await expect(dataSource.query('DELETE FROM case_event')).rejects.toThrow(/append-only/);

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query<unknown[]>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);

    expect(await runMigrations(dataSource)).toHaveLength(applied.length);
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
    expect(await runMigrations(dataSource)).toEqual([]);
  } finally {
    await dataSource.destroy();
    await dropDatabase(url);
  }
});
