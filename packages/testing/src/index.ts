export * from './database';
export * from './platform';
export * from './tokens';
export * from './expectations';
export * from './migrations';
