// The follow-up of families by pseudonym: outcomes recorded by evaluators, the families followed (moved, and
// the comparison group: nominated, not moved), and the cohort comparison. A family whose consent was withdrawn
// is no longer followed: its outcomes are neither recorded nor used.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { type ConnectionArgs, badUserInput, paginate } from '@second-chance/service-kit';
import { MINIMUM_CELL, cell, type share, type Cell } from '../domain/disclosure';
import {
  FOLLOW_UP_POINTS,
  type FamilyShareMeasure,
  type FollowUpPoint,
  MEASURES,
  MEASURE_DEFINITIONS,
  type MeasureDefinition,
  type OutcomeRecord,
  measureValue,
  shareOfFamilies,
} from '../domain/outcomes';
import { type DidResult, type GroupSummary, differenceInDifferences, familyChanges } from '../domain/statistics';
import { OutcomeEntity, ParticipationEntity } from '../entities';

/** States in which a family is no longer followed. */
export const NOT_FOLLOWED = ['WITHDRAWN'];

export type CohortGroup = 'MOVED' | 'COMPARISON';

export function groupOf(participation: Pick<ParticipationEntity, 'movedOn'>): CohortGroup {
  return participation.movedOn ? 'MOVED' : 'COMPARISON';
}

export interface OutcomeInput {
  pseudonym: string;
  point: FollowUpPoint;
  adults: number;
  adultsInWork: number;
  adultsInEducation: number;
  adultsOnBenefits: number;
  children: number;
  childrenSchoolAbsencePct?: number | null;
  stillInNewHome?: boolean | null;
  returnedToFormerArea?: boolean | null;
  recordedCrimeOffences?: number | null;
}

export const MAX_OUTCOMES = 1_000;

function toRecord(input: OutcomeInput): OutcomeRecord {
  return {
    adults: input.adults,
    adultsInWork: input.adultsInWork,
    adultsInEducation: input.adultsInEducation,
    adultsOnBenefits: input.adultsOnBenefits,
    children: input.children,
    childrenSchoolAbsencePct: input.childrenSchoolAbsencePct ?? null,
    stillInNewHome: input.stillInNewHome ?? null,
    returnedToFormerArea: input.returnedToFormerArea ?? null,
    recordedCrimeOffences: input.recordedCrimeOffences ?? null,
  };
}

export function recordOf(entity: OutcomeEntity): OutcomeRecord {
  return {
    adults: entity.adults,
    adultsInWork: entity.adultsInWork,
    adultsInEducation: entity.adultsInEducation,
    adultsOnBenefits: entity.adultsOnBenefits,
    children: entity.children,
    childrenSchoolAbsencePct: entity.childrenSchoolAbsenceBp === null ? null : entity.childrenSchoolAbsenceBp / 100,
    stillInNewHome: entity.stillInNewHome,
    returnedToFormerArea: entity.returnedToFormerArea,
    recordedCrimeOffences: entity.recordedCrimeOffences,
  };
}

/** The problems of one input row, in words (empty when it is valid). */
function problemsOf(input: OutcomeInput): string[] {
  const problems: string[] = [];
  const counts = ['adults', 'adultsInWork', 'adultsInEducation', 'adultsOnBenefits', 'children'] as const;
  for (const key of counts) {
    if (!Number.isInteger(input[key]) || input[key] < 0 || input[key] > 30) problems.push(`${key}: 0 to 30`);
  }
  if (input.adultsInWork > input.adults) problems.push('adultsInWork: more than the adults');
  if (input.adultsInEducation > input.adults) problems.push('adultsInEducation: more than the adults');
  if (input.adultsOnBenefits > input.adults) problems.push('adultsOnBenefits: more than the adults');
  const absence = input.childrenSchoolAbsencePct;
  if (
    absence != null &&
    (!Number.isFinite(absence) || absence < 0 || absence > 100 || Math.round(absence * 100) !== absence * 100)
  ) {
    problems.push('childrenSchoolAbsencePct: 0 to 100, at most two decimals');
  }
  if (absence != null && input.children === 0) problems.push('childrenSchoolAbsencePct: the family has no children');
  const crimes = input.recordedCrimeOffences;
  if (crimes != null && (!Number.isInteger(crimes) || crimes < 0 || crimes > 1000)) {
    problems.push('recordedCrimeOffences: 0 to 1000');
  }
  if (input.point === 'BASELINE' && (input.stillInNewHome != null || input.returnedToFormerArea != null)) {
    problems.push('stillInNewHome and returnedToFormerArea are not measured at baseline');
  }
  if (input.pseudonym.length < 1 || input.pseudonym.length > 100) problems.push('pseudonym: 1 to 100 characters');
  if (problems.length === 0) {
    for (const measure of MEASURES) {
      try {
        measureValue(toRecord(input), measure);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  }
  return problems;
}

/** Records outcomes, all or nothing; a record for the same family and point replaces the earlier one. */
export async function recordOutcomes(
  db: DataSource,
  identity: Identity,
  inputs: readonly OutcomeInput[],
): Promise<number> {
  if (inputs.length === 0 || inputs.length > MAX_OUTCOMES) {
    throw badUserInput(`from 1 to ${MAX_OUTCOMES} outcomes at a time`, [{ path: 'input', message: 'count' }]);
  }
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    for (const message of problemsOf(input)) problems.push({ path: `input.${i}`, message });
    const key = `${input.pseudonym}|${input.point}`;
    if (seen.has(key)) problems.push({ path: `input.${i}`, message: 'the same family and point twice' });
    seen.add(key);
  });
  const pseudonyms = [...new Set(inputs.map((i) => i.pseudonym))];
  const followed: { household_pseudonym: string; withdrawn: boolean }[] = await db.query(
    `SELECT household_pseudonym, bool_or(state = ANY($2)) AS withdrawn FROM participation
      WHERE household_pseudonym = ANY($1) GROUP BY household_pseudonym`,
    [pseudonyms, NOT_FOLLOWED],
  );
  const known = new Map(followed.map((f) => [f.household_pseudonym, f.withdrawn]));
  inputs.forEach((input, i) => {
    if (!known.has(input.pseudonym))
      problems.push({ path: `input.${i}`, message: 'no family is followed by this pseudonym' });
    else if (known.get(input.pseudonym))
      problems.push({ path: `input.${i}`, message: 'consent was withdrawn: the family is no longer followed' });
  });
  if (problems.length) {
    throw badUserInput(
      `${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was recorded. ${problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}`,
      problems.slice(0, 100),
    );
  }
  const now = new Date();
  await db.transaction((em) =>
    em
      .createQueryBuilder()
      .insert()
      .into(OutcomeEntity)
      .values(
        inputs.map((input) => ({
          householdPseudonym: input.pseudonym,
          point: input.point,
          adults: input.adults,
          adultsInWork: input.adultsInWork,
          adultsInEducation: input.adultsInEducation,
          adultsOnBenefits: input.adultsOnBenefits,
          children: input.children,
          childrenSchoolAbsenceBp:
            input.childrenSchoolAbsencePct == null ? null : Math.round(input.childrenSchoolAbsencePct * 100),
          stillInNewHome: input.stillInNewHome ?? null,
          returnedToFormerArea: input.returnedToFormerArea ?? null,
          recordedCrimeOffences: input.recordedCrimeOffences ?? null,
          recordedBy: identity.subject,
          recordedAt: now,
        })),
      )
      .orUpdate(
        [
          'adults',
          'adults_in_work',
          'adults_in_education',
          'adults_on_benefits',
          'children',
          'children_school_absence_bp',
          'still_in_new_home',
          'returned_to_former_area',
          'recorded_crime_offences',
          'recorded_by',
          'recorded_at',
        ],
        ['household_pseudonym', 'point'],
      )
      .execute(),
  );
  return inputs.length;
}

export interface FollowedFilter {
  group?: CohortGroup | null;
  sendingMunicipalityCodes?: readonly string[] | null;
}

export function listFollowed(db: DataSource, filter: FollowedFilter, args: ConnectionArgs) {
  const query = db
    .getRepository(ParticipationEntity)
    .createQueryBuilder('p')
    .where('p.state <> ALL(:excluded)', { excluded: NOT_FOLLOWED });
  if (filter.group === 'MOVED') query.andWhere('p.moved_on IS NOT NULL');
  if (filter.group === 'COMPARISON') query.andWhere('p.moved_on IS NULL');
  if (filter.sendingMunicipalityCodes) {
    query.andWhere('p.sending_municipality_code IN (:...codes)', {
      codes: filter.sendingMunicipalityCodes.length ? filter.sendingMunicipalityCodes : ['---'],
    });
  }
  return paginate(query, args, [
    { sql: 'p.nominated_on', value: (p) => p.nominatedOn },
    { sql: 'p.case_ref', value: (p) => p.caseRef },
  ]);
}

export interface OutcomeComparisonRow {
  measure: MeasureDefinition;
  kind: 'ESTIMATE' | 'TOO_FEW' | 'MOVED_ONLY';
  moved: GroupSummary;
  comparison: GroupSummary | null;
  result: DidResult | null;
  statement: string;
}

function sharedSummary(value: ReturnType<typeof share>, families: Cell): GroupSummary {
  return { families, meanBaseline: null, meanFollowUp: value.percent, meanChange: null };
}

/** Moved families against the comparison group at a follow-up point, for every measure. */
export async function cohortComparison(
  db: DataSource,
  point: FollowUpPoint,
  filter: { sendingMunicipalityCodes?: readonly string[] | null },
): Promise<OutcomeComparisonRow[]> {
  if (point === 'BASELINE' || !FOLLOW_UP_POINTS.includes(point)) {
    throw badUserInput('compare at a follow-up point: MONTH_6, MONTH_12 or MONTH_24', [
      { path: 'point', message: 'not a follow-up point' },
    ]);
  }
  const codes = filter.sendingMunicipalityCodes ? [...filter.sendingMunicipalityCodes] : null;
  const families: { pseudonym: string; moved: boolean }[] = await db.query(
    `SELECT household_pseudonym AS pseudonym, bool_or(moved_on IS NOT NULL) AS moved FROM participation
      WHERE state <> ALL($1) AND ($2::text[] IS NULL OR sending_municipality_code = ANY($2::text[]))
      GROUP BY household_pseudonym`,
    [NOT_FOLLOWED, codes],
  );
  const outcomes = await db
    .getRepository(OutcomeEntity)
    .createQueryBuilder('o')
    .where('o.household_pseudonym = ANY(:pseudonyms)', { pseudonyms: families.map((f) => f.pseudonym) })
    .andWhere('o.point IN (:...points)', { points: ['BASELINE', point] })
    .getMany();
  const records = new Map<string, { baseline: OutcomeRecord | null; followUp: OutcomeRecord | null }>();
  for (const family of families) records.set(family.pseudonym, { baseline: null, followUp: null });
  for (const o of outcomes) {
    const entry = records.get(o.householdPseudonym);
    if (!entry) continue;
    if (o.point === 'BASELINE') entry.baseline = recordOf(o);
    else entry.followUp = recordOf(o);
  }
  const moved = families.filter((f) => f.moved).map((f) => records.get(f.pseudonym)!);
  const comparison = families.filter((f) => !f.moved).map((f) => records.get(f.pseudonym)!);

  return MEASURES.map((measure) => {
    const definition = MEASURE_DEFINITIONS[measure];
    if (!definition.comparable) {
      const answered = moved.flatMap((f) => (f.followUp ? [f.followUp] : []));
      const value = shareOfFamilies(answered, measure as FamilyShareMeasure);
      const families: Cell = value.suppressed ? { suppressed: true, count: null } : cell(value.denominator ?? 0);
      const statement = value.suppressed
        ? `${definition.label}: not shown, a count of moved families behind it is fewer than ${MINIMUM_CELL}.`
        : `${definition.label}: ${value.numerator} of ${value.denominator} moved families (${(value.percent ?? 0).toFixed(1)} %); not compared with the comparison group.`;
      return {
        measure: definition,
        kind: 'MOVED_ONLY' as const,
        moved: sharedSummary(value, families),
        comparison: null,
        result: null,
        statement,
      };
    }
    const result = differenceInDifferences(
      familyChanges(moved, measure).changes,
      familyChanges(comparison, measure).changes,
      definition,
    );
    return {
      measure: definition,
      kind: result.kind,
      moved: result.treated,
      comparison: result.comparison,
      result,
      statement: result.statement,
    };
  });
}
