export { createFinanceSubgraph, typeDefs, type FinanceConfig } from './subgraph';
export { EVENTS_PATH } from './events/inbox';
export { reproduceRuns, runSettlement } from './store/settlement';
export { type CompensationPolicy, compensationSchedule, yearlyAmount } from './domain/compensation';
export { splitAmount } from './domain/split';
