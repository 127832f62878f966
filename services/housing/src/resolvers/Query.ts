import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listAreas, listDepartments, listOrganisations, listUnits, listVacancies } from '../store/lists';
import { MunicipalityEntity } from '../entities';
import { assertStockReader } from './guards';

export const Query: QueryResolvers = {
  municipalities: (_parent, { region }, { db }) =>
    db.getRepository(MunicipalityEntity).find({ where: region ? { region } : {}, order: { code: 'ASC' } }),
  municipality: (_parent, { code }, { loaders }) => loaders.municipality.load(code),

  housingOrganisations: (_parent, { filter, first, after }, { db }) =>
    listOrganisations(db, filter ?? {}, { first, after }),
  housingOrganisation: (_parent, { id }, { loaders }) => loaders.organisation.load(id),

  housingAreas: (_parent, { filter, first, after }, { db }) => listAreas(db, filter ?? {}, { first, after }),
  housingArea: (_parent, { id }, { loaders }) => loaders.area.load(id),

  departments: (_parent, { filter, first, after }, { db }) => listDepartments(db, filter ?? {}, { first, after }),
  department: (_parent, { id }, { loaders }) => loaders.department.load(id),

  units: (_parent, { filter, first, after }, { db, identity }) => {
    assertStockReader(identity);
    return listUnits(db, filter ?? {}, { first, after });
  },
  unit: (_parent, { id }, { loaders, identity }) => {
    assertStockReader(identity);
    return loaders.unit.load(id);
  },

  vacancies: (_parent, { filter, first, after }, { db, identity }) => {
    assertStockReader(identity);
    return listVacancies(db, filter ?? {}, { first, after });
  },
  vacancy: (_parent, { id }, { loaders, identity }) => {
    assertStockReader(identity);
    return loaders.vacancy.load(id);
  },
};
