// What a settlement run posts. Everything is cumulative: for each entitlement, grant and payer the run works
// out what is due up to the end of its period, and posts the difference to what earlier runs posted. So a run
// posts each period's share exactly once, totals are conserved to the øre, and anything an earlier run could not
// know (a late claim accepted, a payment recorded after its period was closed) arrives as an adjusting entry in
// the next run instead of changing a closed period.
import { accruedUntil } from './accrual';
import type { ScheduleYear } from './compensation';
import { splitAmount } from './split';

export const LEDGER_KINDS = ['COMPENSATION', 'GRANT_SHARE', 'DEPARTMENT_COMPENSATION'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface SettlementPeriod {
  key: string;
  start: string;
  /** The day after the period. */
  end: string;
}

export interface BilledEntitlement {
  id: string;
  caseId: string;
  /** Party keys: the sending municipality owes, the receiving one is owed. */
  debtor: string;
  creditor: string;
  schedule: readonly ScheduleYear[];
}

export interface DepartmentCompensation {
  id: string;
  caseId: string;
  debtor: string;
  /** The receiving housing organisation. */
  creditor: string;
  moveDate: string;
  amountOre: number;
}

export interface PaidGrant {
  id: string;
  caseId: string;
  /** The sending municipality: it pays the household and is owed the other payers' shares. */
  creditor: string;
  shares: readonly { payer: string; basisPoints: number }[];
  payments: readonly { paidOn: string; amountOre: number }[];
}

export interface Posting {
  kind: LedgerKind;
  sourceId: string;
  caseId: string;
  debtor: string;
  creditor: string;
  /** What the debtor owes the creditor; negative when it corrects too much posted before. */
  amountOre: number;
  adjustment: boolean;
  description: string;
}

/** `kind|source|debtor|creditor`: how earlier postings are looked up. */
export function postingKey(kind: LedgerKind, sourceId: string, debtor: string, creditor: string): string {
  return `${kind}|${sourceId}|${debtor}|${creditor}`;
}

export interface SettlementInput {
  period: SettlementPeriod;
  entitlements: Iterable<BilledEntitlement>;
  departmentCompensations: Iterable<DepartmentCompensation>;
  grants: Iterable<PaidGrant>;
  /** What earlier runs posted, by `postingKey`. */
  posted: ReadonlyMap<string, number>;
}

const DESCRIPTIONS: Record<LedgerKind, string> = {
  COMPENSATION: 'Compensation for a household received',
  GRANT_SHARE: 'Share of a moving grant paid by the sending municipality',
  DEPARTMENT_COMPENSATION: 'Compensation to the receiving housing department',
};

/** Up to two postings for one source and pair: the period's own amount, and a correction of earlier periods. */
function postingsFor(
  period: SettlementPeriod,
  base: Omit<Posting, 'amountOre' | 'adjustment' | 'description'>,
  dueBeforeStart: number,
  dueBeforeEnd: number,
  posted: number,
): Posting[] {
  const postings: Posting[] = [];
  const correction = dueBeforeStart - posted;
  if (correction !== 0) {
    postings.push({
      ...base,
      amountOre: correction,
      adjustment: true,
      description: `${DESCRIPTIONS[base.kind]}: correction of periods before ${period.key}`,
    });
  }
  const own = dueBeforeEnd - dueBeforeStart;
  if (own !== 0) {
    postings.push({
      ...base,
      amountOre: own,
      adjustment: false,
      description: `${DESCRIPTIONS[base.kind]}, ${period.key}`,
    });
  }
  return postings;
}

function paidBefore(payments: PaidGrant['payments'], day: string): number {
  let total = 0;
  for (const payment of payments) if (payment.paidOn < day) total += payment.amountOre;
  return total;
}

/** Every posting of a run, in a stable order (the input's). */
export function settlementPostings(input: SettlementInput): Posting[] {
  const { period, posted } = input;
  const postings: Posting[] = [];
  const postedOf = (kind: LedgerKind, sourceId: string, debtor: string, creditor: string) =>
    posted.get(postingKey(kind, sourceId, debtor, creditor)) ?? 0;

  for (const e of input.entitlements) {
    const base = {
      kind: 'COMPENSATION' as const,
      sourceId: e.id,
      caseId: e.caseId,
      debtor: e.debtor,
      creditor: e.creditor,
    };
    postings.push(
      ...postingsFor(
        period,
        base,
        accruedUntil(e.schedule, period.start),
        accruedUntil(e.schedule, period.end),
        postedOf(base.kind, e.id, e.debtor, e.creditor),
      ),
    );
  }
  for (const d of input.departmentCompensations) {
    const base = {
      kind: 'DEPARTMENT_COMPENSATION' as const,
      sourceId: d.id,
      caseId: d.caseId,
      debtor: d.debtor,
      creditor: d.creditor,
    };
    const due = (day: string) => (d.moveDate < day ? d.amountOre : 0);
    postings.push(
      ...postingsFor(period, base, due(period.start), due(period.end), postedOf(base.kind, d.id, d.debtor, d.creditor)),
    );
  }
  for (const g of input.grants) {
    const before = splitAmount(paidBefore(g.payments, period.start), g.shares);
    const until = splitAmount(paidBefore(g.payments, period.end), g.shares);
    g.shares.forEach((share, i) => {
      // The sending municipality's own share stays with it: nobody owes it to itself.
      if (share.payer === g.creditor) return;
      const base = {
        kind: 'GRANT_SHARE' as const,
        sourceId: g.id,
        caseId: g.caseId,
        debtor: share.payer,
        creditor: g.creditor,
      };
      postings.push(
        ...postingsFor(
          period,
          base,
          before[i]?.amountOre ?? 0,
          until[i]?.amountOre ?? 0,
          postedOf(base.kind, g.id, share.payer, g.creditor),
        ),
      );
    });
  }
  return postings;
}

/** Each party's net position from postings: positive, it is owed; negative, it owes. */
export function positionsOf(
  postings: Iterable<{ debtor: string; creditor: string; amountOre: number }>,
): Map<string, number> {
  const positions = new Map<string, number>();
  for (const p of postings) {
    positions.set(p.creditor, (positions.get(p.creditor) ?? 0) + p.amountOre);
    positions.set(p.debtor, (positions.get(p.debtor) ?? 0) - p.amountOre);
  }
  return positions;
}
