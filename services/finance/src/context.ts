import type { SubgraphContext } from '@second-chance/service-kit';
import type { FinanceLoaders } from './loaders';

export type FinanceContext = SubgraphContext<FinanceLoaders>;
