// One set of DataLoaders per request, reading as the caller (row-level security): every reference and every
// nested list is one batched query.
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { groupedLoader, isId, keyedLoader } from '@second-chance/service-kit';
import { committedOre } from './domain/grants';
import {
  AgreementEntity,
  AgreementVersionEntity,
  CompensationEntitlementEntity,
  GrantEntity,
  GrantPaymentEntity,
  SettlementRunEntity,
  SettlementTransferEntity,
} from './entities';
import { reproduceRuns } from './store/settlement';
import { type PartyLine, linesOfParties, linesOfRuns } from './store/statements';
import { asTenant } from './store/tenant';

const ids = (keys: readonly string[]) => keys.filter(isId);

export function createLoaders(db: DataSource, identity: Identity) {
  const tenant = <T>(work: Parameters<typeof asTenant<T>>[2]) => asTenant(db, identity, work);
  return {
    agreement: keyedLoader(
      (keys: readonly string[]) => tenant((em) => em.getRepository(AgreementEntity).findBy({ id: In(ids(keys)) })),
      (a) => a.id,
    ),
    versionsByAgreement: groupedLoader(
      (keys: readonly string[]) =>
        tenant((em) =>
          em
            .getRepository(AgreementVersionEntity)
            .find({ where: { agreementId: In(ids(keys)) }, order: { version: 'ASC' } }),
        ),
      (v) => v.agreementId,
    ),
    /** What approved grants hold of each agreement's budget, counting every party's grants. */
    committedByAgreement: new DataLoader<string, number>(async (keys) => {
      const rows = await db.getRepository(GrantEntity).find({
        where: { agreementId: In(ids(keys)) },
        select: { agreementId: true, status: true, approvedOre: true, paidOre: true },
      });
      return keys.map((key) => rows.filter((g) => g.agreementId === key).reduce((sum, g) => sum + committedOre(g), 0));
    }),
    /** The case's grants, newest first. */
    grantsByCase: groupedLoader(
      (keys: readonly string[]) =>
        tenant((em) =>
          em.getRepository(GrantEntity).find({ where: { caseId: In(ids(keys)) }, order: { appliedAt: 'DESC' } }),
        ),
      (g) => g.caseId,
    ),
    paymentsByGrant: groupedLoader(
      (keys: readonly string[]) =>
        tenant((em) =>
          em
            .getRepository(GrantPaymentEntity)
            .find({ where: { grantId: In(ids(keys)) }, order: { paidOn: 'ASC', recordedAt: 'ASC' } }),
        ),
      (p) => p.grantId,
    ),
    entitlementByCase: keyedLoader(
      (keys: readonly string[]) =>
        tenant((em) => em.getRepository(CompensationEntitlementEntity).findBy({ caseId: In(ids(keys)) })),
      (e) => e.caseId,
    ),
    runByPeriod: keyedLoader(
      (keys: readonly string[]) =>
        tenant((em) => em.getRepository(SettlementRunEntity).findBy({ period: In([...keys]) })),
      (r) => r.period,
    ),
    transfersByRun: groupedLoader(
      (keys: readonly string[]) =>
        tenant((em) =>
          em
            .getRepository(SettlementTransferEntity)
            .find({ where: { runId: In(ids(keys)) }, order: { amountOre: 'DESC', fromParty: 'ASC' } }),
        ),
      (t) => t.runId,
    ),
    /** Net position per party over every settled period (only the caller's own lines are visible). */
    balanceByParty: new DataLoader<string, number | null>(async (keys) => {
      const rows = await tenant((em) =>
        em.query<{ party: string; total: string }[]>(
          'SELECT party, sum(amount_ore) AS total FROM ledger_line WHERE party = ANY($1) GROUP BY party',
          [[...keys]],
        ),
      );
      const totals = new Map(rows.map((r) => [r.party, Number(r.total)]));
      return keys.map((key) => totals.get(key) ?? 0);
    }),
    /** A party's lines of a run, keyed `runId|party`. */
    linesByRunParty: new DataLoader<string, PartyLine[]>(async (keys) => {
      const pairs = keys.map((key) => {
        const [runId = '', party = ''] = key.split('|');
        return { runId, party };
      });
      const lines = await linesOfRuns(
        db,
        identity,
        pairs.filter((p) => isId(p.runId)),
      );
      return pairs.map((p) => lines.filter((l) => l.runId === p.runId && l.party === p.party));
    }),
    /** A party's shares of moving grants over every run. */
    grantSharesByParty: groupedLoader(
      (keys: readonly string[]) => linesOfParties(db, identity, keys, 'GRANT_SHARE'),
      (line) => line.party,
    ),
    reproducible: new DataLoader<string, boolean>(async (keys) => {
      const result = await reproduceRuns(db, ids(keys));
      return keys.map((key) => result.get(key) ?? false);
    }),
  };
}

export type FinanceLoaders = ReturnType<typeof createLoaders>;
