import { parseInput } from '@second-chance/service-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { createAgreement, amendAgreement } from '../store/agreements';
import { decideCompensation } from '../store/entitlements';
import { applyForGrant, approveGrant, declineGrant, recordGrantPayment, withdrawGrant } from '../store/grants';
import { requireSettler, runSettlement } from '../store/settlement';
import {
  amendAgreementInput,
  applyForGrantInput,
  createAgreementInput,
  idInput,
  positiveOre,
  reasonInput,
  recordPaymentInput,
} from './inputs';

export const Mutation: MutationResolvers = {
  createAgreement: (_parent, { input }, ctx) =>
    createAgreement(ctx.db, ctx.identity, parseInput(createAgreementInput, input)),

  amendAgreement: (_parent, { input }, ctx) =>
    amendAgreement(ctx.db, ctx.identity, parseInput(amendAgreementInput, input)),

  applyForGrant: (_parent, { input }, ctx) =>
    applyForGrant(ctx.db, ctx.identity, parseInput(applyForGrantInput, input)),

  approveGrant: (_parent, args, ctx) =>
    approveGrant(
      ctx.db,
      ctx.identity,
      parseInput(idInput, args.grantId, 'grantId'),
      parseInput(positiveOre, args.amountOre, 'amountOre'),
    ),

  declineGrant: (_parent, args, ctx) =>
    declineGrant(
      ctx.db,
      ctx.identity,
      parseInput(idInput, args.grantId, 'grantId'),
      parseInput(reasonInput, args.reason, 'reason'),
    ),

  withdrawGrant: (_parent, args, ctx) =>
    withdrawGrant(
      ctx.db,
      ctx.identity,
      parseInput(idInput, args.grantId, 'grantId'),
      parseInput(reasonInput, args.reason, 'reason'),
    ),

  recordGrantPayment: (_parent, { input }, ctx) =>
    recordGrantPayment(ctx.db, ctx.identity, parseInput(recordPaymentInput, input)),

  claimCompensation: (_parent, { entitlementId }, ctx) =>
    decideCompensation(ctx.db, ctx.identity, parseInput(idInput, entitlementId, 'entitlementId'), 'claim'),

  absorbCompensation: (_parent, { entitlementId }, ctx) =>
    decideCompensation(ctx.db, ctx.identity, parseInput(idInput, entitlementId, 'entitlementId'), 'absorb'),

  decideLateClaim: (_parent, { entitlementId, accept }, ctx) =>
    decideCompensation(
      ctx.db,
      ctx.identity,
      parseInput(idInput, entitlementId, 'entitlementId'),
      accept ? 'accept-late' : 'refuse-late',
    ),

  runSettlement: async (_parent, { period }, ctx) => {
    requireSettler(ctx.identity);
    const { run, created } = await runSettlement(ctx.db, period, ctx.identity.subject);
    ctx.log.info({ period: run.period, runId: run.id, created, entries: run.entries }, 'settlement run');
    return run;
  },
};
