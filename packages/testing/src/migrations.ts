// The check every service's migrations pass: on an empty database they bring the schema exactly to the
// entities, they revert to nothing, and they apply again.
import { createDataSource, pendingSchemaChanges, runMigrations } from '@second-chance/db';
import type { SubgraphModule } from '@second-chance/service-kit';
import type { DataSource } from 'typeorm';
import { createTestDatabase, dropDatabase } from './database';

export async function checkMigrations(
  module: SubgraphModule,
  /** More checks on the migrated database (seeded reference data, say). */
  migrated?: (dataSource: DataSource) => Promise<void>,
): Promise<void> {
  const url = await createTestDatabase(`${module.name}_migrations`);
  const dataSource = createDataSource({ url, entities: module.entities, migrations: module.migrations });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    expect(applied.length).toBe(module.migrations.length);
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
    await migrated?.(dataSource);

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
}
