// The services whose databases `pnpm backup` and `pnpm restore` know: each with its own migrations (and, for
// households, its job queue's schema), which a restore runs to rebuild the tables before it loads the rows.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import type { SubgraphModule } from '@second-chance/service-kit';

export const SERVICES = ['housing', 'households', 'finance', 'evaluation'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}

/**
 * The service's module, for its migrations, entities, database role and background work only. Households is
 * given throwaway keys: a backup copies the encrypted columns as they are and never decrypts anything, so the
 * service's real keys are neither needed nor wanted here.
 */
export function serviceModule(name: ServiceName): SubgraphModule {
  switch (name) {
    case 'housing':
      return housingSubgraph;
    case 'households':
      return createHouseholdsSubgraph({ keys: generateKeys('backup'), offerResponseDays: 5, subscribers: [] });
    case 'finance':
      return createFinanceSubgraph({ eventSecrets: [] });
    case 'evaluation':
      return createEvaluationSubgraph({ eventSecrets: [] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for migration classes
type MigrationClass = Function;

/** The migrations of a module, oldest first, each with the name TypeORM records when it has run. */
export function migrationsOf(module: SubgraphModule): { name: string; migration: MigrationClass }[] {
  if (!Array.isArray(module.migrations)) throw new Error(`${module.name} does not list its migrations in order`);
  return module.migrations.map((migration) => {
    const instance = new (migration as new () => { name?: string })();
    return { name: instance.name ?? migration.name, migration };
  });
}
