// The domain events the households service publishes for finance and evaluation (docs/events.md): the opening
// of a relocation case and every change of its state. No personal data leaves: counts, keys and a pseudonym.
import type { CaseState } from './case-lifecycle';

export const EVENT_VERSION = 1;

export interface CaseEventPayload {
  caseId: string;
  /** A stable pseudonym of the household: the same household, the same pseudonym; not reversible. */
  householdPseudonym: string;
  /** null when the case was just opened by a nomination. */
  fromState: CaseState | null;
  toState: CaseState;
  /** The day the state changed, in Denmark. */
  effectiveOn: string;
  sendingMunicipalityCode: string;
  receivingMunicipalityCode: string | null;
  receivingHousingOrganisationId: string | null;
  /** The housing unit moved into, and the one moved from (when the household lived in social housing). */
  toUnitId: string | null;
  /** The housing area of `toUnitId`. */
  toAreaId: string | null;
  fromUnitId: string | null;
  moveDate: string | null;
  composition: {
    adults: number;
    children: number;
    /** Adults aged 18-64. */
    adultsOfWorkingAge: number;
    /** Adults aged 18-64 outside work and education on the day of the change. */
    adultsOutsideLabourMarket: number;
    adultsWithOpenMunicipalCase: number;
    /** Members of any age with an open case in the municipality. */
    membersWithOpenMunicipalCase: number;
  };
}

/** `relocation-case.nominated`, `relocation-case.moved`, `relocation-case.follow-up`, `relocation-case.closed`, `relocation-case.withdrawn`, … */
export function eventType(toState: CaseState): string {
  return `relocation-case.${toState.toLowerCase().replaceAll('_', '-')}`;
}
