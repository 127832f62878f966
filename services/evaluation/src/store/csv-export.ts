// Every table an evaluator can see, as CSV: built from the same rows as the GraphQL answer, so the same cells are
// suppressed (a suppressed count is an empty field, never a number).
import { type CsvValue, csvTable, badUserInput, todayInDenmark } from '@second-chance/service-kit';
import type { Cell } from '../domain/disclosure';
import type { FollowUpPoint } from '../domain/outcomes';
import { percent } from '../domain/indicators';
import { AreaIndicatorsEntity, OutcomeEntity, ParticipationEntity } from '../entities';
import { balances } from './balance';
import { type ClassificationDeps, type ClassificationView, listClassifications } from './classification';
import { cohortComparison, groupOf, NOT_FOLLOWED, recordOf } from './follow-up';
import { type FunnelPeriod, funnel } from './funnel';
import { quarters } from './balance';
import { quarterLabel } from '../domain/periods';
import { MAX_PAGE_SIZE } from '@second-chance/service-kit';

export type EvaluationTable =
  | 'INDICATORS'
  | 'CLASSIFICATIONS'
  | 'IN_MOVEMENT_BALANCE'
  | 'TAKE_UP_FUNNEL'
  | 'FOLLOWED_FAMILIES'
  | 'COHORT_COMPARISON';

export interface CsvOptions {
  year?: number | null;
  fromQuarter?: string | null;
  toQuarter?: string | null;
  period?: FunnelPeriod | null;
  point?: FollowUpPoint | null;
}

export interface CsvExport {
  table: EvaluationTable;
  filename: string;
  rows: number;
  csv: string;
}

const count = (c: Cell): CsvValue => (c.suppressed ? null : c.count);
const round = (value: number | null | undefined, decimals = 4): CsvValue =>
  value === null || value === undefined ? null : Number(value.toFixed(decimals));

async function allClassifications(deps: ClassificationDeps, year: number): Promise<ClassificationView[]> {
  const all: ClassificationView[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listClassifications(deps, year, {}, { first: MAX_PAGE_SIZE, after });
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

export async function exportCsv(
  deps: ClassificationDeps,
  table: EvaluationTable,
  options: CsvOptions,
): Promise<CsvExport> {
  const { db } = deps;
  let header: string[];
  let rows: CsvValue[][];
  let suffix = '';
  switch (table) {
    case 'INDICATORS': {
      const query = db
        .getRepository(AreaIndicatorsEntity)
        .createQueryBuilder('i')
        .orderBy('i.year')
        .addOrderBy('i.area_id');
      if (options.year != null) query.where('i.year = :year', { year: options.year });
      suffix = options.year != null ? `-${options.year}` : '';
      header = [
        'area_id',
        'year',
        'residents',
        'outside_work_or_education_pct',
        'conviction_pct',
        'national_conviction_pct',
        'basic_schooling_only_pct',
        'income_of_region_pct',
        'non_western_pct',
        'open_municipal_case_pct',
      ];
      rows = (await query.getMany()).map((r) => [
        r.areaId,
        r.year,
        r.residents,
        percent(r.outsideWorkOrEducationPpm),
        percent(r.convictionPpm),
        percent(r.nationalConvictionPpm),
        percent(r.basicSchoolingOnlyPpm),
        percent(r.incomeOfRegionPpm),
        percent(r.nonWesternPpm),
        r.openMunicipalCasePpm === null ? null : percent(r.openMunicipalCasePpm),
      ]);
      break;
    }
    case 'CLASSIFICATIONS': {
      if (options.year == null) {
        throw badUserInput('options.year: the list year of the classifications', [
          { path: 'options.year', message: 'required' },
        ]);
      }
      suffix = `-${options.year}`;
      header = [
        'area_id',
        'year',
        'status',
        'official_status',
        'differs_from_official',
        'rule_version',
        'complete',
        'vulnerable_criteria_met',
        'prevention_criteria_met',
        'combined_letting_may_be_used',
        'reasons',
      ];
      rows = (await allClassifications(deps, options.year)).map((c) => [
        c.areaId,
        c.year,
        c.status,
        c.officialStatus,
        c.differsFromOfficial,
        c.ruleVersion,
        c.complete,
        c.vulnerableCriteriaMet,
        c.preventionCriteriaMet,
        c.combinedLetting.mayUse,
        c.criteria.map((a) => `${a.paragraph}: ${a.reason}`).join(' | '),
      ]);
      break;
    }
    case 'IN_MOVEMENT_BALANCE': {
      const range = quarters(options.fromQuarter, options.toQuarter);
      suffix = `-${quarterLabel(range.from)}-${quarterLabel(range.to)}`;
      header = [
        'area_id',
        'quarter',
        'households',
        'in_movers_outside_work_or_education_pct',
        'area_outside_work_or_education_pct',
        'in_movers_with_open_case_pct',
        'area_open_case_pct',
        'area_figures_year',
        'flagged',
      ];
      rows = (await balances(db, { fromQuarter: quarterLabel(range.from), toQuarter: quarterLabel(range.to) })).map(
        (b) => [
          b.areaId,
          b.quarter,
          b.households,
          round(b.inMoversOutsideWorkOrEducationPct),
          round(b.areaOutsideWorkOrEducationPct),
          round(b.inMoversWithOpenCasePct),
          round(b.areaOpenCasePct),
          b.areaFiguresYear,
          b.flagged,
        ],
      );
      break;
    }
    case 'TAKE_UP_FUNNEL': {
      header = [
        'municipality_code',
        'period',
        'nominated',
        'consented',
        'offered',
        'accepted',
        'moved',
        'still_housed_at_12_months',
        'take_up_pct',
      ];
      rows = (await funnel(db, { period: options.period ?? 'YEAR' })).map((f) => [
        f.municipalityCode,
        f.period,
        count(f.nominated),
        count(f.consented),
        count(f.offered),
        count(f.accepted),
        count(f.moved),
        count(f.stillHousedAt12Months),
        round(f.takeUpPct, 1),
      ]);
      break;
    }
    case 'FOLLOWED_FAMILIES': {
      const families = await db
        .getRepository(ParticipationEntity)
        .createQueryBuilder('p')
        .where('p.state <> ALL(:excluded)', { excluded: NOT_FOLLOWED })
        .orderBy('p.nominated_on')
        .addOrderBy('p.case_ref')
        .getMany();
      const outcomes = await db.getRepository(OutcomeEntity).find();
      const byFamily = new Map<string, OutcomeEntity[]>();
      for (const o of outcomes) byFamily.set(o.householdPseudonym, [...(byFamily.get(o.householdPseudonym) ?? []), o]);
      header = [
        'pseudonym',
        'group',
        'sending_municipality_code',
        'receiving_municipality_code',
        'nominated_on',
        'moved_on',
        'point',
        'adults',
        'adults_in_work',
        'adults_in_education',
        'adults_on_benefits',
        'children',
        'children_school_absence_pct',
        'still_in_new_home',
        'returned_to_former_area',
        'recorded_crime_offences',
      ];
      rows = families.flatMap((p) => {
        const base = [
          p.householdPseudonym,
          groupOf(p),
          p.sendingMunicipalityCode,
          p.receivingMunicipalityCode,
          p.nominatedOn,
          p.movedOn,
        ];
        const records = byFamily.get(p.householdPseudonym) ?? [];
        if (!records.length) return [[...base, null, null, null, null, null, null, null, null, null, null]];
        return records.map((o) => {
          const r = recordOf(o);
          return [
            ...base,
            o.point,
            r.adults,
            r.adultsInWork,
            r.adultsInEducation,
            r.adultsOnBenefits,
            r.children,
            r.childrenSchoolAbsencePct,
            r.stillInNewHome,
            r.returnedToFormerArea,
            r.recordedCrimeOffences,
          ];
        });
      });
      break;
    }
    case 'COHORT_COMPARISON': {
      const point = options.point ?? 'MONTH_12';
      suffix = `-${point.toLowerCase()}`;
      header = [
        'point',
        'measure',
        'kind',
        'moved_families',
        'comparison_families',
        'moved_mean_change',
        'comparison_mean_change',
        'estimate',
        'lower_95',
        'upper_95',
        'effect',
        'statement',
      ];
      rows = (await cohortComparison(db, point, {})).map((o) => [
        point,
        o.measure.measure,
        o.kind,
        count(o.moved.families),
        o.comparison ? count(o.comparison.families) : null,
        round(o.moved.meanChange),
        round(o.comparison?.meanChange),
        round(o.result?.kind === 'ESTIMATE' ? o.result.estimate : null),
        round(o.result?.kind === 'ESTIMATE' ? o.result.lower95 : null),
        round(o.result?.kind === 'ESTIMATE' ? o.result.upper95 : null),
        o.result?.kind === 'ESTIMATE' ? o.result.effect : null,
        o.statement,
      ]);
      break;
    }
  }
  return {
    table,
    filename: `${table.toLowerCase().replaceAll('_', '-')}${suffix}-${todayInDenmark()}.csv`,
    rows: rows.length,
    csv: csvTable([header, ...rows]),
  };
}
