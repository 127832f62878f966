// Registering and changing the housing stock. Resolvers check who may; this module checks what may.
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { badUserInput, forbidden, notFound, unlessDuplicate, isId } from '@second-chance/service-kit';
import type { UnitKind } from '../domain/stock';
import {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  MunicipalityEntity,
  UnitEntity,
} from '../entities';

async function requireMunicipality(db: DataSource | EntityManager, code: string, path: string): Promise<void> {
  if (!(await db.getRepository(MunicipalityEntity).existsBy({ code }))) {
    throw badUserInput(`${path}: no municipality has code ${code}`, [{ path, message: 'unknown municipality' }]);
  }
}

export async function findOrThrow<T extends { id: string }>(
  db: DataSource | EntityManager,
  entity: new () => T,
  what: string,
  id: string,
): Promise<T> {
  const row = isId(id) ? await db.getRepository(entity).findOneBy({ id } as FindOptionsWhere<T>) : null;
  if (!row) throw notFound(what, id);
  return row;
}

export async function registerOrganisation(
  db: DataSource,
  input: { name: string; cvrNumber: string; municipalityCode: string },
): Promise<HousingOrganisationEntity> {
  await requireMunicipality(db, input.municipalityCode, 'input.municipalityCode');
  const organisations = db.getRepository(HousingOrganisationEntity);
  return unlessDuplicate(
    () => organisations.save(organisations.create(input)),
    'housing_organisation_cvr_unique',
    `a housing organisation with CVR number ${input.cvrNumber} is already registered`,
  );
}

/** The caller's organisation must itself be registered before it registers stock. */
export async function requireRegisteredOrganisation(
  db: DataSource,
  organisationId: string,
): Promise<HousingOrganisationEntity> {
  const organisation = isId(organisationId)
    ? await db.getRepository(HousingOrganisationEntity).findOneBy({ id: organisationId })
    : null;
  if (!organisation) throw forbidden(`housing organisation ${organisationId} is not registered on the platform`);
  return organisation;
}

export async function registerArea(
  db: DataSource,
  administratorId: string,
  input: { name: string; municipalityCode: string; residentCount?: number | null | undefined },
): Promise<HousingAreaEntity> {
  await requireRegisteredOrganisation(db, administratorId);
  await requireMunicipality(db, input.municipalityCode, 'input.municipalityCode');
  const areas = db.getRepository(HousingAreaEntity);
  return saveArea(db, areas.create({ ...input, residentCount: input.residentCount ?? null, administratorId }));
}

function saveArea(db: DataSource, area: HousingAreaEntity): Promise<HousingAreaEntity> {
  return unlessDuplicate(
    () => db.getRepository(HousingAreaEntity).save(area),
    'housing_area_name_unique',
    `municipality ${area.municipalityCode} already has a housing area named "${area.name}"`,
  );
}

export async function updateArea(
  db: DataSource,
  area: HousingAreaEntity,
  input: { name?: string | undefined; residentCount?: number | null | undefined },
): Promise<HousingAreaEntity> {
  if (input.name !== undefined) area.name = input.name;
  if (input.residentCount !== undefined) area.residentCount = input.residentCount;
  return saveArea(db, area);
}

export async function registerDepartment(
  db: DataSource,
  organisationId: string,
  input: { areaId: string; number: string; name: string },
): Promise<DepartmentEntity> {
  await requireRegisteredOrganisation(db, organisationId);
  await findOrThrow(db, HousingAreaEntity, 'housing area', input.areaId);
  const departments = db.getRepository(DepartmentEntity);
  return unlessDuplicate(
    () => departments.save(departments.create({ ...input, organisationId })),
    'department_number_unique',
    `your organisation already has a department number ${input.number}`,
  );
}

export async function updateDepartment(
  db: DataSource,
  department: DepartmentEntity,
  input: { name?: string | undefined; areaId?: string | undefined },
): Promise<DepartmentEntity> {
  if (input.areaId !== undefined && input.areaId !== department.areaId) {
    const [current, next] = await Promise.all([
      findOrThrow(db, HousingAreaEntity, 'housing area', department.areaId),
      findOrThrow(db, HousingAreaEntity, 'housing area', input.areaId),
    ]);
    if (current.municipalityCode !== next.municipalityCode) {
      throw badUserInput('input.areaId: a department can only move to an area in the same municipality', [
        { path: 'input.areaId', message: 'in another municipality' },
      ]);
    }
    department.areaId = input.areaId;
  }
  if (input.name !== undefined) department.name = input.name;
  return db.getRepository(DepartmentEntity).save(department);
}

export interface UnitFields {
  street: string;
  houseNumber: string;
  floor?: string | null | undefined;
  door?: string | null | undefined;
  postalCode: string;
  city: string;
  rooms: number;
  floorAreaM2: number;
  monthlyRentOre: number;
  kind: UnitKind;
  stepFreeAccess: boolean;
  elevator: boolean;
}

/** Registers all the units or, on any error, none of them. */
export async function registerUnits(
  db: DataSource,
  department: DepartmentEntity,
  units: UnitFields[],
): Promise<UnitEntity[]> {
  const rows = units.map((unit) => ({
    ...unit,
    floor: unit.floor?.toLowerCase() ?? '',
    door: unit.door?.toLowerCase() ?? '',
    departmentId: department.id,
  }));
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = [row.street, row.houseNumber, row.floor, row.door].join('|');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw badUserInput(`units.${i}: the same address as units.${earlier}`, [
        { path: `units.${i}`, message: 'duplicate address in this request' },
      ]);
    }
    seen.set(key, i);
  });
  const repository = db.getRepository(UnitEntity);
  const created = rows.map((row) => repository.create(row));
  // One multi-row INSERT, which is atomic on its own; it fills in the generated ids and timestamps.
  await unlessDuplicate(
    () => repository.insert(created),
    'unit_address_unique',
    'a unit with one of these addresses is already registered in the department; nothing was registered',
  );
  return created;
}

export async function updateUnit(db: DataSource, unit: UnitEntity, input: Partial<UnitFields>): Promise<UnitEntity> {
  const repository = db.getRepository(UnitEntity);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return repository.save(repository.merge(unit, changes));
}
