// The transactional outbox: a case's domain event is written with the state change that causes it, and a
// delivery job per subscriber is queued in the same transaction.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { todayInDenmark } from '@second-chance/service-kit';
import type { CaseState } from '../domain/case-lifecycle';
import { type CaseEventPayload, EVENT_VERSION, eventType } from '../domain/events';
import { factsOn, isOutsideLabourMarket, type LabourMarketStatus } from '../domain/facts';
import { ageOn, isAdultOn } from '../domain/cpr';
import { DomainEventEntity, MemberEntity, MemberFactEntity, type RelocationCaseEntity } from '../entities';
import { enqueue, TASKS } from '../jobs/queue';
import type { HouseholdsServices } from '../services';

async function composition(manager: EntityManager, householdId: string, date: string) {
  const members = await manager
    .getRepository(MemberEntity)
    .createQueryBuilder('member')
    .where('member.household_id = :householdId', { householdId })
    .andWhere('(member.left_on IS NULL OR member.left_on > :date)', { date })
    .getMany();
  const facts = members.length
    ? await manager
        .getRepository(MemberFactEntity)
        .createQueryBuilder('fact')
        .where('fact.member_id IN (:...ids)', { ids: members.map((m) => m.id) })
        .getMany()
    : [];
  const adults = members.filter((m) => isAdultOn(m.birthDate, date));
  const inForce = (memberId: string) =>
    factsOn(
      facts.filter((f) => f.memberId === memberId),
      date,
    );
  const hasOpenCase = (m: MemberEntity) => inForce(m.id).some((f) => f.kind === 'OPEN_MUNICIPAL_CASE');
  const workingAge = adults.filter((m) => ageOn(m.birthDate, date) <= 64);
  return {
    adults: adults.length,
    children: members.length - adults.length,
    adultsOfWorkingAge: workingAge.length,
    adultsOutsideLabourMarket: workingAge.filter((m) => {
      const status = inForce(m.id).find((f) => f.kind === 'LABOUR_MARKET_STATUS')?.value as
        LabourMarketStatus | undefined;
      return status !== undefined && isOutsideLabourMarket(status);
    }).length,
    adultsWithOpenMunicipalCase: adults.filter(hasOpenCase).length,
    membersWithOpenMunicipalCase: members.filter(hasOpenCase).length,
  };
}

export async function publishCaseEvent(
  manager: EntityManager,
  services: HouseholdsServices,
  kase: RelocationCaseEntity,
  fromState: CaseState | null,
  toState: CaseState,
): Promise<DomainEventEntity> {
  const effectiveOn = kase.movedOn && toState === 'MOVED' ? kase.movedOn : todayInDenmark();
  const payload: CaseEventPayload = {
    caseId: kase.id,
    householdPseudonym: services.cipher.pseudonym(kase.householdId),
    fromState,
    toState,
    effectiveOn,
    sendingMunicipalityCode: kase.sendingMunicipalityCode,
    receivingMunicipalityCode: kase.receivingMunicipalityCode,
    receivingHousingOrganisationId: kase.receivingOrganisationId,
    toUnitId: kase.toUnitId,
    toAreaId: kase.toAreaId,
    fromUnitId: kase.fromUnitId,
    moveDate: kase.movedOn ?? kase.moveDate,
    composition: await composition(manager, kase.householdId, effectiveOn),
  };
  const event = manager.getRepository(DomainEventEntity).create({
    id: randomUUID(),
    type: eventType(toState),
    version: EVENT_VERSION,
    aggregateType: 'RelocationCase',
    aggregateId: kase.id,
    occurredAt: new Date(),
    payload,
  });
  await manager.getRepository(DomainEventEntity).insert(event);
  for (const subscriber of services.settings.subscribers) {
    await enqueue(
      manager,
      TASKS.deliverEvent,
      { eventId: event.id, subscriber: subscriber.name },
      { jobKey: `event:${event.id}:${subscriber.name}` },
    );
  }
  return event;
}
