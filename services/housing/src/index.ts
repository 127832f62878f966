export { housingSubgraph, typeDefs } from './subgraph';
