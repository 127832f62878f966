export { createHouseholdsSubgraph, typeDefs, type HouseholdsConfig } from './subgraph';
export { generateKeys } from './privacy/keys';
export { EVENT_SIGNATURE_HEADER, signEvent } from './jobs/tasks';
