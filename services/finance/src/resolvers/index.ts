import { scalarResolvers } from '@second-chance/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { OreScalar } from './ore';
import { Query } from './Query';
import {
  CompensationEntitlement,
  CooperationAgreement,
  GrantPayerShare,
  HousingOrganisation,
  Municipality,
  MovingGrant,
  Party,
  RelocationCase,
  SettlementRun,
  Statement,
  StatementLine,
  Transfer,
} from './types';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Ore: OreScalar,
  Query,
  Mutation,
  Party,
  CooperationAgreement,
  GrantPayerShare,
  MovingGrant,
  CompensationEntitlement,
  SettlementRun,
  Transfer,
  Statement,
  StatementLine,
  Municipality,
  HousingOrganisation,
  RelocationCase,
};
