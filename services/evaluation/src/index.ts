export { createEvaluationSubgraph, typeDefs, type EvaluationConfig } from './subgraph';
export { EVENTS_PATH } from './events/inbox';
export { importIndicators, historiesOf, IMPORT_BATCH } from './store/indicators';
export { balances } from './store/balance';
export { listClassifications } from './store/classification';
export { parseIndicatorCsv, INDICATOR_COLUMNS } from './domain/indicator-csv';
export { classify } from './domain/classification';
export type { AreaYearIndicators } from './domain/indicators';
