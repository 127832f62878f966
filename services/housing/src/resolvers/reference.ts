// Reference data anyone signed in may read: municipalities, organisations, areas, departments.
import { todayInDenmark, required } from '@second-chance/service-kit';
import type {
  DepartmentResolvers,
  HousingAreaResolvers,
  HousingOrganisationResolvers,
  MunicipalityResolvers,
} from '../__generated__/resolvers-types';
import { latestListYear, publicationDate } from '../domain/area-status';
import { inForce } from '../domain/letting-policy';
import { assertStockReader } from './guards';

export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.municipality.load(ref.code),
  housingAreas: (municipality, _args, { loaders }) => loaders.areasByMunicipality.load(municipality.code),
};

export const HousingOrganisation: HousingOrganisationResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.organisation.load(ref.id),
  municipality: (organisation, _args, { loaders }) =>
    required(loaders.municipality.load(organisation.municipalityCode), 'municipality', organisation.municipalityCode),
  departments: (organisation, _args, { loaders }) => loaders.departmentsByOrganisation.load(organisation.id),
};

export const HousingArea: HousingAreaResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.area.load(ref.id),
  municipality: (area, _args, { loaders }) =>
    required(loaders.municipality.load(area.municipalityCode), 'municipality', area.municipalityCode),
  administrator: (area, _args, { loaders }) =>
    required(loaders.organisation.load(area.administratorId), 'housing organisation', area.administratorId),
  departments: (area, _args, { loaders }) => loaders.departmentsByArea.load(area.id),
  lettingPolicy: async (area, { asOf }, { loaders }) =>
    inForce(await loaders.lettingPoliciesByArea.load(area.id), asOf ?? todayInDenmark()),
  lettingPolicies: (area, _args, { loaders }) => loaders.lettingPoliciesByArea.load(area.id),
  officialStatus: async (area, { year }, { loaders }) => {
    const listYear = year ?? latestListYear(todayInDenmark());
    const recorded = (await loaders.officialStatusesByArea.load(area.id)).find((s) => s.year === listYear);
    return recorded ?? { year: listYear, status: 'NONE', publishedOn: publicationDate(listYear) };
  },
  officialStatuses: (area, _args, { loaders }) => loaders.officialStatusesByArea.load(area.id),
};

export const Department: DepartmentResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.department.load(ref.id),
  organisation: (department, _args, { loaders }) =>
    required(loaders.organisation.load(department.organisationId), 'housing organisation', department.organisationId),
  area: (department, _args, { loaders }) =>
    required(loaders.area.load(department.areaId), 'housing area', department.areaId),
  units: (department, _args, { loaders, identity }) => {
    assertStockReader(identity);
    return loaders.unitsByDepartment.load(department.id);
  },
};
