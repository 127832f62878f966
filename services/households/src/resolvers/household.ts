// A household's fields, each as far as the caller may see it, every personal one logged before it leaves.
import { forbidden, todayInDenmark } from '@second-chance/service-kit';
import type {
  CriminalRecordFactResolvers,
  HouseholdResolvers,
  MemberResolvers,
} from '../__generated__/resolvers-types';
import type { HouseholdsContext } from '../context';
import { atLeast } from '../domain/access';
import { formatCpr, isAdultOn, maskCpr } from '../domain/cpr';
import { factsOn, type LabourMarketStatus } from '../domain/facts';
import type { MemberEntity } from '../entities';
import { accessTo, requireAccess } from './guards';

async function currentMembers(ctx: HouseholdsContext, householdId: string): Promise<MemberEntity[]> {
  const today = todayInDenmark();
  return (await ctx.loaders.membersByHousehold.load(householdId)).filter((m) => !m.leftOn || m.leftOn > today);
}

export const Household: HouseholdResolvers = {
  __resolveReference: async (ref, ctx) => {
    const household = await ctx.loaders.household.load(ref.id);
    if (household) await requireAccess(ctx, household.id, 'LETTING', 'a household');
    return household;
  },
  size: async (household, _args, ctx) => (await currentMembers(ctx, household.id)).length,
  adults: async (household, _args, ctx) => {
    const today = todayInDenmark();
    return (await currentMembers(ctx, household.id)).filter((m) => isAdultOn(m.birthDate, today)).length;
  },
  children: async (household, _args, ctx) => {
    const today = todayInDenmark();
    return (await currentMembers(ctx, household.id)).filter((m) => !isAdultOn(m.birthDate, today)).length;
  },
  needs: (household) => ({
    minRooms: household.minRooms,
    stepFreeAccess: household.needsStepFreeAccess,
    maxMonthlyRentOre: household.maxMonthlyRentOre,
    acceptableMunicipalityCodes: household.acceptableMunicipalityCodes,
  }),
  members: async (household, _args, ctx) => {
    const access = await requireAccess(ctx, household.id, 'RECEIVING', "a household's members");
    const members =
      access === 'RESPONSIBLE'
        ? await ctx.loaders.membersByHousehold.load(household.id)
        : await currentMembers(ctx, household.id);
    return members;
  },
  home: async (household, _args, ctx, info) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's home");
    if (!household.homeUnitId) return null;
    await ctx.audit.record(info, household.id, 'household.home');
    return { __typename: 'Unit', id: household.homeUnitId };
  },
  homeAddress: async (household, _args, ctx, info) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's address");
    if (!household.homeAddressCiphertext) return null;
    await ctx.audit.record(info, household.id, 'household.homeAddress');
    return ctx.services.cipher.decrypt(household.homeAddressCiphertext);
  },
  consents: async (household, _args, ctx) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's consents");
    return ctx.loaders.consentsByHousehold.load(household.id);
  },
  nominations: async (household, _args, ctx) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's nominations");
    return ctx.loaders.nominationsByHousehold.load(household.id);
  },
  cases: async (household, _args, ctx) => {
    const access = await requireAccess(ctx, household.id, 'RECEIVING', "a household's cases");
    const cases = await ctx.loaders.casesByHousehold.load(household.id);
    // The receiving municipality sees the case it receives, not the household's others.
    return access === 'RESPONSIBLE'
      ? cases
      : cases.filter((c) => c.receivingMunicipalityCode === ctx.identity.organisation.id);
  },
  inMoverApplications: async (household, _args, ctx) => {
    await requireAccess(ctx, household.id, 'RESPONSIBLE', "a household's applications");
    return ctx.loaders.applicationsByHousehold.load(household.id);
  },
};

export const Member: MemberResolvers = {
  name: async (member, _args, ctx, info) => {
    await requireAccess(ctx, member.householdId, 'RECEIVING', "a member's name");
    await ctx.audit.record(info, member.householdId, 'member.name');
    return member.name;
  },
  birthDate: async (member, _args, ctx, info) => {
    await requireAccess(ctx, member.householdId, 'RECEIVING', "a member's birth date");
    await ctx.audit.record(info, member.householdId, 'member.birthDate');
    return member.birthDate;
  },
  isAdult: (member) => isAdultOn(member.birthDate, todayInDenmark()),
  cpr: async (member, { reveal }, ctx, info) => {
    const access = await accessTo(ctx, member.householdId);
    if (!atLeast(access, 'RESPONSIBLE')) {
      throw forbidden("CPR numbers are shown only to caseworkers of the household's municipality");
    }
    if (!member.cprCiphertext) return null;
    const digits = ctx.services.cipher.decrypt(member.cprCiphertext);
    await ctx.audit.record(info, member.householdId, reveal ? 'member.cpr(revealed)' : 'member.cpr(masked)');
    return reveal ? formatCpr(digits) : maskCpr(digits);
  },
  labourMarketStatus: async (member, _args, ctx, info) => {
    await requireAccess(ctx, member.householdId, 'RECEIVING', "a member's labour-market status");
    // Logged in the same batch as the member's other fields, while the facts load.
    const [all] = await Promise.all([
      ctx.loaders.factsByMember.load(member.id),
      ctx.audit.record(info, member.householdId, 'member.labourMarketStatus'),
    ]);
    const facts = factsOn(all, todayInDenmark());
    return (facts.find((f) => f.kind === 'LABOUR_MARKET_STATUS')?.value as LabourMarketStatus | undefined) ?? null;
  },
  facts: async (member, _args, ctx, info) => {
    await requireAccess(ctx, member.householdId, 'RESPONSIBLE', "a member's facts");
    await ctx.audit.record(info, member.householdId, 'member.facts');
    return ctx.loaders.factsByMember.load(member.id);
  },
  criminalRecordFacts: async (member, _args, ctx, info) => {
    await requireAccess(ctx, member.householdId, 'RESPONSIBLE', 'criminal-record facts');
    await ctx.audit.record(info, member.householdId, 'member.criminalRecordFacts');
    return ctx.loaders.criminalRecordFactsByMember.load(member.id);
  },
};

export const CriminalRecordFact: CriminalRecordFactResolvers = {
  releasedOn: (fact, _args, ctx) => ctx.services.cipher.decrypt(fact.releasedOnCiphertext),
};
