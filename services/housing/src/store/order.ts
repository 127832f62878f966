import type { FindOptionsOrder } from 'typeorm';
import type { KeysetColumn } from '@second-chance/service-kit';
import type {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  UnitEntity,
  VacancyEntity,
} from '../entities';

/** Units read in address order (postal code, street, number, floor, door), then id for a stable tie-break. */
export const UNIT_ADDRESS_ORDER: FindOptionsOrder<UnitEntity> = {
  postalCode: 'ASC',
  street: 'ASC',
  houseNumber: 'ASC',
  floor: 'ASC',
  door: 'ASC',
  id: 'ASC',
};

export const UNIT_KEYSET: KeysetColumn<UnitEntity>[] = [
  { sql: 'unit.postal_code', value: (u) => u.postalCode },
  { sql: 'unit.street', value: (u) => u.street },
  { sql: 'unit.house_number', value: (u) => u.houseNumber },
  { sql: 'unit.floor', value: (u) => u.floor },
  { sql: 'unit.door', value: (u) => u.door },
  { sql: 'unit.id', value: (u) => u.id },
];

export const VACANCY_KEYSET: KeysetColumn<VacancyEntity>[] = [
  { sql: 'vacancy.available_from', value: (v) => v.availableFrom },
  { sql: 'vacancy.id', value: (v) => v.id },
];

export const AREA_KEYSET: KeysetColumn<HousingAreaEntity>[] = [
  { sql: 'area.name', value: (a) => a.name },
  { sql: 'area.id', value: (a) => a.id },
];

export const ORGANISATION_KEYSET: KeysetColumn<HousingOrganisationEntity>[] = [
  { sql: 'organisation.name', value: (o) => o.name },
  { sql: 'organisation.id', value: (o) => o.id },
];

export const DEPARTMENT_KEYSET: KeysetColumn<DepartmentEntity>[] = [
  { sql: 'department.name', value: (d) => d.name },
  { sql: 'department.id', value: (d) => d.id },
];
