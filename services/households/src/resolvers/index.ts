import { scalarResolvers } from '@second-chance/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Consent, InMoverApplication, Nomination, Offer, ReceptionStrategy, RelocationCase, Vacancy } from './cases';
import { CriminalRecordFact, Household, Member } from './household';
import {
  AllocationProposal,
  AllocationRound,
  AllocationWeightsSetting,
  AreaProjection,
  WhyNot,
  allocationMutation,
  allocationQuery,
} from './allocation';
import { Mutation } from './Mutation';
import { PersonalDataErasure, householdRights, personalDataMutation, personalDataQuery } from './personal-data';
import { Query } from './Query';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...allocationQuery, ...personalDataQuery },
  Mutation: { ...Mutation, ...allocationMutation, ...personalDataMutation },
  PersonalDataErasure,
  AllocationRound,
  AllocationProposal,
  AllocationWeightsSetting,
  AreaProjection,
  WhyNot,
  Household: { ...Household, ...householdRights },
  Member,
  CriminalRecordFact,
  RelocationCase,
  Offer,
  Vacancy,
  ReceptionStrategy,
  Consent,
  Nomination,
  InMoverApplication,
};
