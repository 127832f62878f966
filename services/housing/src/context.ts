import type { SubgraphContext } from '@second-chance/service-kit';
import type { HousingLoaders } from './loaders';

export type HousingContext = SubgraphContext<HousingLoaders>;
