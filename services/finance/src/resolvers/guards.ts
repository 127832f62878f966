// The authorization questions the finance subgraph's resolvers ask, answered with FORBIDDEN when no.
import type { Identity } from '@second-chance/identity';
import { forbidden } from '@second-chance/service-kit';
import { financeOfficerOf, isPlatformAdmin, mayReadBooks, municipalStaffOf, speaksFor } from '../domain/access';

export function requireBooks(identity: Identity, what: string): void {
  if (!mayReadBooks(identity))
    throw forbidden(`${what} are for finance officers, letting officers and platform administrators`);
}

export function requireFinance(identity: Identity, what: string): void {
  if (!financeOfficerOf(identity) && !isPlatformAdmin(identity)) {
    throw forbidden(`${what} are for finance officers and platform administrators`);
  }
}

/** The caller speaks for the party: its own organisation's statements (or a platform administrator). */
export function requireParty(identity: Identity, party: string, what: string): void {
  if (!mayReadBooks(identity) || !speaksFor(identity, party)) throw forbidden(`${what} is for the party itself`);
}

/** Grants: municipal staff (their own cases, by row-level security), letting officers (as payers), admins. */
export function requireGrantReader(identity: Identity): void {
  if (!municipalStaffOf(identity) && !mayReadBooks(identity)) {
    throw forbidden(
      'grants are for caseworkers, finance officers, letting officers of a payer and platform administrators',
    );
  }
}
