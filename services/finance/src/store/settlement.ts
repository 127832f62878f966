// Settlement runs: one per quarter, in order, each written whole in one transaction under a lock, so two runs
// of a period started together give one run. A run reads what is due, what earlier runs posted, posts the
// difference to the append-only double-entry ledger and nets every party's position into transfers.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, forbidden, todayInDenmark } from '@second-chance/service-kit';
import { financeOfficerOf, isPlatformAdmin } from '../domain/access';
import type { ScheduleYear } from '../domain/compensation';
import { nextPeriod, parsePeriod } from '../domain/dates';
import { netTransfers } from '../domain/netting';
import { housingOrganisationKey, municipalityKey } from '../domain/parties';
import {
  type BilledEntitlement,
  type DepartmentCompensation,
  type LedgerKind,
  type PaidGrant,
  type Posting,
  type SettlementPeriod,
  positionsOf,
  postingKey,
  settlementPostings,
} from '../domain/settlement';
import { SettlementRunEntity } from '../entities';

/** Rows per INSERT statement: large enough to be fast, small enough for PostgreSQL's parameter limits. */
const CHUNK = 5_000;
/** The advisory lock every run takes: runs take turns, so they are settled in order and never twice. */
const SETTLEMENT_LOCK = 'finance.settlement-run';

export function periodOrError(period: string): SettlementPeriod {
  try {
    return parsePeriod(period);
  } catch (error) {
    const message = (error as Error).message;
    throw badUserInput(`period: ${message}`, [{ path: 'period', message }]);
  }
}

async function loadEntitlements(em: EntityManager, period: SettlementPeriod): Promise<BilledEntitlement[]> {
  const rows = await em.query<
    { id: string; case_id: string; sending: string; receiving: string; schedule: ScheduleYear[] }[]
  >(
    `SELECT id, case_id, sending_municipality_code AS sending, receiving_municipality_code AS receiving, schedule
       FROM compensation_entitlement WHERE status = 'BILLED' AND move_date < $1 ORDER BY move_date, id`,
    [period.end],
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    debtor: municipalityKey(r.sending),
    creditor: municipalityKey(r.receiving),
    schedule: r.schedule,
  }));
}

async function loadDepartmentCompensations(
  em: EntityManager,
  period: SettlementPeriod,
): Promise<DepartmentCompensation[]> {
  const rows = await em.query<
    { id: string; case_id: string; sending: string; organisation: string; move_date: string; amount: string }[]
  >(
    `SELECT id, case_id, sending_municipality_code AS sending, receiving_housing_organisation_id AS organisation,
            to_char(move_date, 'YYYY-MM-DD') AS move_date, department_compensation_ore AS amount
       FROM compensation_entitlement
      WHERE department_compensation_ore > 0 AND receiving_housing_organisation_id IS NOT NULL AND move_date < $1
      ORDER BY move_date, id`,
    [period.end],
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    debtor: municipalityKey(r.sending),
    creditor: housingOrganisationKey(r.organisation),
    moveDate: r.move_date,
    amountOre: Number(r.amount),
  }));
}

async function loadGrants(em: EntityManager, period: SettlementPeriod): Promise<PaidGrant[]> {
  const rows = await em.query<
    {
      id: string;
      case_id: string;
      sending: string;
      shares: { payer: string; basisPoints: number }[];
      payments: { paidOn: string; amountOre: number }[];
    }[]
  >(
    `SELECT g.id, g.case_id, g.sending_municipality_code AS sending, g.shares,
            json_agg(json_build_object('paidOn', to_char(p.paid_on, 'YYYY-MM-DD'), 'amountOre', p.amount_ore)
                     ORDER BY p.paid_on, p.id) AS payments
       FROM moving_grant g JOIN grant_payment p ON p.grant_id = g.id
      WHERE p.paid_on < $1
      GROUP BY g.id ORDER BY g.id`,
    [period.end],
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    creditor: municipalityKey(r.sending),
    shares: r.shares.map((s) => ({ payer: s.payer, basisPoints: s.basisPoints })),
    payments: r.payments.map((p) => ({ paidOn: p.paidOn, amountOre: Number(p.amountOre) })),
  }));
}

/** What earlier runs posted per source and pair: the creditor's lines. */
async function loadPosted(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.query<
    { kind: LedgerKind; source_id: string; party: string; counterparty: string; total: string }[]
  >(
    `SELECT kind, source_id, party, counterparty, sum(amount_ore) AS total
       FROM ledger_line GROUP BY kind, source_id, party, counterparty`,
  );
  const posted = new Map<string, number>();
  // Each line is looked up from its creditor's side: `party` is the creditor, `counterparty` the debtor.
  for (const r of rows) posted.set(postingKey(r.kind, r.source_id, r.counterparty, r.party), Number(r.total));
  return posted;
}

async function insertChunked(em: EntityManager, sql: string, columns: unknown[][]): Promise<void> {
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    await em.query(
      sql,
      columns.map((column) => column.slice(start, start + CHUNK)),
    );
  }
}

async function writeLedger(
  em: EntityManager,
  runId: string,
  period: string,
  postings: readonly Posting[],
): Promise<void> {
  const entries: unknown[][] = [[], [], [], [], [], [], [], []];
  const lines: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
  const pushLine = (entryId: string, p: Posting, party: string, counterparty: string, amount: number) => {
    const values = [
      randomUUID(),
      entryId,
      party,
      counterparty,
      amount,
      p.kind,
      p.sourceId,
      p.caseId,
      p.adjustment,
      runId,
    ];
    values.forEach((value, i) => lines[i]?.push(value));
  };
  for (const p of postings) {
    const entryId = randomUUID();
    [entryId, p.kind, p.sourceId, p.caseId, p.adjustment, p.description, `{${p.debtor},${p.creditor}}`, runId].forEach(
      (value, i) => entries[i]?.push(value),
    );
    pushLine(entryId, p, p.creditor, p.debtor, p.amountOre);
    pushLine(entryId, p, p.debtor, p.creditor, -p.amountOre);
  }
  await insertChunked(
    em,
    `INSERT INTO ledger_entry (id, kind, source_id, case_id, adjustment, description, party_keys, run_id, period)
     SELECT id, kind, source_id, case_id, adjustment, description, party_keys::text[], run_id, '${period}'
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::boolean[], $6::varchar[], $7::text[], $8::uuid[])
            AS t(id, kind, source_id, case_id, adjustment, description, party_keys, run_id)`,
    entries,
  );
  // Both lines of an entry go in the same statement: the balance check runs per statement.
  await insertChunked(
    em,
    `INSERT INTO ledger_line (id, entry_id, party, counterparty, amount_ore, kind, source_id, case_id, adjustment, run_id, period)
     SELECT *, '${period}' FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::bigint[], $6::varchar[],
            $7::uuid[], $8::uuid[], $9::boolean[], $10::uuid[])`,
    lines,
  );
}

export interface RunResult {
  run: SettlementRunEntity;
  created: boolean;
}

/** Whoever may start a run: finance officers and platform administrators (a run settles everybody alike). */
export function requireSettler(identity: Identity): void {
  if (!financeOfficerOf(identity) && !isPlatformAdmin(identity)) {
    throw forbidden('settlement runs are started by finance officers and platform administrators');
  }
}

export async function runSettlement(
  db: DataSource,
  periodKey: string,
  createdBy: string,
  today = todayInDenmark(),
): Promise<RunResult> {
  const period = periodOrError(periodKey);
  return db.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SETTLEMENT_LOCK]);
    const runs = em.getRepository(SettlementRunEntity);
    const existing = await runs.findOneBy({ period: period.key });
    if (existing) return { run: existing, created: false };
    if (period.end > today) {
      throw conflict(`${period.key} has not ended: it can be settled from ${period.end}`);
    }
    const [latest] = await runs.find({ order: { periodStart: 'DESC' }, take: 1 });
    if (latest && period.start < latest.periodStart) {
      throw conflict(
        `${period.key} lies before the latest settled period ${latest.period}: a closed period never changes, corrections go into the next run`,
      );
    }
    if (latest && period.key !== nextPeriod(latest.period)) {
      throw conflict(`periods are settled in order: settle ${nextPeriod(latest.period)} first`);
    }

    // One after the other: they share the transaction's connection.
    const entitlements = await loadEntitlements(em, period);
    const departments = await loadDepartmentCompensations(em, period);
    const grants = await loadGrants(em, period);
    const posted = await loadPosted(em);
    const postings = settlementPostings({ period, entitlements, departmentCompensations: departments, grants, posted });
    const positions = positionsOf(postings);
    const transfers = netTransfers(positions);

    const runId = randomUUID();
    const gross = postings.reduce((sum, p) => sum + Math.abs(p.amountOre), 0);
    const net = transfers.reduce((sum, t) => sum + t.amountOre, 0);
    const run = await runs.save(
      runs.create({
        id: runId,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        entries: postings.length,
        grossOre: gross,
        netOre: net,
        createdBy,
      }),
    );
    await writeLedger(em, runId, period.key, postings);
    await insertChunked(
      em,
      `INSERT INTO settlement_transfer (id, run_id, from_party, to_party, amount_ore, party_keys)
       SELECT id, run_id, from_party, to_party, amount_ore, ARRAY[from_party, to_party]::text[]
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::bigint[])
              AS t(id, run_id, from_party, to_party, amount_ore)`,
      [
        transfers.map(() => randomUUID()),
        transfers.map(() => runId),
        transfers.map((t) => t.from),
        transfers.map((t) => t.to),
        transfers.map((t) => t.amountOre),
      ],
    );
    return { run, created: true };
  });
}

/**
 * Recomputes runs from their ledger lines alone: every entry balances, and netting the lines' positions gives
 * exactly the transfers stored with the run. Three statements, however many runs.
 */
export async function reproduceRuns(db: DataSource, runIds: readonly string[]): Promise<Map<string, boolean>> {
  const ids = [...runIds];
  const positions = await db.query<{ run_id: string; party: string; total: string }[]>(
    'SELECT run_id, party, sum(amount_ore) AS total FROM ledger_line WHERE run_id = ANY($1) GROUP BY run_id, party',
    [ids],
  );
  const unbalanced = await db.query<{ run_id: string }[]>(
    `SELECT DISTINCT run_id FROM (SELECT run_id, entry_id FROM ledger_line WHERE run_id = ANY($1)
       GROUP BY run_id, entry_id HAVING sum(amount_ore) <> 0) AS u`,
    [ids],
  );
  const stored = await db.query<{ run_id: string; from_party: string; to_party: string; amount_ore: string }[]>(
    'SELECT run_id, from_party, to_party, amount_ore FROM settlement_transfer WHERE run_id = ANY($1)',
    [ids],
  );
  const key = (t: { from: string; to: string; amountOre: number }) => `${t.from}>${t.to}:${t.amountOre}`;
  const result = new Map<string, boolean>();
  for (const id of ids) {
    const recomputed = netTransfers(
      new Map(positions.filter((p) => p.run_id === id).map((p) => [p.party, Number(p.total)])),
    );
    const a = recomputed.map(key).sort();
    const b = stored
      .filter((t) => t.run_id === id)
      .map((t) => key({ from: t.from_party, to: t.to_party, amountOre: Number(t.amount_ore) }))
      .sort();
    result.set(id, !unbalanced.some((u) => u.run_id === id) && a.length === b.length && a.every((k, i) => k === b[i]));
  }
  return result;
}
