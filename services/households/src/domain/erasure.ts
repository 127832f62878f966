// Erasure of a household's personal data (GDPR art. 17): when it would break an ongoing obligation, and what a
// reason kept in the audit log (which is never erased) must not contain.
import { type CaseState, isTerminal } from './case-lifecycle';

export interface ErasureBlockers {
  caseStates: readonly CaseState[];
  activeApplications: number;
}

/**
 * Why the household cannot be erased now, or null. A case in progress carries obligations to others: an offer
 * holds a vacancy in the housing organisation's name, an accepted offer lets a home, a move is followed up under
 * the reception strategy the three parties signed, and finance and evaluation are told of each step. The
 * municipality ends the case first (cancels it, or records that the household declines or withdraws its
 * consent), which releases what it holds and tells the others; an active application is withdrawn first.
 * Ended cases (closed, declined, withdrawn, cancelled) do not block: what others keep of them (finance's ledger
 * by case id, evaluation's figures by pseudonym) needs no personal data.
 */
export function erasureRefusal(blockers: ErasureBlockers): string | null {
  const active = blockers.caseStates.filter((state) => !isTerminal(state));
  if (active.length) {
    return (
      `the household has a case in progress (${active.join(', ')}): end it first (cancel it, or record that ` +
      `the household declines or withdraws its consent), so that the vacancy it may hold is released and ` +
      `the other parties are told`
    );
  }
  if (blockers.activeApplications > 0) {
    return 'the household has an active application for municipal allocation: withdraw it first';
  }
  return null;
}

/** What the household's personal data looks like, to keep it out of a reason that the audit log keeps. */
export interface PersonalText {
  names: readonly string[];
  birthDates: readonly string[];
  addresses: readonly string[];
}

const CPR_LIKE = /(?<!\d)\d{6}[-\s]?\d{4}(?!\d)/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (text: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(text)}(?![\\p{L}\\p{N}])`, 'iu');

/** A birth date as people write it: 2015-09-15, 15-09-2015, 15.09.2015, 15/09/2015, 150915. */
function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return [iso, `${d}-${m}-${y}`, `${d}.${m}.${y}`, `${d}/${m}/${y}`, `${d}${m}${y.slice(2)}`];
}

/**
 * Why a reason (for a restriction, its lifting or an erasure) may not be kept, or null when it may. It must not
 * hold a CPR number, a member's name (the full name, or any part of it of four letters or more), birth date, or
 * the household's address. This catches the usual slips, not every way to describe a person.
 */
export function reasonProblem(reason: string, personal: PersonalText): string | null {
  const text = reason.trim();
  if (text.length < 3 || text.length > 500) return 'say why, in 3 to 500 characters';
  const keep = 'the audit log keeps the reason for good, so it must hold no personal data';
  if (CPR_LIKE.test(text)) return `${keep}: it holds a CPR number`;
  for (const name of personal.names) {
    const parts = name.split(/[\s-]+/).filter((part) => [...part].length >= 4);
    if (word(name.trim()).test(text) || parts.some((part) => word(part).test(text))) {
      return `${keep}: it names a member of the household`;
    }
  }
  if (personal.birthDates.some((date) => dateForms(date).some((form) => word(form).test(text)))) {
    return `${keep}: it holds a member's birth date`;
  }
  for (const address of personal.addresses) {
    const street = address.split(/\d/)[0]?.trim() ?? '';
    if (word(address.trim()).test(text) || ([...street].length >= 4 && word(street).test(text))) {
      return `${keep}: it holds the household's address`;
    }
  }
  return null;
}
