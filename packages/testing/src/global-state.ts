import type { EmbeddedPostgres } from '@second-chance/db';

export interface GlobalState {
  server: EmbeddedPostgres;
  directory: string;
}

const KEY = Symbol.for('second-chance.test-postgres');

export function setGlobalState(state: GlobalState): void {
  (globalThis as Record<symbol, unknown>)[KEY] = state;
}

export function getGlobalState(): GlobalState | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as GlobalState | undefined;
}
