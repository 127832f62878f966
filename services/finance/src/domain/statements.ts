// A party's statement of a settled period, and the same as CSV for a finance system to import.
import type { LedgerKind } from './settlement';
import { csvTable } from '@second-chance/service-kit';

export interface StatementLineData {
  entryId: string;
  period: string;
  kind: LedgerKind;
  caseId: string;
  counterparty: string;
  amountOre: number;
  adjustment: boolean;
  description: string;
}

export interface StatementTotals {
  owesOre: number;
  isOwedOre: number;
  netOre: number;
}

export function statementTotals(lines: readonly { amountOre: number }[]): StatementTotals {
  let owes = 0;
  let isOwed = 0;
  for (const line of lines) {
    if (line.amountOre < 0) owes -= line.amountOre;
    else isOwed += line.amountOre;
  }
  return { owesOre: owes, isOwedOre: isOwed, netOre: isOwed - owes };
}

const CSV_HEADER = [
  'period',
  'party',
  'entry',
  'kind',
  'case',
  'counterparty',
  'amount_ore',
  'adjustment',
  'description',
];

/** Semicolon-separated (as Danish spreadsheets expect), one line per ledger line, amounts in øre, CRLF. */
export function statementCsv(party: string, lines: readonly StatementLineData[]): string {
  const rows = [
    CSV_HEADER,
    ...lines.map((l) => [
      l.period,
      party,
      l.entryId,
      l.kind,
      l.caseId,
      l.counterparty,
      l.amountOre,
      l.adjustment,
      l.description,
    ]),
  ];
  return csvTable(rows);
}
