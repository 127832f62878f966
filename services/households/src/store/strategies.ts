// Reception strategies: drafted once an offer is accepted (its three parties are then known), changed by
// the parties, signed by all three before the move date is set, and followed after the move.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, forbidden, isId, notFound, todayInDenmark } from '@second-chance/service-kit';
import { type CaseAccess, caseAccess } from '../domain/access';
import {
  type ActivityKind,
  type ActivityStatus,
  CLOSED_ACTIVITY_STATUSES,
  type StrategyParty,
  unfinishedActivities,
  unsignedParties,
} from '../domain/strategy';
import {
  RelocationCaseEntity,
  ReceptionStrategyEntity,
  StrategyActivityEntity,
  StrategyPartyEntity,
} from '../entities';
import type { HouseholdsServices } from '../services';
import { changeState, findCase } from './cases';
import { requireProcessing } from './processing';

const PARTY_OF: Readonly<Record<Exclude<CaseAccess, 'NONE'>, StrategyParty>> = {
  SENDING: 'SENDING_MUNICIPALITY',
  RECEIVING: 'RECEIVING_MUNICIPALITY',
  HOUSING: 'HOUSING_ORGANISATION',
};

/** The caller's party to the case's strategy; FORBIDDEN when the caller is none of the three. */
export function partyOf(identity: Identity, kase: RelocationCaseEntity): StrategyParty {
  const access = caseAccess(identity, kase);
  if (access === 'NONE') throw forbidden('only the three parties to a case work on its reception strategy');
  return PARTY_OF[access];
}

export async function findStrategy(db: DataSource | EntityManager, id: string): Promise<ReceptionStrategyEntity> {
  const found = isId(id) ? await db.getRepository(ReceptionStrategyEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('reception strategy', id);
  return found;
}

/** The strategy may change until the move; the signatures then no longer hold and are cleared. */
async function changed(
  manager: EntityManager,
  strategy: ReceptionStrategyEntity,
  kase: RelocationCaseEntity,
): Promise<void> {
  if (kase.state !== 'ACCEPTED') return;
  await manager
    .getRepository(StrategyPartyEntity)
    .update({ strategyId: strategy.id }, { signedAt: null, signedBy: null });
  await manager.getRepository(ReceptionStrategyEntity).update(strategy.id, { updatedAt: new Date() });
}

export async function draft(
  db: DataSource,
  kase: RelocationCaseEntity,
  input: { summary?: string | null | undefined },
): Promise<ReceptionStrategyEntity> {
  if (kase.state !== 'ACCEPTED' || !kase.receivingMunicipalityCode || !kase.receivingOrganisationId) {
    throw conflict(`a reception strategy is drafted once an offer is accepted; the case is ${kase.state}`);
  }
  const receivingMunicipality = kase.receivingMunicipalityCode;
  const receivingOrganisation = kase.receivingOrganisationId;
  return db.transaction(async (manager) => {
    await requireProcessing(manager, kase.householdId, 'drafting a reception strategy');
    const strategies = manager.getRepository(ReceptionStrategyEntity);
    if (await strategies.existsBy({ caseId: kase.id })) throw conflict('the case already has a reception strategy');
    const strategy = strategies.create({ caseId: kase.id, summary: input.summary ?? null });
    await strategies.insert(strategy);
    const organisations: Record<StrategyParty, string> = {
      SENDING_MUNICIPALITY: kase.sendingMunicipalityCode,
      RECEIVING_MUNICIPALITY: receivingMunicipality,
      HOUSING_ORGANISATION: receivingOrganisation,
    };
    await manager.getRepository(StrategyPartyEntity).insert(
      (Object.keys(organisations) as StrategyParty[]).map((party) => ({
        strategyId: strategy.id,
        party,
        organisationId: organisations[party],
        contactName: null,
        contactEmail: null,
        contactPhone: null,
        signedBy: null,
        signedAt: null,
      })),
    );
    return strategy;
  });
}

export async function setContact(
  db: DataSource,
  identity: Identity,
  strategy: ReceptionStrategyEntity,
  contact: { name: string; email?: string | null | undefined; phone?: string | null | undefined },
): Promise<ReceptionStrategyEntity> {
  return db.transaction(async (manager) => {
    const kase = await findCase(manager, strategy.caseId);
    const party = partyOf(identity, kase);
    await requireProcessing(manager, kase.householdId, 'changing a reception strategy');
    await changed(manager, strategy, kase);
    await manager
      .getRepository(StrategyPartyEntity)
      .update(
        { strategyId: strategy.id, party },
        { contactName: contact.name, contactEmail: contact.email ?? null, contactPhone: contact.phone ?? null },
      );
    return strategy;
  });
}

export async function addActivity(
  db: DataSource,
  identity: Identity,
  strategy: ReceptionStrategyEntity,
  input: { kind: ActivityKind; description: string; ownerParty: StrategyParty; dueOn: string },
): Promise<StrategyActivityEntity> {
  return db.transaction(async (manager) => {
    const kase = await findCase(manager, strategy.caseId);
    partyOf(identity, kase);
    await requireProcessing(manager, kase.householdId, 'planning an activity');
    if (!['ACCEPTED', 'MOVED', 'FOLLOW_UP'].includes(kase.state)) {
      throw conflict(`activities are planned until the case is followed up; the case is ${kase.state}`);
    }
    await changed(manager, strategy, kase);
    const activities = manager.getRepository(StrategyActivityEntity);
    const activity = activities.create({
      strategyId: strategy.id,
      ...input,
      status: 'PLANNED',
      outcome: null,
      closedAt: null,
    });
    await activities.insert(activity);
    return activity;
  });
}

export async function updateActivity(
  db: DataSource,
  identity: Identity,
  activityId: string,
  input: { status: ActivityStatus; outcome?: string | null | undefined },
): Promise<StrategyActivityEntity> {
  return db.transaction(async (manager) => {
    const activities = manager.getRepository(StrategyActivityEntity);
    const activity = isId(activityId) ? await activities.findOneBy({ id: activityId }) : null;
    if (!activity) throw notFound('activity', activityId);
    const strategy = await findStrategy(manager, activity.strategyId);
    const kase = await findCase(manager, strategy.caseId);
    const party = partyOf(identity, kase);
    if (party !== activity.ownerParty && party !== 'SENDING_MUNICIPALITY') {
      throw forbidden('an activity is moved on by the party that owns it, or by the sending municipality');
    }
    await requireProcessing(manager, kase.householdId, 'moving an activity on');
    if (CLOSED_ACTIVITY_STATUSES.includes(activity.status))
      throw conflict(`the activity is already ${activity.status}`);
    const closing = CLOSED_ACTIVITY_STATUSES.includes(input.status);
    if (closing && !input.outcome?.trim()) {
      throw badUserInput('input.outcome: closing an activity needs its outcome', [
        { path: 'input.outcome', message: 'required when closing' },
      ]);
    }
    await activities.update(activity.id, {
      status: input.status,
      outcome: input.outcome ?? activity.outcome,
      closedAt: closing ? new Date() : null,
    });
    return activities.findOneByOrFail({ id: activity.id });
  });
}

export async function sign(
  db: DataSource,
  identity: Identity,
  strategy: ReceptionStrategyEntity,
): Promise<ReceptionStrategyEntity> {
  return db.transaction(async (manager) => {
    const kase = await findCase(manager, strategy.caseId);
    const party = partyOf(identity, kase);
    if (kase.state !== 'ACCEPTED') throw conflict(`the strategy is signed before the move; the case is ${kase.state}`);
    await requireProcessing(manager, kase.householdId, 'signing a reception strategy');
    const parties = manager.getRepository(StrategyPartyEntity);
    const row = await parties.findOneByOrFail({ strategyId: strategy.id, party });
    if (!row.contactName) throw conflict('set your contact person before you sign');
    await parties.update({ strategyId: strategy.id, party }, { signedAt: new Date(), signedBy: identity.subject });
    return strategy;
  });
}

export async function setMoveDate(
  db: DataSource,
  kase: RelocationCaseEntity,
  moveDate: string,
): Promise<RelocationCaseEntity> {
  if (kase.state !== 'ACCEPTED')
    throw conflict(`the move date is set after an offer is accepted; the case is ${kase.state}`);
  if (moveDate < todayInDenmark()) {
    throw badUserInput('moveDate: a move date cannot be in the past', [{ path: 'moveDate', message: 'in the past' }]);
  }
  await requireProcessing(db, kase.householdId, 'setting the move date');
  const strategy = await db.getRepository(ReceptionStrategyEntity).findOneBy({ caseId: kase.id });
  const parties = strategy ? await db.getRepository(StrategyPartyEntity).findBy({ strategyId: strategy.id }) : [];
  const unsigned = strategy ? unsignedParties(parties) : ['all three parties'];
  if (unsigned.length) throw conflict(`the reception strategy is not signed by ${unsigned.join(', ')}`);
  const updated = await db
    .createQueryBuilder()
    .update(RelocationCaseEntity)
    .set({ moveDate, version: kase.version + 1 })
    .where("id = :id AND version = :version AND state = 'ACCEPTED'", { id: kase.id, version: kase.version })
    .execute();
  if (updated.affected !== 1) throw conflict('the case changed while you were changing it; look again');
  return findCase(db.manager, kase.id);
}

export async function closeCase(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  kase: RelocationCaseEntity,
  note: string | null,
): Promise<RelocationCaseEntity> {
  return db.transaction(async (manager) => {
    const strategy = await manager.getRepository(ReceptionStrategyEntity).findOneBy({ caseId: kase.id });
    const activities = strategy
      ? await manager.getRepository(StrategyActivityEntity).findBy({ strategyId: strategy.id })
      : [];
    const open = unfinishedActivities(activities);
    if (open.length) {
      throw conflict(
        `close every activity with an outcome first (${open.map((a) => a.kind.toLowerCase()).join(', ')})`,
      );
    }
    return changeState(manager, services, kase, 'CLOSE', identity, { reason: note });
  });
}
