// Allocation rounds and their proposals in the graph: platform administrators run rounds and set the weights;
// a household's caseworkers see and decide its proposals; letting officers see the proposals on their vacancies
// by the household's size and needs only.
import { DEFAULT_WEIGHTS, type Weights } from '@second-chance/allocation';
import { forbidden, paginate, parseInput } from '@second-chance/service-kit';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { HouseholdsContext } from '../context';
import { mayRunAllocation, proposalAccess } from '../domain/access';
import { makeOfferInput } from '../domain/inputs';
import { AllocationProposalEntity, AllocationRoundEntity, type ProposalStatus } from '../entities';
import * as allocation from '../store/allocation';

function requireRunner(ctx: HouseholdsContext, what: string): void {
  if (!mayRunAllocation(ctx.identity)) throw forbidden(`${what} is for platform administrators`);
}

const weightsOf = (weights: Partial<Weights> | Record<string, number>): Weights => ({ ...DEFAULT_WEIGHTS, ...weights });

/** The proposal's reasons are for the household's caseworkers and platform administrators only. */
function full<T>(ctx: HouseholdsContext, proposal: AllocationProposalEntity, value: () => T): T {
  if (proposalAccess(ctx.identity, proposal) !== 'FULL') {
    throw forbidden("a proposal's reasons are for the household's caseworkers");
  }
  return value();
}

export const allocationQuery: Pick<
  QueryResolvers,
  'allocationRounds' | 'allocationRound' | 'allocationProposals' | 'allocationWeights'
> = {
  allocationRounds: (_parent, args, ctx) => {
    requireRunner(ctx, 'the list of allocation rounds');
    return paginate(
      ctx.db.getRepository(AllocationRoundEntity).createQueryBuilder('r'),
      args,
      [
        { sql: 'r.created_at', value: (r) => r.createdAt.toISOString() },
        { sql: 'r.id', value: (r) => r.id },
      ],
      'DESC',
    );
  },

  allocationRound: (_parent, { id }, ctx) => {
    requireRunner(ctx, 'an allocation round');
    return ctx.loaders.allocationRound.load(id);
  },

  allocationProposals: (_parent, { filter, first, after }, ctx) => {
    const query = ctx.db.getRepository(AllocationProposalEntity).createQueryBuilder('p');
    const identity = ctx.identity;
    if (!mayRunAllocation(identity)) {
      if (identity.roles.includes('caseworker') && identity.organisation.type === 'MUNICIPALITY') {
        query.where('p.municipality_code = :m', { m: identity.organisation.id });
      } else if (identity.roles.includes('letting-officer') && identity.organisation.type === 'HOUSING_ORGANISATION') {
        query.where('p.organisation_id = :o', { o: identity.organisation.id });
      } else {
        throw forbidden('proposals are for caseworkers, letting officers and platform administrators');
      }
    }
    if (filter?.roundId)
      query.andWhere('p.round_id = :round', { round: allocation.checkId(filter.roundId, 'filter.roundId') });
    const statuses: ProposalStatus[] = filter?.statuses?.length ? [...filter.statuses] : ['PROPOSED'];
    query.andWhere('p.status IN (:...statuses)', { statuses });
    return paginate(query, { first, after }, [{ sql: 'p.id', value: (p) => p.id }], 'DESC');
  },

  allocationWeights: async (_parent, _args, ctx) => {
    if (!mayRunAllocation(ctx.identity) && !ctx.identity.roles.includes('caseworker')) {
      throw forbidden('the weights are for platform administrators and caseworkers');
    }
    return allocation.currentWeights(ctx.db);
  },
};

export const allocationMutation: Pick<
  MutationResolvers,
  'runAllocationRound' | 'setAllocationWeights' | 'acceptProposal' | 'rejectProposal'
> = {
  runAllocationRound: (_parent, { input }, ctx) => {
    requireRunner(ctx, 'running an allocation round');
    return allocation.runAllocationRound(ctx.db, ctx.services, ctx.identity, ctx.log, {
      date: input?.date ?? null,
      commitments: input?.commitments ? input.commitments.map((c) => ({ ...c })) : null,
      weights: input?.weights ? allocation.definedWeights(input.weights) : null,
    });
  },

  setAllocationWeights: (_parent, { input, note }, ctx) => {
    requireRunner(ctx, 'setting the weights');
    return allocation.setWeights(ctx.db, ctx.identity, allocation.definedWeights(input), note);
  },

  acceptProposal: async (_parent, { proposalId, responseDays }, ctx) => {
    // The household's time to answer, as for an offer made by hand (1 to 21 days).
    const days = parseInput(makeOfferInput.shape.responseDays, responseDays, 'responseDays');
    const proposal = await allocation.findProposal(ctx.db, proposalId);
    return (await allocation.acceptProposal(ctx.db, ctx.services, ctx.identity, proposal, days ?? null)).proposal;
  },

  rejectProposal: async (_parent, { proposalId, reason }, ctx) => {
    const proposal = await allocation.findProposal(ctx.db, proposalId);
    return allocation.rejectProposal(ctx.db, ctx.identity, proposal, reason);
  },
};

export const AllocationRound: Resolvers['AllocationRound'] = {
  date: (round) => round.roundDate,
  weights: (round) => weightsOf(round.weights),
  gap: (round) => (round.lpBound === 0 ? 0 : (round.objective - round.lpBound) / Math.abs(round.lpBound)),
  seekers: (round) => Number(round.stats['seekers'] ?? 0),
  vacancies: (round) => Number(round.stats['vacancies'] ?? 0),
  placed: (round) => Number(round.stats['placed'] ?? 0),
  solveMs: (round) => Number(round.stats['solveMs'] ?? 0),
};

export const AreaProjection: Resolvers['AreaProjection'] = {
  area: (projection) => ({ __typename: 'HousingArea', id: projection.areaId }),
  outsideSharePctBefore: (p) => (p.outsideSharePpmBefore === null ? null : p.outsideSharePpmBefore / 10_000),
  outsideSharePctAfter: (p) => (p.outsideSharePpmAfter === null ? null : p.outsideSharePpmAfter / 10_000),
};

export const AllocationWeightsSetting: Resolvers['AllocationWeightsSetting'] = {
  weights: (setting) => weightsOf(setting.weights),
  defaults: () => DEFAULT_WEIGHTS,
};

export const WhyNot: Resolvers['WhyNot'] = {
  vacancy: (whyNot) => ({ __typename: 'Vacancy', id: whyNot.vacancyId }),
};

export const AllocationProposal: Resolvers['AllocationProposal'] = {
  round: async (proposal, _args, ctx) => {
    const round = await ctx.loaders.allocationRound.load(proposal.roundId);
    if (!round) throw new Error(`round ${proposal.roundId} is missing`);
    return round;
  },
  needs: (proposal) => proposal.needs,
  household: (proposal, _args, ctx) => full(ctx, proposal, () => ctx.loaders.household.load(proposal.householdId)),
  case: (proposal, _args, ctx) =>
    full(ctx, proposal, () => (proposal.caseId ? ctx.loaders.case.load(proposal.caseId) : null)),
  vacancy: (proposal) => (proposal.vacancyId ? { __typename: 'Vacancy', id: proposal.vacancyId } : null),
  cost: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.cost),
  costParts: (proposal, _args, ctx) =>
    full(ctx, proposal, () => (proposal.costParts ? weightsOf(proposal.costParts) : null)),
  why: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.why),
  whyNot: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.whyNot),
  excludedByRule: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.excludedByRule),
  explanation: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.explanation),
  offer: (proposal, _args, ctx) =>
    full(ctx, proposal, () => (proposal.offerId ? ctx.loaders.offer.load(proposal.offerId) : null)),
  rejectionReason: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.rejectionReason),
  decidedBy: (proposal, _args, ctx) => full(ctx, proposal, () => proposal.decidedBy),
};
