export * from './identity';
export * from './user-tokens';
export * from './gateway-assertion';
export * from './dev-keys';
