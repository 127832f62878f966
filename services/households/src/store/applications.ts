// Applications for a home by municipal allocation (§ 59), which the steering work matches to vacancies.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { conflict, isId, notFound, todayInDenmark } from '@second-chance/service-kit';
import { type HouseholdEntity, InMoverApplicationEntity } from '../entities';
import { requireValidConsent } from './consent-rules';
import { requireProcessing } from './processing';

export async function apply(
  db: DataSource,
  identity: Identity,
  household: HouseholdEntity,
  input: {
    minRooms: number;
    stepFreeAccess: boolean;
    maxMonthlyRentOre: number;
    acceptableMunicipalityCodes: string[];
  },
): Promise<InMoverApplicationEntity> {
  await requireProcessing(db, household.id, 'an application for municipal allocation');
  await requireValidConsent(db, household.id, 'MUNICIPAL_ALLOCATION', 'an application for municipal allocation');
  return db.transaction(async (manager) => {
    await requireProcessing(manager, household.id, 'an application for municipal allocation');
    return insertApplication(manager, identity, household, input);
  });
}

async function insertApplication(
  manager: EntityManager,
  identity: Identity,
  household: HouseholdEntity,
  input: {
    minRooms: number;
    stepFreeAccess: boolean;
    maxMonthlyRentOre: number;
    acceptableMunicipalityCodes: string[];
  },
): Promise<InMoverApplicationEntity> {
  const applications = manager.getRepository(InMoverApplicationEntity);
  if (await applications.existsBy({ householdId: household.id, status: 'ACTIVE' })) {
    throw conflict('the household already has an active application for municipal allocation');
  }
  const application = applications.create({
    householdId: household.id,
    municipalityCode: household.responsibleMunicipalityCode,
    minRooms: input.minRooms,
    needsStepFreeAccess: input.stepFreeAccess,
    maxMonthlyRentOre: input.maxMonthlyRentOre,
    acceptableMunicipalityCodes: input.acceptableMunicipalityCodes,
    requestedOn: todayInDenmark(),
    status: 'ACTIVE',
    createdBy: identity.subject,
  });
  await applications.insert(application);
  return application;
}

export async function findApplication(db: DataSource, id: string): Promise<InMoverApplicationEntity> {
  const found = isId(id) ? await db.getRepository(InMoverApplicationEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('application', id);
  return found;
}

export async function withdraw(
  db: DataSource,
  application: InMoverApplicationEntity,
): Promise<InMoverApplicationEntity> {
  if (application.status !== 'ACTIVE') throw conflict(`the application is ${application.status}`);
  application.status = 'WITHDRAWN';
  return db.getRepository(InMoverApplicationEntity).save(application);
}
