// Housing stock for tests, written straight to the subgraph's database (the mutations have tests of
// their own), and the people who act on it.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { identity } from '@second-chance/testing';
import type { UnitKind } from '../src/domain/stock';
import type { LettingChannel } from '../src/domain/vacancies';
import {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  UnitEntity,
  VacancyEntity,
} from '../src/entities';

let cvrSeq = 0;
/** A CVR number that passes the modulus-11 check, different on every call. */
export function nextCvr(): string {
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  for (;;) {
    const base = String(1000000 + ((cvrSeq += 1) % 8999999)).padStart(7, '0');
    for (let last = 0; last < 10; last++) {
      const digits = `${base}${last}`;
      if ([...digits].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11 === 0) return digits;
    }
  }
}

export async function organisation(db: DataSource, fields: Partial<HousingOrganisationEntity> = {}) {
  const repository = db.getRepository(HousingOrganisationEntity);
  return repository.save(
    repository.create({
      name: `Test Boligselskab ${randomUUID().slice(0, 6)}`,
      cvrNumber: nextCvr(),
      municipalityCode: '101',
      ...fields,
    }),
  );
}

export async function area(db: DataSource, administratorId: string, fields: Partial<HousingAreaEntity> = {}) {
  const repository = db.getRepository(HousingAreaEntity);
  return repository.save(
    repository.create({
      name: `Testområdet ${randomUUID().slice(0, 8)}`,
      municipalityCode: '101',
      administratorId,
      residentCount: 1200,
      ...fields,
    }),
  );
}

export async function department(
  db: DataSource,
  organisationId: string,
  areaId: string,
  fields: Partial<DepartmentEntity> = {},
) {
  const repository = db.getRepository(DepartmentEntity);
  return repository.save(
    repository.create({
      organisationId,
      areaId,
      number: randomUUID().slice(0, 8),
      name: 'Testafdelingen',
      ...fields,
    }),
  );
}

let houseSeq = 0;
export async function units(db: DataSource, departmentId: string, count: number, fields: Partial<UnitEntity> = {}) {
  const kind: UnitKind = 'FAMILY';
  const rows = Array.from({ length: count }, (_, i) => ({
    departmentId,
    street: 'Prøvevej',
    houseNumber: String((houseSeq += 1)),
    floor: '',
    door: '',
    postalCode: '2300',
    city: 'København S',
    rooms: 1 + (i % 4),
    floorAreaM2: 60,
    monthlyRentOre: 600_000 + i * 10_000,
    kind,
    stepFreeAccess: i % 2 === 0,
    elevator: false,
    ...fields,
  }));
  const repository = db.getRepository(UnitEntity);
  return repository.save(repository.create(rows));
}

export async function vacancy(db: DataSource, unitId: string, fields: Partial<VacancyEntity> = {}) {
  const channel: LettingChannel = 'PLATFORM';
  const repository = db.getRepository(VacancyEntity);
  return repository.save(
    repository.create({
      unitId,
      availableFrom: '2027-01-01',
      channel,
      status: 'OPEN' as const,
      reservationId: null,
      reservedUntil: null,
      publishedAt: new Date(),
      publishedBy: 'fixture',
      closedAt: null,
      withdrawnReason: null,
      ...fields,
    }),
  );
}

/** An organisation with one area, one department and `unitCount` units, each with an open vacancy. */
export async function estate(
  db: DataSource,
  options: { unitCount?: number; municipalityCode?: string; channel?: LettingChannel } = {},
) {
  const owner = await organisation(db);
  const estateArea = await area(db, owner.id, { municipalityCode: options.municipalityCode ?? '101' });
  const estateDepartment = await department(db, owner.id, estateArea.id);
  const estateUnits = await units(db, estateDepartment.id, options.unitCount ?? 3);
  const vacancies: VacancyEntity[] = [];
  for (const unit of estateUnits) {
    vacancies.push(await vacancy(db, unit.id, { channel: options.channel ?? 'PLATFORM' }));
  }
  return { owner, area: estateArea, department: estateDepartment, units: estateUnits, vacancies };
}

export const people = {
  caseworker101: identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101'),
  caseworker751: identity('caseworker', 'MUNICIPALITY:751', 'caseworker-751'),
  financeOfficer: identity('finance-officer', 'MUNICIPALITY:101', 'finance-101'),
  evaluator: identity('evaluator', 'EVALUATOR:vive', 'evaluator-1'),
  admin: identity('platform-admin', 'PLATFORM:national', 'admin-1'),
  lettingOfficer: (organisationId: string, subject = `letting-${organisationId.slice(0, 6)}`) =>
    identity('letting-officer', `HOUSING_ORGANISATION:${organisationId}`, subject),
};
