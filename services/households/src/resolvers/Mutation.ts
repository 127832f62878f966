// Thin mutations: who may (guards), what is valid (domain inputs), then the store does it in a transaction.
import { z } from 'zod';
import { badUserInput, conflict, forbidden, isId, parseInput, todayInDenmark } from '@second-chance/service-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { mayNominate } from '../domain/nominations';
import {
  activityInput,
  activityUpdateInput,
  applicationInput,
  consentInput,
  contactInput,
  criminalRecordInput,
  declineInput,
  factInput,
  homeInput,
  makeOfferInput,
  memberInput,
  needsInput,
  nominationInput,
  reasonInput,
  text,
} from '../domain/inputs';
import { DEFAULT_RESPONSE_DAYS } from '../domain/offers';
import { ConsentEntity, OfferEntity, type RelocationCaseEntity } from '../entities';
import * as applications from '../store/applications';
import { changeState, findCase, recordMove } from '../store/cases';
import * as consents from '../store/consents';
import * as households from '../store/households';
import * as nominations from '../store/nominations';
import * as offers from '../store/offers';
import * as strategies from '../store/strategies';
import type { HouseholdsContext } from '../context';
import { requireCase, requireCaseworker, requireResponsible } from './guards';

const needsFields = (needs: z.output<typeof needsInput>) => ({
  minRooms: needs.minRooms ?? null,
  stepFreeAccess: needs.stepFreeAccess,
  maxMonthlyRentOre: needs.maxMonthlyRentOre ?? null,
  acceptableMunicipalityCodes: needs.acceptableMunicipalityCodes,
});

async function responsibleHousehold(ctx: HouseholdsContext, householdId: string, action: string) {
  const household = await households.findHousehold(ctx.db, householdId);
  requireResponsible(ctx.identity, household, action);
  return household;
}

async function sendingCase(ctx: HouseholdsContext, caseId: string, action: string): Promise<RelocationCaseEntity> {
  const kase = await findCase(ctx.db.manager, caseId);
  requireCase(ctx.identity, kase, ['SENDING'], action);
  return kase;
}

async function offerOfSendingCase(ctx: HouseholdsContext, offerId: string, action: string): Promise<OfferEntity> {
  const offer = await offers.findOffer(ctx.db, offerId);
  await sendingCase(ctx, offer.caseId, action);
  return offer;
}

/** Cases that stop before the move withdraw any offer still holding a vacancy. */
async function stopCase(
  ctx: HouseholdsContext,
  caseId: string,
  action: 'DECLINE_RELOCATION' | 'CANCEL',
  reason: string,
) {
  const kase = await sendingCase(ctx, caseId, action === 'CANCEL' ? 'cancelling a case' : 'declining relocation');
  return ctx.db.transaction(async (manager) => {
    for (const offer of await manager.getRepository(OfferEntity).findBy({ caseId: kase.id })) {
      await offers.endOffer(manager, offer, 'WITHDRAWN', { note: reason });
    }
    return changeState(manager, ctx.services, kase, action, ctx.identity, { reason });
  });
}

export const Mutation: MutationResolvers = {
  registerHousehold: (_parent, { input }, ctx) => {
    const municipality = requireCaseworker(ctx.identity, 'registering a household');
    const valid = parseInput(
      z.object({
        members: z.array(memberInput(todayInDenmark())).min(1).max(20),
        home: homeInput.nullish(),
        needs: needsInput,
      }),
      input,
    );
    return households.registerHousehold(ctx.db, ctx.services, ctx.identity, municipality, {
      members: valid.members,
      home: valid.home,
      needs: needsFields(valid.needs),
    });
  },

  updateHouseholdNeeds: async (_parent, { householdId, input }, ctx) => {
    const needs = parseInput(needsInput, input);
    const household = await responsibleHousehold(ctx, householdId, "changing a household's needs");
    return households.updateNeeds(ctx.db, household, needsFields(needs));
  },

  setHome: async (_parent, { householdId, input }, ctx) => {
    const home = parseInput(homeInput, input);
    const household = await responsibleHousehold(ctx, householdId, "changing a household's home");
    return households.setHome(ctx.db, ctx.services, ctx.identity, household, home);
  },

  addMember: async (_parent, { householdId, input }, ctx) => {
    const member = parseInput(memberInput(todayInDenmark()), input);
    const household = await responsibleHousehold(ctx, householdId, 'adding a member');
    return households.addMember(ctx.db, ctx.services, ctx.identity, household, member);
  },

  removeMember: async (_parent, { memberId, leftOn }, ctx) => {
    const member = await households.findMember(ctx.db, memberId);
    await responsibleHousehold(ctx, member.householdId, 'recording that a member left');
    return households.removeMember(ctx.db, member, leftOn);
  },

  recordFact: async (_parent, { memberId, input }, ctx) => {
    const fact = parseInput(factInput, input);
    const member = await households.findMember(ctx.db, memberId);
    await responsibleHousehold(ctx, member.householdId, 'recording a fact');
    if (fact.startedOn < member.birthDate) {
      throw badUserInput('input.startedOn: before the member was born', [
        { path: 'input.startedOn', message: 'before the birth date' },
      ]);
    }
    return households.recordFact(ctx.db, ctx.identity, member, fact);
  },

  recordCriminalRecordFact: async (_parent, { memberId, input }, ctx) => {
    const fact = parseInput(criminalRecordInput, input);
    const member = await households.findMember(ctx.db, memberId);
    await responsibleHousehold(ctx, member.householdId, 'recording a criminal-record fact');
    if (fact.releasedOn < member.birthDate || fact.releasedOn > todayInDenmark()) {
      throw badUserInput('input.releasedOn: between the birth date and today', [
        { path: 'input.releasedOn', message: 'between the birth date and today' },
      ]);
    }
    return households.recordCriminalRecordFact(ctx.db, ctx.services, ctx.identity, member, fact);
  },

  recordConsent: async (_parent, { householdId, input }, ctx) => {
    const consent = parseInput(consentInput, input);
    await responsibleHousehold(ctx, householdId, 'recording a consent');
    return consents.recordConsent(ctx.db, ctx.services, ctx.identity, householdId, consent);
  },

  withdrawConsent: async (_parent, { consentId, input }, ctx) => {
    const valid = parseInput(z.object({ withdrawnOn: z.string(), reason: text(2000).nullish() }), input);
    const consent = isId(consentId) ? await ctx.db.getRepository(ConsentEntity).findOneBy({ id: consentId }) : null;
    if (consent) await responsibleHousehold(ctx, consent.householdId, 'withdrawing a consent');
    return consents.withdrawConsent(ctx.db, ctx.services, ctx.identity, consentId, valid);
  },

  nominateHousehold: async (_parent, { input }, ctx) => {
    const valid = parseInput(nominationInput, input);
    const household = await households.findHousehold(ctx.db, valid.householdId);
    if (!mayNominate(ctx.identity, household.responsibleMunicipalityCode, household.homeOrganisationId)) {
      throw forbidden(
        "a household is nominated by its municipality's caseworkers or by the organisation it rents from",
      );
    }
    return nominations.nominate(ctx.db, ctx.services, ctx.identity, household, valid);
  },

  decideNomination: async (_parent, { nominationId, input }, ctx) => {
    const decision = parseInput(
      z.object({ decision: z.enum(['ACCEPT', 'REJECT']), note: text(2000).nullish() }),
      input,
    );
    const nomination = await nominations.findNomination(ctx.db, nominationId);
    await responsibleHousehold(ctx, nomination.householdId, 'deciding a nomination');
    return nominations.decide(ctx.db, ctx.services, ctx.identity, nomination, decision);
  },

  startSearch: async (_parent, { caseId }, ctx) => {
    const kase = await sendingCase(ctx, caseId, 'starting the search');
    return ctx.db.transaction((manager) => changeState(manager, ctx.services, kase, 'START_SEARCH', ctx.identity));
  },

  makeOffer: async (_parent, { input }, ctx) => {
    const valid = parseInput(makeOfferInput, input);
    const kase = await sendingCase(ctx, valid.caseId, 'making an offer');
    return offers.makeOffer(ctx.db, ctx.services, ctx.identity, kase, {
      caseId: kase.id,
      vacancyId: valid.vacancyId,
      responseDays: valid.responseDays ?? ctx.services.settings.offerResponseDays ?? DEFAULT_RESPONSE_DAYS,
      note: valid.note,
    });
  },

  acceptOffer: async (_parent, { offerId }, ctx) => {
    const offer = await offerOfSendingCase(ctx, offerId, 'answering an offer');
    return offers.acceptOffer(ctx.db, ctx.services, ctx.identity, offer.id);
  },

  declineOffer: async (_parent, { offerId, input }, ctx) => {
    const valid = parseInput(declineInput, input);
    const offer = await offerOfSendingCase(ctx, offerId, 'answering an offer');
    return offers.declineOffer(ctx.db, ctx.services, ctx.identity, offer.id, valid);
  },

  withdrawOffer: async (_parent, { offerId, reason }, ctx) => {
    const valid = parseInput(reasonInput, reason, 'reason');
    const offer = await offerOfSendingCase(ctx, offerId, 'withdrawing an offer');
    return offers.withdrawOffer(ctx.db, ctx.services, ctx.identity, offer.id, valid);
  },

  declineRelocation: (_parent, { caseId, reason }, ctx) =>
    stopCase(ctx, caseId, 'DECLINE_RELOCATION', parseInput(reasonInput, reason, 'reason')),

  cancelCase: (_parent, { caseId, reason }, ctx) =>
    stopCase(ctx, caseId, 'CANCEL', parseInput(reasonInput, reason, 'reason')),

  draftReceptionStrategy: async (_parent, { caseId, input }, ctx) => {
    const valid = parseInput(z.object({ summary: text(4000).nullish() }), input);
    const kase = await sendingCase(ctx, caseId, 'drafting a reception strategy');
    return strategies.draft(ctx.db, kase, valid);
  },

  setStrategyContact: async (_parent, { strategyId, input }, ctx) => {
    const contact = parseInput(contactInput, input);
    return strategies.setContact(ctx.db, ctx.identity, await strategies.findStrategy(ctx.db, strategyId), contact);
  },

  addStrategyActivity: async (_parent, { strategyId, input }, ctx) => {
    const activity = parseInput(activityInput, input);
    return strategies.addActivity(ctx.db, ctx.identity, await strategies.findStrategy(ctx.db, strategyId), activity);
  },

  updateStrategyActivity: (_parent, { activityId, input }, ctx) =>
    strategies.updateActivity(ctx.db, ctx.identity, activityId, parseInput(activityUpdateInput, input)),

  signReceptionStrategy: async (_parent, { strategyId }, ctx) =>
    strategies.sign(ctx.db, ctx.identity, await strategies.findStrategy(ctx.db, strategyId)),

  setMoveDate: async (_parent, { caseId, moveDate }, ctx) =>
    strategies.setMoveDate(ctx.db, await sendingCase(ctx, caseId, 'setting the move date'), moveDate),

  recordMove: async (_parent, { caseId, movedOn }, ctx) => {
    const kase = await sendingCase(ctx, caseId, 'recording the move');
    if (!kase.moveDate) throw conflict('set the move date first (after all three parties have signed the strategy)');
    if (movedOn > todayInDenmark()) {
      throw badUserInput('movedOn: a move is recorded once it has happened', [
        { path: 'movedOn', message: 'in the future' },
      ]);
    }
    return recordMove(ctx.db, ctx.services, ctx.identity, kase, movedOn);
  },

  startFollowUp: async (_parent, { caseId }, ctx) => {
    const kase = await findCase(ctx.db.manager, caseId);
    requireCase(ctx.identity, kase, ['SENDING', 'RECEIVING'], 'starting the follow-up');
    return ctx.db.transaction((manager) => changeState(manager, ctx.services, kase, 'START_FOLLOW_UP', ctx.identity));
  },

  closeCase: async (_parent, { caseId, note }, ctx) => {
    const valid = parseInput(text(2000).nullish(), note, 'note');
    return strategies.closeCase(
      ctx.db,
      ctx.services,
      ctx.identity,
      await sendingCase(ctx, caseId, 'closing a case'),
      valid ?? null,
    );
  },

  applyForMunicipalAllocation: async (_parent, { householdId, input }, ctx) => {
    const valid = parseInput(applicationInput, input);
    const household = await responsibleHousehold(ctx, householdId, 'applying for municipal allocation');
    return applications.apply(ctx.db, ctx.identity, household, valid);
  },

  withdrawInMoverApplication: async (_parent, { applicationId }, ctx) => {
    const application = await applications.findApplication(ctx.db, applicationId);
    await responsibleHousehold(ctx, application.householdId, 'withdrawing an application');
    return applications.withdraw(ctx.db, application);
  },
};
