import { scalarResolvers } from '@second-chance/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Department, HousingArea, HousingOrganisation, Municipality } from './reference';
import { Address, Reservation, Unit, Vacancy } from './stock';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Municipality,
  HousingOrganisation,
  HousingArea,
  Department,
  Unit,
  Address,
  Vacancy,
  Reservation,
};
