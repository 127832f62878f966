// The authorization questions the households subgraph's resolvers ask, answered with FORBIDDEN when no.
import type { Identity } from '@second-chance/identity';
import { forbidden } from '@second-chance/service-kit';
import type { HouseholdsContext } from '../context';
import {
  type CaseAccess,
  type HouseholdAccess,
  atLeast,
  caseAccess,
  caseworkerOf,
  householdAccess,
  lettingOfficerOf,
} from '../domain/access';
import type { HouseholdEntity, RelocationCaseEntity } from '../entities';

export async function accessTo(ctx: HouseholdsContext, householdId: string): Promise<HouseholdAccess> {
  const relations = await ctx.loaders.householdRelations.load(householdId);
  return relations ? householdAccess(ctx.identity, relations) : 'NONE';
}

const WHO: Readonly<Record<HouseholdAccess, string>> = {
  RESPONSIBLE: "caseworkers of the household's municipality",
  RECEIVING: 'caseworkers of the municipality that receives the household',
  LETTING: 'letting officers of an organisation that offered the household a home or nominated it',
  NONE: 'no one',
};

/** The caller's access to the household, refused below `needed`. */
export async function requireAccess(
  ctx: HouseholdsContext,
  householdId: string,
  needed: HouseholdAccess,
  what: string,
): Promise<HouseholdAccess> {
  const access = await accessTo(ctx, householdId);
  if (!atLeast(access, needed)) throw forbidden(`${what} is for ${WHO[needed]}`);
  return access;
}

/** A caseworker, and the municipality they work for. */
export function requireCaseworker(identity: Identity, action: string): string {
  const municipality = caseworkerOf(identity);
  if (!municipality) throw forbidden(`${action} is for caseworkers`);
  return municipality;
}

export function requireLettingOfficer(identity: Identity, action: string): string {
  const organisation = lettingOfficerOf(identity);
  if (!organisation) throw forbidden(`${action} is for letting officers`);
  return organisation;
}

/** A caseworker of the municipality responsible for the household. */
export function requireResponsible(identity: Identity, household: HouseholdEntity, action: string): void {
  if (caseworkerOf(identity) !== household.responsibleMunicipalityCode) {
    throw forbidden(`${action} is for caseworkers of the household's municipality`);
  }
}

export function requireCase(
  identity: Identity,
  kase: RelocationCaseEntity,
  allowed: readonly CaseAccess[],
  action: string,
): CaseAccess {
  const access = caseAccess(identity, kase);
  if (!allowed.includes(access)) {
    const parties = allowed.map(
      (a) =>
        ({
          SENDING: 'the sending municipality',
          RECEIVING: 'the receiving municipality',
          HOUSING: 'the receiving housing organisation',
          NONE: '',
        })[a],
    );
    throw forbidden(`${action} is for ${parties.join(' or ')}`);
  }
  return access;
}
