import { type KeysetColumn, badUserInput, forbidden, paginate } from '@second-chance/service-kit';
import { hasRole } from '@second-chance/identity';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { caseworkerOf, lettingOfficerOf } from '../domain/access';
import { parseCpr } from '../domain/cpr';
import {
  AuditEntryEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  NominationEntity,
  OfferEntity,
  RelocationCaseEntity,
} from '../entities';
import { findByCpr } from '../store/households';
import { requireAccess, requireCase, requireCaseworker, requireLettingOfficer } from './guards';

const newestFirst = <T extends { createdAt: Date; id: string }>(alias: string): KeysetColumn<T>[] => [
  { sql: `${alias}.created_at`, value: (row) => row.createdAt.toISOString() },
  { sql: `${alias}.id`, value: (row) => row.id },
];

export const Query: QueryResolvers = {
  household: async (_parent, { id }, ctx) => {
    const household = await ctx.loaders.household.load(id);
    if (household) await requireAccess(ctx, household.id, 'LETTING', 'a household');
    return household;
  },

  households: (_parent, { first, after }, ctx) => {
    const municipality = requireCaseworker(ctx.identity, 'listing households');
    const query = ctx.db
      .getRepository(HouseholdEntity)
      .createQueryBuilder('household')
      .where('household.responsible_municipality_code = :municipality', { municipality })
      // An erased household holds no personal data: it is not listed (its id still opens what is left).
      .andWhere('household.erased_at IS NULL');
    return paginate(query, { first, after }, newestFirst<HouseholdEntity>('household'), 'DESC');
  },

  householdByCpr: async (_parent, { cpr }, ctx, info) => {
    const municipality = requireCaseworker(ctx.identity, 'finding a household by CPR number');
    const parsed = parseCpr(cpr);
    if (typeof parsed === 'string') throw badUserInput(`cpr: ${parsed}`, [{ path: 'cpr', message: parsed }]);
    const household = await findByCpr(ctx.db, ctx.services, parsed.digits);
    // Another municipality's household is not found: the search says nothing about who lives where.
    if (!household || household.responsibleMunicipalityCode !== municipality) return null;
    await ctx.audit.record(info, household.id, 'search.cpr');
    return household;
  },

  relocationCase: async (_parent, { id }, ctx) => {
    const kase = await ctx.loaders.case.load(id);
    if (kase) requireCase(ctx.identity, kase, ['SENDING', 'RECEIVING', 'HOUSING'], 'a relocation case');
    return kase;
  },

  relocationCases: (_parent, { filter, first, after }, ctx) => {
    const query = ctx.db.getRepository(RelocationCaseEntity).createQueryBuilder('kase');
    const municipality = caseworkerOf(ctx.identity);
    const organisation = lettingOfficerOf(ctx.identity);
    if (municipality) {
      const role = filter?.role;
      if (role === 'SENDING') query.where('kase.sending_municipality_code = :m', { m: municipality });
      else if (role === 'RECEIVING') query.where('kase.receiving_municipality_code = :m', { m: municipality });
      else
        query.where('(kase.sending_municipality_code = :m OR kase.receiving_municipality_code = :m)', {
          m: municipality,
        });
    } else if (organisation) {
      query.where('kase.receiving_organisation_id = :o', { o: organisation });
    } else {
      throw forbidden('relocation cases are for caseworkers and the receiving housing organisations');
    }
    if (filter?.states)
      query.andWhere('kase.state IN (:...states)', { states: filter.states.length ? filter.states : [''] });
    return paginate(query, { first, after }, newestFirst<RelocationCaseEntity>('kase'), 'DESC');
  },

  nominations: (_parent, { filter, first, after }, ctx) => {
    const query = ctx.db.getRepository(NominationEntity).createQueryBuilder('nomination');
    const municipality = caseworkerOf(ctx.identity);
    const organisation = lettingOfficerOf(ctx.identity);
    if (municipality) {
      query.where(
        'nomination.household_id IN (SELECT h.id FROM household h WHERE h.responsible_municipality_code = :m)',
        { m: municipality },
      );
    } else if (organisation) {
      query.where("nomination.nominated_by_organisation_type = 'HOUSING_ORGANISATION'");
      query.andWhere('nomination.nominated_by_organisation_id = :o', { o: organisation });
    } else {
      throw forbidden('nominations are for caseworkers and letting officers');
    }
    if (filter?.statuses) {
      query.andWhere('nomination.status IN (:...statuses)', {
        statuses: filter.statuses.length ? filter.statuses : [''],
      });
    }
    return paginate(query, { first, after }, newestFirst<NominationEntity>('nomination'), 'DESC');
  },

  offersOfMyVacancies: (_parent, { statuses, first, after }, ctx) => {
    const organisation = requireLettingOfficer(ctx.identity, "listing offers of an organisation's vacancies");
    const query = ctx.db
      .getRepository(OfferEntity)
      .createQueryBuilder('offer')
      .where('offer.housing_organisation_id = :o', { o: organisation });
    if (statuses) query.andWhere('offer.status IN (:...statuses)', { statuses: statuses.length ? statuses : [''] });
    return paginate(query, { first, after }, newestFirst<OfferEntity>('offer'), 'DESC');
  },

  inMoverApplications: (_parent, { statuses, first, after }, ctx) => {
    const municipality = requireCaseworker(ctx.identity, 'listing applications for municipal allocation');
    const query = ctx.db
      .getRepository(InMoverApplicationEntity)
      .createQueryBuilder('application')
      .where('application.municipality_code = :m', { m: municipality });
    if (statuses)
      query.andWhere('application.status IN (:...statuses)', { statuses: statuses.length ? statuses : [''] });
    return paginate(query, { first, after }, [
      { sql: 'application.requested_on', value: (a: InMoverApplicationEntity) => a.requestedOn },
      { sql: 'application.id', value: (a: InMoverApplicationEntity) => a.id },
    ]);
  },

  auditLog: (_parent, { filter, first, after }, ctx) => {
    if (!hasRole(ctx.identity, 'platform-admin') || ctx.identity.organisation.type !== 'PLATFORM') {
      throw forbidden('the audit log is for platform administrators');
    }
    const query = ctx.db.getRepository(AuditEntryEntity).createQueryBuilder('entry');
    if (filter?.householdId) query.andWhere('entry.household_id = :h', { h: filter.householdId });
    if (filter?.actions)
      query.andWhere('entry.action IN (:...actions)', { actions: filter.actions.length ? filter.actions : [''] });
    if (filter?.actorOrganisationId)
      query.andWhere('entry.actor_organisation_id = :o', { o: filter.actorOrganisationId });
    if (filter?.from) query.andWhere('entry.occurred_at >= :from', { from: filter.from });
    return paginate(
      query,
      { first, after },
      [{ sql: 'entry.id', value: (e: AuditEntryEntity) => Number(e.id) }],
      'DESC',
    );
  },
};
