// Statement lines, read as the caller (row-level security shows only the caller's own lines), in one
// statement for however many parties and periods a request asks about.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import type { LedgerKind } from '../domain/settlement';
import type { StatementLineData } from '../domain/statements';
import { asTenant } from './tenant';

export interface PartyLine extends StatementLineData {
  runId: string;
  party: string;
}

interface LineRow {
  run_id: string;
  party: string;
  entry_id: string;
  period: string;
  kind: LedgerKind;
  case_id: string;
  counterparty: string;
  amount_ore: string;
  adjustment: boolean;
  description: string;
}

async function selectLines(db: DataSource, identity: Identity, where: string, params: unknown[]): Promise<PartyLine[]> {
  const rows = await asTenant(db, identity, (em) =>
    em.query<LineRow[]>(
      `SELECT l.run_id, l.party, l.entry_id, l.period, l.kind, l.case_id, l.counterparty, l.amount_ore, l.adjustment,
              e.description
         FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
        WHERE ${where} ORDER BY l.period, l.kind, l.adjustment DESC, l.case_id, l.entry_id`,
      params,
    ),
  );
  return rows.map((r) => ({
    runId: r.run_id,
    party: r.party,
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

/** The lines of each (run, party) pair. */
export function linesOfRuns(db: DataSource, identity: Identity, pairs: readonly { runId: string; party: string }[]) {
  return selectLines(db, identity, '(l.run_id, l.party) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))', [
    pairs.map((p) => p.runId),
    pairs.map((p) => p.party),
  ]);
}

/** Parties' lines of one kind over every run, oldest first. */
export function linesOfParties(db: DataSource, identity: Identity, parties: readonly string[], kind: LedgerKind) {
  return selectLines(db, identity, 'l.party = ANY($1) AND l.kind = $2', [[...parties], kind]);
}
