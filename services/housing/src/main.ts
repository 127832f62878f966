import { runSubgraph } from '@second-chance/service-kit';
import { housingSubgraph } from './subgraph';

void runSubgraph(housingSubgraph);
