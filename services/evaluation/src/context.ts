import type DataLoader from 'dataloader';
import type { SubgraphContext } from '@second-chance/service-kit';
import type { OfficialStatus } from './housing-client';
import type { EvaluationLoaders } from './loaders';

export interface EvaluationContext extends SubgraphContext<EvaluationLoaders> {
  /** The ministry's statuses of an area (from the housing subgraph, on the caller's behalf); undefined if unknown. */
  official: DataLoader<string, OfficialStatus[] | undefined>;
}
