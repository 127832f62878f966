// One set of DataLoaders per request: every entity reference and every nested list is one batched query.
import { type DataSource, In } from 'typeorm';
import { groupedLoader, keyedLoader } from '@second-chance/service-kit';
import { isId } from '@second-chance/service-kit';
import {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  LettingPolicyEntity,
  MunicipalityEntity,
  OfficialAreaStatusEntity,
  ReservationEntity,
  UnitEntity,
  VacancyEntity,
} from './entities';
import { UNIT_ADDRESS_ORDER } from './store/order';

const ids = (keys: readonly string[]) => keys.filter(isId);

export function createLoaders(db: DataSource) {
  const municipalities = db.getRepository(MunicipalityEntity);
  const organisations = db.getRepository(HousingOrganisationEntity);
  const areas = db.getRepository(HousingAreaEntity);
  const departments = db.getRepository(DepartmentEntity);
  const units = db.getRepository(UnitEntity);
  const vacancies = db.getRepository(VacancyEntity);
  const reservations = db.getRepository(ReservationEntity);
  const policies = db.getRepository(LettingPolicyEntity);
  const statuses = db.getRepository(OfficialAreaStatusEntity);

  return {
    municipality: keyedLoader(
      (codes: readonly string[]) => municipalities.findBy({ code: In([...codes]) }),
      (m) => m.code,
    ),
    organisation: keyedLoader(
      (keys: readonly string[]) => organisations.findBy({ id: In(ids(keys)) }),
      (o) => o.id,
    ),
    area: keyedLoader(
      (keys: readonly string[]) => areas.findBy({ id: In(ids(keys)) }),
      (a) => a.id,
    ),
    department: keyedLoader(
      (keys: readonly string[]) => departments.findBy({ id: In(ids(keys)) }),
      (d) => d.id,
    ),
    unit: keyedLoader(
      (keys: readonly string[]) => units.findBy({ id: In(ids(keys)) }),
      (u) => u.id,
    ),
    vacancy: keyedLoader(
      (keys: readonly string[]) => vacancies.findBy({ id: In(ids(keys)) }),
      (v) => v.id,
    ),
    reservation: keyedLoader(
      (keys: readonly string[]) => reservations.findBy({ id: In(ids(keys)) }),
      (r) => r.id,
    ),
    areasByMunicipality: groupedLoader(
      (codes: readonly string[]) =>
        areas.find({ where: { municipalityCode: In([...codes]) }, order: { name: 'ASC', id: 'ASC' } }),
      (a) => a.municipalityCode,
    ),
    departmentsByArea: groupedLoader(
      (keys: readonly string[]) =>
        departments.find({ where: { areaId: In(ids(keys)) }, order: { number: 'ASC', id: 'ASC' } }),
      (d) => d.areaId,
    ),
    departmentsByOrganisation: groupedLoader(
      (keys: readonly string[]) =>
        departments.find({ where: { organisationId: In(ids(keys)) }, order: { number: 'ASC', id: 'ASC' } }),
      (d) => d.organisationId,
    ),
    unitsByDepartment: groupedLoader(
      (keys: readonly string[]) => units.find({ where: { departmentId: In(ids(keys)) }, order: UNIT_ADDRESS_ORDER }),
      (u) => u.departmentId,
    ),
    vacanciesByUnit: groupedLoader(
      (keys: readonly string[]) =>
        vacancies.find({ where: { unitId: In(ids(keys)) }, order: { publishedAt: 'DESC', id: 'ASC' } }),
      (v) => v.unitId,
    ),
    lettingPoliciesByArea: groupedLoader(
      (keys: readonly string[]) => policies.find({ where: { areaId: In(ids(keys)) }, order: { validFrom: 'ASC' } }),
      (p) => p.areaId,
    ),
    officialStatusesByArea: groupedLoader(
      (keys: readonly string[]) => statuses.find({ where: { areaId: In(ids(keys)) }, order: { year: 'ASC' } }),
      (s) => s.areaId,
    ),
  };
}

export type HousingLoaders = ReturnType<typeof createLoaders>;
