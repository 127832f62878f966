// The filtered, paginated lists of the housing subgraph's queries.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  type Connection,
  type ConnectionArgs,
  MAX_PAGE_SIZE,
  badUserInput,
  paginate,
  isId,
} from '@second-chance/service-kit';
import type { UnitKind } from '../domain/stock';
import type { LettingChannel, VacancyStatus } from '../domain/vacancies';
import { DepartmentEntity, HousingAreaEntity, HousingOrganisationEntity, UnitEntity, VacancyEntity } from '../entities';
import { AREA_KEYSET, DEPARTMENT_KEYSET, ORGANISATION_KEYSET, UNIT_KEYSET, VACANCY_KEYSET } from './order';

function id(value: string, path: string): string {
  if (!isId(value)) throw badUserInput(`${path}: not an id`, [{ path, message: 'not an id' }]);
  return value;
}

function codes(values: readonly string[], path: string): string[] {
  for (const code of values) {
    if (!/^\d{3}$/.test(code))
      throw badUserInput(`${path}: ${code} is not a municipality code`, [{ path, message: 'not a municipality code' }]);
  }
  return [...values];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface OrganisationFilter {
  municipalityCode?: string | null;
  nameContains?: string | null;
}

export function listOrganisations(db: DataSource, filter: OrganisationFilter, args: ConnectionArgs) {
  const query = db.getRepository(HousingOrganisationEntity).createQueryBuilder('organisation');
  if (filter.municipalityCode) {
    query.andWhere('organisation.municipality_code = :code', {
      code: codes([filter.municipalityCode], 'filter.municipalityCode')[0],
    });
  }
  if (filter.nameContains) {
    query.andWhere('organisation.name ILIKE :name', { name: `%${escapeLike(filter.nameContains)}%` });
  }
  return paginate(query, args, ORGANISATION_KEYSET);
}

export interface AreaFilter {
  ids?: readonly string[] | null;
  municipalityCodes?: readonly string[] | null;
  administratorId?: string | null;
  nameContains?: string | null;
}

export function listAreas(
  db: DataSource,
  filter: AreaFilter,
  args: ConnectionArgs,
): Promise<Connection<HousingAreaEntity>> {
  const query = db.getRepository(HousingAreaEntity).createQueryBuilder('area');
  if (filter.ids) {
    if (filter.ids.length > MAX_PAGE_SIZE) {
      throw badUserInput(`filter.ids: at most ${MAX_PAGE_SIZE} ids`, [
        { path: 'filter.ids', message: `at most ${MAX_PAGE_SIZE} ids` },
      ]);
    }
    const ids = filter.ids.map((v) => id(v, 'filter.ids'));
    query.andWhere(ids.length ? 'area.id IN (:...ids)' : 'false', { ids });
  }
  if (filter.municipalityCodes) {
    query.andWhere('area.municipality_code IN (:...codes)', {
      codes: codes(filter.municipalityCodes, 'filter.municipalityCodes'),
    });
  }
  if (filter.administratorId) {
    query.andWhere('area.administrator_id = :admin', { admin: id(filter.administratorId, 'filter.administratorId') });
  }
  if (filter.nameContains) query.andWhere('area.name ILIKE :name', { name: `%${escapeLike(filter.nameContains)}%` });
  return paginate(query, args, AREA_KEYSET);
}

export interface DepartmentFilter {
  organisationId?: string | null;
  areaId?: string | null;
  municipalityCodes?: readonly string[] | null;
}

export function listDepartments(db: DataSource, filter: DepartmentFilter, args: ConnectionArgs) {
  const query = db.getRepository(DepartmentEntity).createQueryBuilder('department');
  if (filter.organisationId) {
    query.andWhere('department.organisation_id = :org', { org: id(filter.organisationId, 'filter.organisationId') });
  }
  if (filter.areaId) query.andWhere('department.area_id = :area', { area: id(filter.areaId, 'filter.areaId') });
  if (filter.municipalityCodes) {
    query.andWhere('department.area_id IN (SELECT a.id FROM housing_area a WHERE a.municipality_code IN (:...codes))', {
      codes: codes(filter.municipalityCodes, 'filter.municipalityCodes'),
    });
  }
  return paginate(query, args, DEPARTMENT_KEYSET);
}

export interface UnitFilter {
  municipalityCodes?: readonly string[] | null;
  organisationId?: string | null;
  areaId?: string | null;
  departmentId?: string | null;
  minRooms?: number | null;
  maxRooms?: number | null;
  maxMonthlyRentOre?: number | null;
  kinds?: readonly UnitKind[] | null;
  stepFreeAccess?: boolean | null;
  elevator?: boolean | null;
}

/** Filters on the unit and where it lies; `unit` and `department` must be in the query. */
function whereUnit<T extends object>(query: SelectQueryBuilder<T>, filter: UnitFilter): SelectQueryBuilder<T> {
  if (filter.municipalityCodes) {
    query.andWhere('area.municipality_code IN (:...codes)', {
      codes: codes(filter.municipalityCodes, 'filter.municipalityCodes'),
    });
  }
  if (filter.organisationId) {
    query.andWhere('department.organisation_id = :org', { org: id(filter.organisationId, 'filter.organisationId') });
  }
  if (filter.areaId) query.andWhere('department.area_id = :area', { area: id(filter.areaId, 'filter.areaId') });
  if (filter.departmentId) {
    query.andWhere('unit.department_id = :department', { department: id(filter.departmentId, 'filter.departmentId') });
  }
  if (filter.minRooms != null) query.andWhere('unit.rooms >= :minRooms', { minRooms: filter.minRooms });
  if (filter.maxRooms != null) query.andWhere('unit.rooms <= :maxRooms', { maxRooms: filter.maxRooms });
  if (filter.maxMonthlyRentOre != null)
    query.andWhere('unit.monthly_rent_ore <= :rent', { rent: filter.maxMonthlyRentOre });
  if (filter.kinds) query.andWhere('unit.kind IN (:...kinds)', { kinds: filter.kinds.length ? filter.kinds : [''] });
  if (filter.stepFreeAccess != null)
    query.andWhere('unit.step_free_access = :stepFree', { stepFree: filter.stepFreeAccess });
  if (filter.elevator != null) query.andWhere('unit.elevator = :elevator', { elevator: filter.elevator });
  return query;
}

export function listUnits(db: DataSource, filter: UnitFilter, args: ConnectionArgs): Promise<Connection<UnitEntity>> {
  const query = db
    .getRepository(UnitEntity)
    .createQueryBuilder('unit')
    .innerJoin(DepartmentEntity, 'department', 'department.id = unit.department_id')
    .innerJoin(HousingAreaEntity, 'area', 'area.id = department.area_id');
  return paginate(whereUnit(query, filter), args, UNIT_KEYSET);
}

export interface VacancyFilter extends Omit<UnitFilter, 'departmentId'> {
  availableFrom?: { from?: string | null; to?: string | null } | null;
  channels?: readonly LettingChannel[] | null;
  statuses?: readonly VacancyStatus[] | null;
}

/** SQL for the status a reader sees (an expired reservation reads OPEN), against the database's clock. */
const EFFECTIVE_STATUS = `CASE WHEN vacancy.status = 'RESERVED' AND (vacancy.reserved_until IS NULL OR vacancy.reserved_until <= now()) THEN 'OPEN' ELSE vacancy.status END`;

/** The stored statuses a vacancy may have to read as one of `statuses`. */
function storedStatuses(statuses: readonly VacancyStatus[]): string[] {
  const stored = new Set<string>(statuses.flatMap((status) => (status === 'OPEN' ? ['OPEN', 'RESERVED'] : [status])));
  return stored.size ? [...stored] : [''];
}

export function listVacancies(
  db: DataSource,
  filter: VacancyFilter,
  args: ConnectionArgs,
): Promise<Connection<VacancyEntity>> {
  const query = db
    .getRepository(VacancyEntity)
    .createQueryBuilder('vacancy')
    .innerJoin(UnitEntity, 'unit', 'unit.id = vacancy.unit_id')
    .innerJoin(DepartmentEntity, 'department', 'department.id = unit.department_id')
    .innerJoin(HousingAreaEntity, 'area', 'area.id = department.area_id');
  // The organisation through the vacancy's own indexed copy, not through its unit's department.
  whereUnit(query, { ...filter, organisationId: null });
  if (filter.organisationId) {
    query.andWhere('vacancy.organisation_id = :org', { org: id(filter.organisationId, 'filter.organisationId') });
  }
  const statuses = filter.statuses ?? ['OPEN'];
  query.andWhere(`${EFFECTIVE_STATUS} IN (:...statuses)`, { statuses: statuses.length ? statuses : [''] });
  // The same condition on the stored status, which the planner can estimate and the partial indexes of
  // active vacancies serve: a vacancy that reads OPEN may be stored RESERVED (its reservation has lapsed).
  query.andWhere('vacancy.status IN (:...stored)', { stored: storedStatuses(statuses) });
  if (filter.channels)
    query.andWhere('vacancy.channel IN (:...channels)', { channels: filter.channels.length ? filter.channels : [''] });
  if (filter.availableFrom?.from)
    query.andWhere('vacancy.available_from >= :from', { from: filter.availableFrom.from });
  if (filter.availableFrom?.to) query.andWhere('vacancy.available_from <= :to', { to: filter.availableFrom.to });
  return paginate(query, args, VACANCY_KEYSET);
}
