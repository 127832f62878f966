// The schema changes only through migrations: after they run, the entities and the database agree, and every
// migration can be reverted and applied again.
import { checkMigrations } from '@second-chance/testing';
import { createEvaluationSubgraph } from '../src';

test('migrations bring an empty database exactly to the entities and revert cleanly', () =>
  checkMigrations(createEvaluationSubgraph({ eventSecrets: [] })));
