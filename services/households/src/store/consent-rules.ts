// Whether a consent or lawful basis is in force: the question every step of a case asks first.
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, todayInDenmark } from '@second-chance/service-kit';
import { type ConsentPurpose, hasValidConsent } from '../domain/consent';
import { ConsentEntity } from '../entities';

export async function consentsOf(manager: DataSource | EntityManager, householdId: string): Promise<ConsentEntity[]> {
  return manager.getRepository(ConsentEntity).findBy({ householdId });
}

export async function requireValidConsent(
  manager: DataSource | EntityManager,
  householdId: string,
  purpose: ConsentPurpose,
  action: string,
): Promise<void> {
  if (!hasValidConsent(await consentsOf(manager, householdId), purpose, todayInDenmark())) {
    throw conflict(
      `${action} needs a consent or a recorded lawful basis for ${purpose.toLowerCase().replace('_', ' ')} in force`,
    );
  }
}
