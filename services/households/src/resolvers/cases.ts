// Cases, offers and strategies as their parties see them.
import { forbidden, required, todayInDenmark } from '@second-chance/service-kit';
import type {
  ConsentResolvers,
  InMoverApplicationResolvers,
  NominationResolvers,
  OfferResolvers,
  ReceptionStrategyResolvers,
  RelocationCaseResolvers,
  VacancyResolvers,
} from '../__generated__/resolvers-types';
import type { HouseholdsContext } from '../context';
import { caseAccess, caseworkerOf, lettingOfficerOf } from '../domain/access';
import { inForce } from '../domain/consent';
import { unsignedParties } from '../domain/strategy';
import type { OfferEntity } from '../entities';
import { requireCase } from './guards';

/** May the caller see this offer: the sending municipality, the organisation whose vacancy it is, or the
 *  receiving municipality once it is accepted. */
async function seesOffer(ctx: HouseholdsContext, offer: OfferEntity): Promise<boolean> {
  if (lettingOfficerOf(ctx.identity) === offer.housingOrganisationId) return true;
  const municipality = caseworkerOf(ctx.identity);
  if (!municipality) return false;
  if (offer.status === 'ACCEPTED' && offer.municipalityCode === municipality) return true;
  return (await ctx.loaders.case.load(offer.caseId))?.sendingMunicipalityCode === municipality;
}

export const RelocationCase: RelocationCaseResolvers = {
  __resolveReference: async (ref, ctx) => {
    const kase = await ctx.loaders.case.load(ref.id);
    if (kase) requireCase(ctx.identity, kase, ['SENDING', 'RECEIVING', 'HOUSING'], 'a relocation case');
    return kase;
  },
  household: (kase, _args, ctx) =>
    required(ctx.loaders.household.load(kase.householdId), 'household', kase.householdId),
  history: (kase, _args, ctx) => {
    requireCase(ctx.identity, kase, ['SENDING', 'RECEIVING'], "a case's history");
    return ctx.loaders.historyByCase.load(kase.id);
  },
  offers: async (kase, _args, ctx) => {
    const offers = await ctx.loaders.offersByCase.load(kase.id);
    if (caseAccess(ctx.identity, kase) === 'SENDING') return offers;
    const visible = await Promise.all(offers.map((offer) => seesOffer(ctx, offer)));
    return offers.filter((_, i) => visible[i]);
  },
  receptionStrategy: (kase, _args, ctx) => ctx.loaders.strategyByCase.load(kase.id),
};

export const Offer: OfferResolvers = {
  vacancy: (offer) => ({ __typename: 'Vacancy', id: offer.vacancyId }),
  case: async (offer, _args, ctx) => {
    const kase = await ctx.loaders.case.load(offer.caseId);
    return kase && caseAccess(ctx.identity, kase) !== 'NONE' ? kase : null;
  },
  household: async (offer, _args, ctx) => {
    const kase = await required(ctx.loaders.case.load(offer.caseId), 'case', offer.caseId);
    return required(ctx.loaders.household.load(kase.householdId), 'household', kase.householdId);
  },
  note: async (offer, _args, ctx) => {
    const kase = await ctx.loaders.case.load(offer.caseId);
    return kase && caseAccess(ctx.identity, kase) === 'SENDING' ? offer.note : null;
  },
};

export const Vacancy: VacancyResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  offers: async (vacancy, _args, ctx) => {
    if (!lettingOfficerOf(ctx.identity) && !caseworkerOf(ctx.identity)) {
      throw forbidden("a vacancy's offers are for letting officers and caseworkers");
    }
    const offers = await ctx.loaders.offersByVacancy.load(vacancy.id);
    const visible = await Promise.all(offers.map((offer) => seesOffer(ctx, offer)));
    return offers.filter((_, i) => visible[i]);
  },
};

export const ReceptionStrategy: ReceptionStrategyResolvers = {
  case: (strategy, _args, ctx) => required(ctx.loaders.case.load(strategy.caseId), 'case', strategy.caseId),
  parties: (strategy, _args, ctx) => ctx.loaders.partiesByStrategy.load(strategy.id),
  activities: (strategy, _args, ctx) => ctx.loaders.activitiesByStrategy.load(strategy.id),
  signedByAll: async (strategy, _args, ctx) =>
    unsignedParties(await ctx.loaders.partiesByStrategy.load(strategy.id)).length === 0,
};

export const Consent: ConsentResolvers = {
  inForce: (consent) => inForce(consent, consent.purpose, todayInDenmark()),
};

export const InMoverApplication: InMoverApplicationResolvers = {
  household: (application, _args, ctx) =>
    required(ctx.loaders.household.load(application.householdId), 'household', application.householdId),
  stepFreeAccess: (application) => application.needsStepFreeAccess,
};

export const Nomination: NominationResolvers = {
  household: (nomination, _args, ctx) =>
    required(ctx.loaders.household.load(nomination.householdId), 'household', nomination.householdId),
  case: async (nomination, _args, ctx) => {
    const kase = await ctx.loaders.case.load(nomination.caseId);
    return kase && caseAccess(ctx.identity, kase) !== 'NONE' ? kase : null;
  },
};
