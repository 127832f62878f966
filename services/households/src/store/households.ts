// Registering households and keeping their members, facts, home and needs.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import {
  ServiceCallError,
  addDays,
  badUserInput,
  conflict,
  isId,
  notFound,
  unlessDuplicate,
} from '@second-chance/service-kit';
import type { CriminalRecordKind, FactKind } from '../domain/facts';
import { CriminalRecordFactEntity, HouseholdEntity, MemberEntity, MemberFactEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { requireProcessing } from './processing';

export interface FactFields {
  kind: FactKind;
  value?: string | null | undefined;
  startedOn: string;
  endedOn?: string | null | undefined;
}

export interface MemberFields {
  name: string;
  cpr: { digits: string; birthDate: string } | null;
  birthDate: string;
  facts: FactFields[];
}

export interface NeedsFields {
  minRooms: number | null;
  stepFreeAccess: boolean;
  maxMonthlyRentOre: number | null;
  acceptableMunicipalityCodes: string[];
}

export interface HomeFields {
  unitId?: string | null | undefined;
  address?: string | null | undefined;
}

export async function findHousehold(db: DataSource | EntityManager, id: string): Promise<HouseholdEntity> {
  const found = isId(id) ? await db.getRepository(HouseholdEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('household', id);
  return found;
}

export async function findMember(db: DataSource | EntityManager, id: string): Promise<MemberEntity> {
  const found = isId(id) ? await db.getRepository(MemberEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('member', id);
  return found;
}

/**
 * The home as stored: a housing unit (which must exist, and whose organisation is kept so that it may
 * nominate the household) or an address, encrypted.
 */
async function resolveHome(services: HouseholdsServices, identity: Identity, home: HomeFields | null | undefined) {
  if (home?.unitId && home.address) {
    throw badUserInput('home: a unit or an address, not both', [
      { path: 'input.home', message: 'a unit or an address' },
    ]);
  }
  if (home?.unitId) {
    let unit;
    try {
      unit = isId(home.unitId) ? await services.housing(identity).unit(home.unitId) : null;
    } catch (error) {
      if (error instanceof ServiceCallError) throw error.toGraphQLError();
      throw error;
    }
    if (!unit)
      throw badUserInput(`home.unitId: no housing unit ${home.unitId}`, [
        { path: 'input.home.unitId', message: 'unknown unit' },
      ]);
    return { homeUnitId: unit.id, homeOrganisationId: unit.department.organisation.id, homeAddressCiphertext: null };
  }
  return {
    homeUnitId: null,
    homeOrganisationId: null,
    homeAddressCiphertext: home?.address ? services.cipher.encrypt(home.address) : null,
  };
}

function memberRow(services: HouseholdsServices, householdId: string, member: MemberFields) {
  return {
    householdId,
    name: member.name,
    cprCiphertext: member.cpr ? services.cipher.encrypt(member.cpr.digits) : null,
    cprHash: member.cpr ? services.cipher.cprHash(member.cpr.digits) : null,
    birthDate: member.birthDate,
    leftOn: null,
  };
}

const duplicateCpr = 'a person with this CPR number already belongs to a household';

async function insertMember(
  manager: EntityManager,
  services: HouseholdsServices,
  identity: Identity,
  householdId: string,
  member: MemberFields,
): Promise<MemberEntity> {
  const members = manager.getRepository(MemberEntity);
  const row = members.create(memberRow(services, householdId, member));
  await unlessDuplicate(() => members.insert(row), 'member_cpr_hash_unique', duplicateCpr);
  if (member.facts.length) {
    await manager.getRepository(MemberFactEntity).insert(
      member.facts.map((fact) => ({
        memberId: row.id,
        kind: fact.kind,
        value: fact.value ?? null,
        startedOn: fact.startedOn,
        endedOn: fact.endedOn ?? null,
        recordedBy: identity.subject,
      })),
    );
  }
  return row;
}

export async function registerHousehold(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  municipalityCode: string,
  input: { members: MemberFields[]; home?: HomeFields | null | undefined; needs: NeedsFields },
): Promise<HouseholdEntity> {
  const home = await resolveHome(services, identity, input.home);
  return db.transaction(async (manager) => {
    const households = manager.getRepository(HouseholdEntity);
    const household = households.create({
      responsibleMunicipalityCode: municipalityCode,
      ...home,
      minRooms: input.needs.minRooms,
      needsStepFreeAccess: input.needs.stepFreeAccess,
      maxMonthlyRentOre: input.needs.maxMonthlyRentOre,
      acceptableMunicipalityCodes: input.needs.acceptableMunicipalityCodes,
      registeredBy: identity.subject,
    });
    await households.insert(household);
    for (const member of input.members) await insertMember(manager, services, identity, household.id, member);
    return household;
  });
}

export async function addMember(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  household: HouseholdEntity,
  member: MemberFields,
): Promise<MemberEntity> {
  return db.transaction(async (manager) => {
    await requireProcessing(manager, household.id, 'adding a member');
    return insertMember(manager, services, identity, household.id, member);
  });
}

export async function removeMember(db: DataSource, member: MemberEntity, leftOn: string): Promise<MemberEntity> {
  if (member.leftOn) throw conflict(`the member left the household on ${member.leftOn}`);
  if (leftOn < member.birthDate)
    throw badUserInput('leftOn: before the member was born', [{ path: 'leftOn', message: 'before the birth date' }]);
  member.leftOn = leftOn;
  return db.transaction(async (manager) => {
    await requireProcessing(manager, member.householdId, 'recording that a member left');
    // Leaving frees the CPR number for another household (the unique index covers members still in one).
    return manager.getRepository(MemberEntity).save(member);
  });
}

export async function updateNeeds(
  db: DataSource,
  household: HouseholdEntity,
  needs: NeedsFields,
): Promise<HouseholdEntity> {
  household.minRooms = needs.minRooms;
  household.needsStepFreeAccess = needs.stepFreeAccess;
  household.maxMonthlyRentOre = needs.maxMonthlyRentOre;
  household.acceptableMunicipalityCodes = needs.acceptableMunicipalityCodes;
  return db.transaction(async (manager) => {
    await requireProcessing(manager, household.id, "changing a household's needs");
    return manager.getRepository(HouseholdEntity).save(household);
  });
}

export async function setHome(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  household: HouseholdEntity,
  home: HomeFields,
): Promise<HouseholdEntity> {
  await requireProcessing(db, household.id, "changing a household's home");
  Object.assign(household, await resolveHome(services, identity, home));
  return db.transaction(async (manager) => {
    await requireProcessing(manager, household.id, "changing a household's home");
    return manager.getRepository(HouseholdEntity).save(household);
  });
}

/** A new fact; one of the same kind still in force ends the day before the new one starts. */
export async function recordFact(
  db: DataSource,
  identity: Identity,
  member: MemberEntity,
  fact: FactFields,
): Promise<MemberFactEntity> {
  return db.transaction(async (manager) => {
    await requireProcessing(manager, member.householdId, 'recording a fact');
    const facts = manager.getRepository(MemberFactEntity);
    const open = await facts
      .createQueryBuilder('fact')
      .where('fact.member_id = :member AND fact.kind = :kind AND fact.ended_on IS NULL', {
        member: member.id,
        kind: fact.kind,
      })
      .andWhere('fact.started_on < :startedOn', { startedOn: fact.startedOn })
      .getMany();
    for (const previous of open) {
      await facts.update(previous.id, { endedOn: addDays(fact.startedOn, -1) });
    }
    const row = facts.create({
      memberId: member.id,
      kind: fact.kind,
      value: fact.value ?? null,
      startedOn: fact.startedOn,
      endedOn: fact.endedOn ?? null,
      recordedBy: identity.subject,
    });
    await facts.insert(row);
    return row;
  });
}

export async function recordCriminalRecordFact(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  member: MemberEntity,
  input: { kind: CriminalRecordKind; releasedOn: string },
): Promise<CriminalRecordFactEntity> {
  return db.transaction(async (manager) => {
    await requireProcessing(manager, member.householdId, 'recording a criminal-record fact');
    const repository = manager.getRepository(CriminalRecordFactEntity);
    const row = repository.create({
      memberId: member.id,
      kind: input.kind,
      releasedOnCiphertext: services.cipher.encrypt(input.releasedOn),
      recordedBy: identity.subject,
    });
    await repository.insert(row);
    return row;
  });
}

export async function findByCpr(
  db: DataSource,
  services: HouseholdsServices,
  digits: string,
): Promise<HouseholdEntity | null> {
  const member = await db
    .getRepository(MemberEntity)
    .createQueryBuilder('member')
    .where('member.cpr_hash = :hash AND member.left_on IS NULL', { hash: services.cipher.cprHash(digits) })
    .getOne();
  return member ? db.getRepository(HouseholdEntity).findOneBy({ id: member.householdId }) : null;
}
