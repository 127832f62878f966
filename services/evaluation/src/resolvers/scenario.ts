// What-if scenarios of in-mover steering: run by evaluators and platform administrators (it writes a result into
// evaluation's database, like an import), read by evaluators and platform administrators.
import DataLoader from 'dataloader';
import { badUserInput } from '@second-chance/service-kit';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { EvaluationContext } from '../context';
import { percent } from '../domain/indicators';
import type { ScenarioAreaRow } from '../domain/scenario';
import type { SteeringScenarioEntity } from '../entities';
import {
  areasOfScenarios,
  areasPage,
  findScenario,
  listScenarios,
  runSteeringScenario,
  scenarioCsv,
} from '../store/scenario';
import { requireEvaluation, requireRecorder } from './guards';

const READING = 'a what-if scenario of in-mover steering';

/** One loader of per-area rows per request: a page of scenarios asking for their areas reads them in one query. */
const areaLoaders = new WeakMap<EvaluationContext, DataLoader<string, ScenarioAreaRow[]>>();

/** The scenario's per-area rows: at hand when the scenario was read whole, else loaded (the list leaves them out). */
function areasOf(scenario: SteeringScenarioEntity, ctx: EvaluationContext): Promise<ScenarioAreaRow[]> {
  if (Array.isArray(scenario.areas)) return Promise.resolve(scenario.areas);
  let loader = areaLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids: readonly string[]) => areasOfScenarios(ctx.db, ids));
    areaLoaders.set(ctx, loader);
  }
  return loader.load(scenario.id);
}

export const scenarioQueries: Pick<QueryResolvers, 'steeringScenarios' | 'steeringScenario'> = {
  steeringScenarios: (_parent, args, ctx) => {
    requireEvaluation(ctx.identity, READING);
    return listScenarios(ctx.db, args);
  },

  steeringScenario: (_parent, { id }, ctx) => {
    requireEvaluation(ctx.identity, READING);
    return findScenario(ctx.db, id);
  },
};

export const scenarioMutations: Pick<MutationResolvers, 'runSteeringScenario'> = {
  runSteeringScenario: (_parent, { input }, ctx) => {
    requireRecorder(ctx.identity, 'running a what-if scenario of in-mover steering');
    return runSteeringScenario(ctx.db, ctx.identity, input);
  },
};

export const SteeringScenario: Resolvers['SteeringScenario'] = {
  date: (s) => s.summary.date,
  vacancies: (s) => s.input.vacancies,
  seekers: (s) => s.input.seekers,
  areaCount: (s) => s.input.areas,
  participating: (s) => s.summary.participating,
  allParticipate: (s) => s.summary.allParticipate,
  commitments: (s) => s.summary.commitments,
  nationsCommitments: (s) => s.summary.nationsCommitments,
  weights: (s) => s.summary.weights,
  optimalityGap: (s) => s.summary.optimalityGap,
  withoutSteering: (s) => s.summary.withoutSteering,
  withSteering: (s) => s.summary.withSteering,
  areasByStatusNow: (s) => s.summary.areasByStatusNow,
  areasOnListNow: (s) => s.summary.areasOnListNow,
  areasBetterWithSteering: (s) => s.summary.areasBetterWithSteering,
  areasWorseWithSteering: (s) => s.summary.areasWorseWithSteering,
  listDifference: (s) => s.summary.listDifference,
  burdenDifference: (s) => s.summary.burdenDifference,
  statement: (s) => s.summary.statement,
  areas: async (s, { filter, first, after }, ctx) => areasPage(await areasOf(s, ctx), filter ?? {}, { first, after }),
  csv: async (s, { filter }, ctx) => scenarioCsv(await areasOf(s, ctx), filter ?? {}),
};

export const ScenarioOutcome: Resolvers['ScenarioOutcome'] = {
  byMunicipality: (o, { first }) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 98) {
      throw badUserInput('first: from 1 to 98 municipalities', [{ path: 'first', message: 'out of range' }]);
    }
    return o.byMunicipality.slice(0, size);
  },
};

export const ScenarioArea: Resolvers['ScenarioArea'] = {
  statusWithoutSteering: (a) => a.statusWithout,
  statusWithSteering: (a) => a.statusWith,
  outsideWorkOrEducationPctNow: (a) => percent(a.outsidePpmNow),
  outsideWorkOrEducationPctWithoutSteering: (a) => percent(a.outsidePpmWithout),
  outsideWorkOrEducationPctWithSteering: (a) => percent(a.outsidePpmWith),
  householdsInWithoutSteering: (a) => a.householdsInWithout,
  householdsInWithSteering: (a) => a.householdsInWith,
};
