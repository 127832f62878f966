// The data subject's rights in the graph: the export (art. 15), restriction of processing (art. 18) and erasure
// (art. 17). Each is exercised by the controller: caseworkers of the household's municipality, or platform
// administrators on its behalf; everyone else is refused before anything of the household is read.
import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, parseInput } from '@second-chance/service-kit';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { HouseholdsContext } from '../context';
import { mayExerciseRights } from '../domain/access';
import { idempotencyKeyInput, rightsReasonInput } from '../domain/inputs';
import type { HouseholdEntity } from '../entities';
import { operationOf } from '../store/audit';
import { erasePersonalData } from '../store/erasure';
import { exportPersonalData } from '../store/personal-data-export';
import { restrictionOf, setRestriction } from '../store/restriction';
import { requireAccess } from './guards';

const who = "caseworkers of the household's municipality and platform administrators";

function authorizer(ctx: HouseholdsContext, what: string) {
  return (household: HouseholdEntity): void => {
    if (!mayExerciseRights(ctx.identity, household.responsibleMunicipalityCode)) {
      throw forbidden(`${what} is for ${who}`);
    }
  };
}

const acting = (ctx: HouseholdsContext, info: GraphQLResolveInfo) => ({
  actor: ctx.identity,
  via: ctx.caller,
  operation: operationOf(info),
});

export const personalDataQuery: Pick<QueryResolvers, 'personalDataExport'> = {
  personalDataExport: (_parent, { householdId }, ctx, info) =>
    exportPersonalData(ctx.db, ctx.services, {
      householdId,
      ...acting(ctx, info),
      authorize: authorizer(ctx, "exporting a household's personal data"),
    }),
};

export const personalDataMutation: Pick<
  MutationResolvers,
  'restrictProcessing' | 'liftRestriction' | 'erasePersonalData'
> = {
  restrictProcessing: (_parent, { householdId, reason }, ctx, info) =>
    setRestriction(
      ctx.db,
      ctx.services,
      {
        householdId,
        reason: parseInput(rightsReasonInput, reason, 'reason'),
        ...acting(ctx, info),
        authorize: authorizer(ctx, 'restricting processing'),
      },
      true,
    ),

  liftRestriction: (_parent, { householdId, reason }, ctx, info) =>
    setRestriction(
      ctx.db,
      ctx.services,
      {
        householdId,
        reason: parseInput(rightsReasonInput, reason, 'reason'),
        ...acting(ctx, info),
        authorize: authorizer(ctx, 'lifting a restriction'),
      },
      false,
    ),

  erasePersonalData: (_parent, { householdId, reason, idempotencyKey }, ctx, info) =>
    erasePersonalData(ctx.db, ctx.services, {
      householdId,
      reason: parseInput(rightsReasonInput, reason, 'reason'),
      idempotencyKey: parseInput(idempotencyKeyInput, idempotencyKey, 'idempotencyKey'),
      ...acting(ctx, info),
      authorize: authorizer(ctx, "erasing a household's personal data"),
    }),
};

export const householdRights: Pick<NonNullable<Resolvers['Household']>, 'processingRestriction'> = {
  processingRestriction: async (household, _args, ctx) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's restriction of processing");
    return restrictionOf(household);
  },
};

export const PersonalDataErasure: Resolvers['PersonalDataErasure'] = {
  records: (erasure) => erasure.records,
};
