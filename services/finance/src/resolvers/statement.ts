// A party's statement of a settled period, as the Statement type resolves it.
import type { FinanceContext } from '../context';
import { periodOrError } from '../store/settlement';
import type { StatementModel } from './models';

export async function loadStatement(
  ctx: FinanceContext,
  party: string,
  period: string,
): Promise<StatementModel | null> {
  const run = await ctx.loaders.runByPeriod.load(periodOrError(period).key);
  if (!run) return null;
  const [lines, transfers] = await Promise.all([
    ctx.loaders.linesByRunParty.load(`${run.id}|${party}`),
    ctx.loaders.transfersByRun.load(run.id),
  ]);
  return { party, run, lines, transfers: transfers.filter((t) => t.fromParty === party || t.toParty === party) };
}
