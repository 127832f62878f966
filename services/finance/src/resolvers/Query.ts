import { type KeysetColumn, notFound, paginate, parseInput } from '@second-chance/service-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { partyKey } from '../domain/parties';
import { AgreementEntity, CompensationEntitlementEntity, GrantEntity, SettlementRunEntity } from '../entities';
import { agreementCases, casesBusinessCase } from '../store/business-case';
import { periodOrError } from '../store/settlement';
import { asTenant } from '../store/tenant';
import { requireBooks, requireFinance, requireGrantReader, requireParty } from './guards';
import { assumptionsInput, partyInput } from './inputs';
import { loadStatement } from './statement';

const newestFirst = <T extends { id: string }>(
  alias: string,
  column: string,
  value: (row: T) => string,
): KeysetColumn<T>[] => [
  { sql: `${alias}.${column}`, value },
  { sql: `${alias}.id`, value: (row) => row.id },
];

export const Query: QueryResolvers = {
  agreement: (_parent, { id }, ctx) => {
    requireBooks(ctx.identity, 'agreements');
    return ctx.loaders.agreement.load(id);
  },

  agreements: (_parent, args, ctx) => {
    requireBooks(ctx.identity, 'agreements');
    return asTenant(ctx.db, ctx.identity, (em) =>
      paginate(
        em.getRepository(AgreementEntity).createQueryBuilder('a'),
        args,
        newestFirst<AgreementEntity>('a', 'created_at', (a) => a.createdAt.toISOString()),
        'DESC',
      ),
    );
  },

  grants: (_parent, { statuses, first, after }, ctx) => {
    requireGrantReader(ctx.identity);
    return asTenant(ctx.db, ctx.identity, (em) => {
      const query = em.getRepository(GrantEntity).createQueryBuilder('g');
      if (statuses?.length) query.where('g.status IN (:...statuses)', { statuses });
      return paginate(
        query,
        { first, after },
        newestFirst<GrantEntity>('g', 'applied_at', (g) => g.appliedAt.toISOString()),
        'DESC',
      );
    });
  },

  compensationEntitlements: (_parent, { statuses, first, after }, ctx) => {
    requireFinance(ctx.identity, 'compensation entitlements');
    return asTenant(ctx.db, ctx.identity, (em) => {
      const query = em.getRepository(CompensationEntitlementEntity).createQueryBuilder('e');
      if (statuses?.length) query.where('e.status IN (:...statuses)', { statuses });
      return paginate(
        query,
        { first, after },
        newestFirst<CompensationEntitlementEntity>('e', 'created_at', (e) => e.createdAt.toISOString()),
        'DESC',
      );
    });
  },

  settlementRun: (_parent, { period }, ctx) => {
    requireFinance(ctx.identity, 'settlement runs');
    return ctx.loaders.runByPeriod.load(periodOrError(period).key);
  },

  settlementRuns: (_parent, args, ctx) => {
    requireFinance(ctx.identity, 'settlement runs');
    return asTenant(ctx.db, ctx.identity, (em) =>
      paginate(
        em.getRepository(SettlementRunEntity).createQueryBuilder('r'),
        args,
        newestFirst<SettlementRunEntity>('r', 'period_start', (r) => r.periodStart),
        'DESC',
      ),
    );
  },

  statement: (_parent, args, ctx) => {
    const party = partyKey(parseInput(partyInput, args.party, 'party'));
    requireParty(ctx.identity, party, 'a statement');
    return loadStatement(ctx, party, args.period);
  },

  agreementBusinessCase: async (_parent, args, ctx) => {
    requireBooks(ctx.identity, 'business cases');
    const assumptions = parseInput(assumptionsInput, args.assumptions, 'assumptions');
    const agreement = await ctx.loaders.agreement.load(args.agreementId);
    if (!agreement) throw notFound('Agreement', args.agreementId);
    return casesBusinessCase(await agreementCases(ctx.db, agreement.id), assumptions);
  },
};
