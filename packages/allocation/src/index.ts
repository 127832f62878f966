// The allocation package: which household is proposed for which vacant social home, by an explicit, explainable
// objective solved to proven optimality. Pure: no I/O; the services gather the input and keep the results.
export * from './types';
export * from './rules';
export * from './model';
export * from './solve';
export * from './greedy';
export * from './explain';
export * from './round';
export * from './synthetic';
export * from './flow';
export * from './ties';
