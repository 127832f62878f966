import type { MutationResolvers } from '../__generated__/resolvers-types';
import { recordOutcomes } from '../store/follow-up';
import { importIndicatorCsv } from '../store/indicators';
import { requireRecorder } from './guards';

export const Mutation: MutationResolvers = {
  importAreaIndicators: (_parent, { input }, ctx) => {
    requireRecorder(ctx.identity, 'importing indicators');
    return importIndicatorCsv(ctx.db, ctx.identity, input);
  },

  recordOutcomes: async (_parent, { input }, ctx) => {
    requireRecorder(ctx.identity, 'recording outcomes');
    return { recorded: await recordOutcomes(ctx.db, ctx.identity, input) };
  },
};
