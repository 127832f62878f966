export { createFinanceSubgraph, typeDefs, type FinanceConfig } from './subgraph';
export { EVENTS_PATH } from './events/inbox';
export { runSettlement } from './store/settlement';
