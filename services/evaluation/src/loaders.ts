// One set of DataLoaders per request: an area's figures, balances, a municipality's funnel and a family's
// outcomes each load in one batched query for every key a response needs.
import { type DataSource, In } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { groupedLoader, isId } from '@second-chance/service-kit';
import { AreaIndicatorsEntity, OutcomeEntity } from './entities';
import { type BalanceRow, balances } from './store/balance';
import { type FunnelPeriod, type FunnelRow, funnel } from './store/funnel';

/** A loader per distinct set of arguments (a field asked with the same arguments across a list shares one). */
function perArguments<A, L>(make: (args: A) => L): (args: A) => L {
  const made = new Map<string, L>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = made.get(key);
    if (!loader) {
      loader = make(args);
      made.set(key, loader);
    }
    return loader;
  };
}

export function createLoaders(db: DataSource, _identity: Identity) {
  return {
    /** Every year of an area's figures, oldest first. */
    indicatorsByArea: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(AreaIndicatorsEntity)
          .find({ where: { areaId: In(keys.filter(isId)) }, order: { year: 'ASC' } }),
      (row) => row.areaId,
    ),
    balancesByArea: perArguments((range: { fromQuarter: string; toQuarter: string }) =>
      groupedLoader(
        (keys: readonly string[]) => balances(db, { ...range, areaIds: keys.filter(isId) }),
        (row: BalanceRow) => row.areaId,
      ),
    ),
    funnelByMunicipality: perArguments((args: { period: FunnelPeriod; from: string | null; to: string | null }) =>
      groupedLoader(
        (keys: readonly string[]) => funnel(db, { ...args, municipalityCodes: keys.filter((k) => /^\d{3}$/.test(k)) }),
        (row: FunnelRow) => row.municipalityCode,
      ),
    ),
    outcomesByPseudonym: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(OutcomeEntity).find({ where: { householdPseudonym: In([...keys]) } }),
      (row) => row.householdPseudonym,
    ),
  };
}

export type EvaluationLoaders = ReturnType<typeof createLoaders>;
