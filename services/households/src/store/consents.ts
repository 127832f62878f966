// Consents and lawful bases: recording one lets a nominated case go on; withdrawing one stops every case
// of its purpose, and withdraws any offer that holds a vacancy.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, isId, notFound, todayInDenmark } from '@second-chance/service-kit';
import { consentsOf } from './consent-rules';
import { isTerminal } from '../domain/case-lifecycle';
import { type ConsentPurpose, type LawfulBasis, hasValidConsent } from '../domain/consent';
import { ConsentEntity, NominationEntity, OfferEntity, RelocationCaseEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { changeState } from './cases';
import { endOffer } from './offers';
import { requireProcessing } from './processing';

/** Moves the household's nominated case on when its nomination is accepted and a consent is in force. */
export async function confirmIfReady(
  manager: EntityManager,
  services: HouseholdsServices,
  householdId: string,
  actor: Identity,
): Promise<void> {
  const kase = await manager.getRepository(RelocationCaseEntity).findOneBy({ householdId, state: 'NOMINATED' });
  if (!kase) return;
  const accepted = await manager.getRepository(NominationEntity).existsBy({ caseId: kase.id, status: 'ACCEPTED' });
  if (accepted && hasValidConsent(await consentsOf(manager, householdId), 'RELOCATION', todayInDenmark())) {
    await changeState(manager, services, kase, 'CONFIRM_CONSENT', actor, {
      reason: 'nomination accepted and consent in force',
    });
  }
}

export async function recordConsent(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  householdId: string,
  input: { purpose: ConsentPurpose; lawfulBasis: LawfulBasis; givenOn: string },
): Promise<ConsentEntity> {
  if (input.givenOn > todayInDenmark()) {
    throw badUserInput('input.givenOn: a consent cannot be given in the future', [
      { path: 'input.givenOn', message: 'in the future' },
    ]);
  }
  return db.transaction(async (manager) => {
    await requireProcessing(manager, householdId, 'recording a consent');
    const consents = manager.getRepository(ConsentEntity);
    const consent = consents.create({
      householdId,
      ...input,
      withdrawnOn: null,
      withdrawalReason: null,
      recordedBy: identity.subject,
    });
    await consents.insert(consent);
    if (input.purpose === 'RELOCATION') await confirmIfReady(manager, services, householdId, identity);
    return consent;
  });
}

export async function withdrawConsent(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  consentId: string,
  input: { withdrawnOn: string; reason?: string | null | undefined },
): Promise<ConsentEntity> {
  return db.transaction(async (manager) => {
    const consents = manager.getRepository(ConsentEntity);
    const consent = isId(consentId)
      ? await consents.findOne({ where: { id: consentId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!consent) throw notFound('consent', consentId);
    if (consent.withdrawnOn) throw conflict(`the consent was withdrawn on ${consent.withdrawnOn}`);
    await requireProcessing(manager, consent.householdId, 'withdrawing a consent', 'STOPPING');
    if (input.withdrawnOn < consent.givenOn || input.withdrawnOn > todayInDenmark()) {
      throw badUserInput('input.withdrawnOn: between the day it was given and today', [
        { path: 'input.withdrawnOn', message: 'between the day it was given and today' },
      ]);
    }
    consent.withdrawnOn = input.withdrawnOn;
    consent.withdrawalReason = input.reason ?? null;
    await consents.save(consent);
    // Withdrawal stops processing: every case of the purpose that is still going, unless another basis remains.
    const remaining = hasValidConsent(
      await consentsOf(manager, consent.householdId),
      consent.purpose,
      todayInDenmark(),
    );
    if (consent.purpose === 'RELOCATION' && !remaining) {
      const cases = await manager.getRepository(RelocationCaseEntity).findBy({ householdId: consent.householdId });
      for (const kase of cases.filter((c) => !isTerminal(c.state))) {
        const offers = await manager.getRepository(OfferEntity).findBy({ caseId: kase.id });
        for (const offer of offers.filter((o) => o.status === 'RESERVING' || o.status === 'PENDING')) {
          await endOffer(manager, offer, 'WITHDRAWN', { note: 'consent withdrawn' });
        }
        await changeState(manager, services, kase, 'WITHDRAW_CONSENT', identity, {
          reason: input.reason ?? 'consent withdrawn',
        });
      }
    }
    return consent;
  });
}
