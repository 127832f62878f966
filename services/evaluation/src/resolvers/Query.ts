import { badUserInput } from '@second-chance/service-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { EvaluationContext } from '../context';
import { RULE_VERSIONS } from '../domain/rules';
import { balances } from '../store/balance';
import { type ClassificationDeps, listClassifications } from '../store/classification';
import { exportCsv } from '../store/csv-export';
import { cohortComparison } from '../store/follow-up';
import { listFollowed } from '../store/follow-up';
import { funnel } from '../store/funnel';
import { listImports, listIndicators } from '../store/indicators';
import { MINIMUM_CELL } from '../domain/disclosure';
import { MINIMUM_FAMILIES_FOR_ESTIMATE } from '../domain/statistics';
import { requireAreaFigures, requireEvaluation } from './guards';

export function deps(ctx: EvaluationContext): ClassificationDeps {
  return { db: ctx.db, housing: ctx.links.housing, identity: ctx.identity, log: ctx.log };
}

function checkDate(value: string | null | undefined, path: string): string | null {
  if (value == null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badUserInput(`${path}: YYYY-MM-DD`, [{ path, message: 'not a date' }]);
  return value;
}

export const Query: QueryResolvers = {
  areaIndicators: (_parent, { filter, first, after }, ctx) => {
    requireAreaFigures(ctx.identity);
    return listIndicators(ctx.db, filter ?? {}, { first, after });
  },

  areaClassifications: (_parent, { year, filter, first, after }, ctx) => {
    requireAreaFigures(ctx.identity);
    return listClassifications(deps(ctx), year, filter ?? {}, { first, after });
  },

  classificationRules: (_parent, _args, ctx) => {
    requireAreaFigures(ctx.identity);
    return [...RULE_VERSIONS];
  },

  inMovementBalance: (_parent, { filter }, ctx) => {
    requireEvaluation(ctx.identity, 'the in-movement balance');
    return balances(ctx.db, filter);
  },

  takeUpFunnel: (_parent, { filter }, ctx) => {
    requireEvaluation(ctx.identity, 'the take-up funnel');
    return funnel(ctx.db, {
      ...filter,
      from: checkDate(filter.from, 'filter.from'),
      to: checkDate(filter.to, 'filter.to'),
    });
  },

  followedFamilies: (_parent, { filter, first, after }, ctx) => {
    requireEvaluation(ctx.identity, 'the follow-up of families');
    return listFollowed(ctx.db, filter ?? {}, { first, after });
  },

  cohortComparison: async (_parent, { point, filter }, ctx) => {
    requireEvaluation(ctx.identity, 'the cohort comparison');
    return {
      point,
      minimumFamilies: MINIMUM_FAMILIES_FOR_ESTIMATE,
      minimumCell: MINIMUM_CELL,
      outcomes: await cohortComparison(ctx.db, point, filter ?? {}),
    };
  },

  evaluationCsv: (_parent, { table, options }, ctx) => {
    if (table === 'INDICATORS' || table === 'CLASSIFICATIONS') requireAreaFigures(ctx.identity);
    else requireEvaluation(ctx.identity, 'this table');
    return exportCsv(deps(ctx), table, options ?? {});
  },

  indicatorImports: (_parent, args, ctx) => {
    requireEvaluation(ctx.identity, 'the list of imports');
    return listImports(ctx.db, args);
  },
};
