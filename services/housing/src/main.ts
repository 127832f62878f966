// First: when traces are configured, their instrumentations must be in place before anything else loads.
import '@second-chance/service-kit/src/instrument';
import { runSubgraph } from '@second-chance/service-kit';
import { housingSubgraph } from './subgraph';

void runSubgraph(housingSubgraph);
