// Statement lines per party, read as the caller: row-level security shows only the caller's own lines.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import type { LedgerKind } from '../domain/settlement';
import type { StatementLineData } from '../domain/statements';
import { asTenant } from './tenant';

interface LineRow {
  entry_id: string;
  period: string;
  kind: LedgerKind;
  case_id: string;
  counterparty: string;
  amount_ore: string;
  adjustment: boolean;
  description: string;
}

async function selectLines(
  db: DataSource,
  identity: Identity,
  where: string,
  order: string,
  params: unknown[],
): Promise<StatementLineData[]> {
  const rows = await asTenant(db, identity, (em) =>
    em.query<LineRow[]>(
      `SELECT l.entry_id, l.period, l.kind, l.case_id, l.counterparty, l.amount_ore, l.adjustment, e.description
         FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
        WHERE ${where} ORDER BY ${order}`,
      params,
    ),
  );
  return rows.map((r) => ({
    entryId: r.entry_id,
    period: r.period,
    kind: r.kind,
    caseId: r.case_id,
    counterparty: r.counterparty,
    amountOre: Number(r.amount_ore),
    adjustment: r.adjustment,
    description: r.description,
  }));
}

/** A party's lines of one settlement run. */
export function statementLines(db: DataSource, identity: Identity, runId: string, party: string) {
  return selectLines(
    db,
    identity,
    'l.run_id = $1 AND l.party = $2',
    'l.kind, l.adjustment DESC, l.case_id, l.entry_id',
    [runId, party],
  );
}

/** A party's lines of one kind over every run (or one period), oldest first. */
export function partyLines(db: DataSource, identity: Identity, party: string, kind: LedgerKind, period: string | null) {
  return selectLines(
    db,
    identity,
    'l.party = $1 AND l.kind = $2 AND ($3::varchar IS NULL OR l.period = $3)',
    'l.period, l.case_id, l.entry_id',
    [party, kind, period],
  );
}
