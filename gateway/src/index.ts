export * from './composition';
export { composeFromFiles } from './compose';
export * from './limits';
export * from './rate-limit';
export * from './server';
export * from './subgraphs';
export * from './trusted-subgraph';
