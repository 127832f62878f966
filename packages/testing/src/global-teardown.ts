import { rm } from 'node:fs/promises';
import { getGlobalState } from './global-state';

export default async function globalTeardown(): Promise<void> {
  const state = getGlobalState();
  if (!state) return;
  await state.server.stop();
  await rm(state.directory, { recursive: true, force: true });
}
