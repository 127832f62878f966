export * from './composition';
export { composeFromFiles, SUPERGRAPH_FILE } from './compose';
export * from './limits';
export * from './server';
export * from './subgraphs';
export * from './trusted-subgraph';
