import type { Resolvers } from '../__generated__/resolvers-types';
import { percent } from '../domain/indicators';
import { FOLLOW_UP_POINTS } from '../domain/outcomes';
import { quarterLabel } from '../domain/periods';
import { quarters } from '../store/balance';
import { classifyOrNull, projectionOrNull, withOfficial } from '../store/classification';
import { groupOf, recordOf } from '../store/follow-up';
import { toDomain } from '../store/indicators';
import { requireAreaFigures, requireEvaluation } from './guards';

const pct = (ppm: number | null) => (ppm === null ? null : percent(ppm));

export const HousingArea: Resolvers['HousingArea'] = {
  __resolveReference: (reference) => ({ id: reference.id }),

  indicators: async (area, { fromYear, toYear }, ctx) => {
    requireAreaFigures(ctx.identity);
    const rows = await ctx.loaders.indicatorsByArea.load(area.id);
    return rows.filter((r) => (fromYear == null || r.year >= fromYear) && (toYear == null || r.year <= toYear));
  },

  classification: async (area, { year }, ctx) => {
    requireAreaFigures(ctx.identity);
    const history = (await ctx.loaders.indicatorsByArea.load(area.id)).map(toDomain);
    const listYear = year ?? history.at(-1)?.year;
    if (listYear === undefined || !history.some((r) => r.year === listYear)) return null;
    const classification = classifyOrNull(history, listYear);
    return classification && withOfficial(classification, await ctx.official.load(area.id));
  },

  projectedClassification: async (area, _args, ctx) => {
    requireAreaFigures(ctx.identity);
    const projection = projectionOrNull((await ctx.loaders.indicatorsByArea.load(area.id)).map(toDomain));
    return projection && withOfficial(projection, undefined, true);
  },

  inMovementBalance: (area, { fromQuarter, toQuarter }, ctx) => {
    requireEvaluation(ctx.identity, 'the in-movement balance');
    const range = quarters(fromQuarter, toQuarter);
    return ctx.loaders
      .balancesByArea({ fromQuarter: quarterLabel(range.from), toQuarter: quarterLabel(range.to) })
      .load(area.id);
  },
};

export const Municipality: Resolvers['Municipality'] = {
  __resolveReference: (reference) => ({ code: reference.code }),

  takeUpFunnel: (municipality, { period, from, to }, ctx) => {
    requireEvaluation(ctx.identity, 'the take-up funnel');
    return ctx.loaders
      .funnelByMunicipality({ period: period ?? 'YEAR', from: from ?? null, to: to ?? null })
      .load(municipality.code);
  },
};

export const AreaIndicators: Resolvers['AreaIndicators'] = {
  area: (row) => ({ id: row.areaId }),
  outsideWorkOrEducationPct: (row) => percent(row.outsideWorkOrEducationPpm),
  convictionPct: (row) => percent(row.convictionPpm),
  nationalConvictionPct: (row) => percent(row.nationalConvictionPpm),
  basicSchoolingOnlyPct: (row) => percent(row.basicSchoolingOnlyPpm),
  incomeOfRegionPct: (row) => percent(row.incomeOfRegionPpm),
  nonWesternPct: (row) => percent(row.nonWesternPpm),
  openMunicipalCasePct: (row) => pct(row.openMunicipalCasePpm),
};

export const AreaClassification: Resolvers['AreaClassification'] = {
  area: (c) => ({ id: c.areaId }),
};

export const InMovementBalance: Resolvers['InMovementBalance'] = {
  area: (b) => ({ id: b.areaId }),
};

export const TakeUpFunnel: Resolvers['TakeUpFunnel'] = {
  municipality: (f) => ({ code: f.municipalityCode }),
};

export const ClassificationRuleVersion: Resolvers['ClassificationRuleVersion'] = {
  rules: ({ id: _id, validFrom: _from, source: _source, ...rules }) => JSON.stringify(rules),
};

export const FollowedFamily: Resolvers['FollowedFamily'] = {
  pseudonym: (p) => p.householdPseudonym,
  group: (p) => groupOf(p),
  sendingMunicipality: (p) => ({ code: p.sendingMunicipalityCode }),
  receivingMunicipality: (p) => (p.receivingMunicipalityCode ? { code: p.receivingMunicipalityCode } : null),
  outcomes: async (p, _args, ctx) =>
    [...(await ctx.loaders.outcomesByPseudonym.load(p.householdPseudonym))].sort(
      (a, b) =>
        FOLLOW_UP_POINTS.indexOf(a.point as (typeof FOLLOW_UP_POINTS)[number]) -
        FOLLOW_UP_POINTS.indexOf(b.point as (typeof FOLLOW_UP_POINTS)[number]),
    ),
};

export const OutcomeRecord: Resolvers['OutcomeRecord'] = {
  point: (o) => o.point as (typeof FOLLOW_UP_POINTS)[number],
  childrenSchoolAbsencePct: (o) => recordOf(o).childrenSchoolAbsencePct,
};

export const OutcomeComparison: Resolvers['OutcomeComparison'] = {
  measure: (o) => o.measure.measure,
  label: (o) => o.measure.label,
  unit: (o) => o.measure.unit,
  betterWhen: (o) => o.measure.betterWhen,
  estimate: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.estimate : null),
  standardError: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.standardError : null),
  degreesOfFreedom: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.degreesOfFreedom : null),
  lower95: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.lower95 : null),
  upper95: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.upper95 : null),
  effect: (o) => (o.result?.kind === 'ESTIMATE' ? o.result.effect : null),
};
