import { scalarResolvers } from '@second-chance/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { ScenarioArea, ScenarioOutcome, SteeringScenario, scenarioMutations, scenarioQueries } from './scenario';
import {
  AreaClassification,
  AreaIndicators,
  ClassificationRuleVersion,
  FollowedFamily,
  HousingArea,
  InMovementBalance,
  Municipality,
  OutcomeComparison,
  OutcomeRecord,
  TakeUpFunnel,
} from './types';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...scenarioQueries },
  Mutation: { ...Mutation, ...scenarioMutations },
  HousingArea,
  Municipality,
  AreaIndicators,
  AreaClassification,
  InMovementBalance,
  TakeUpFunnel,
  ClassificationRuleVersion,
  FollowedFamily,
  OutcomeRecord,
  OutcomeComparison,
  SteeringScenario,
  ScenarioOutcome,
  ScenarioArea,
};
