// Parties to agreements and settlements, written as keys: `MUNICIPALITY:101`, `HOUSING_ORGANISATION:<id>`.
// Row-level security compares these keys with the caller's, so they are the one spelling everywhere.

export const PARTY_KINDS = ['MUNICIPALITY', 'HOUSING_ORGANISATION'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Party {
  kind: PartyKind;
  id: string;
}

const MUNICIPALITY_CODE = /^\d{3}$/;
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function partyKey(party: Party): string {
  return `${party.kind}:${party.id}`;
}

export function municipalityKey(code: string): string {
  return `MUNICIPALITY:${code}`;
}

export function housingOrganisationKey(id: string): string {
  return `HOUSING_ORGANISATION:${id}`;
}

export function parsePartyKey(key: string): Party {
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const id = key.slice(separator + 1);
  if (kind === 'MUNICIPALITY' || kind === 'HOUSING_ORGANISATION') return { kind, id };
  throw new Error(`not a party key: ${key}`);
}

/** Problems with a party as given (empty: fine). */
export function partyProblems(party: Party): string[] {
  if (party.kind === 'MUNICIPALITY' && !MUNICIPALITY_CODE.test(party.id)) {
    return ['a municipality is identified by its 3-digit municipality code'];
  }
  if (party.kind === 'HOUSING_ORGANISATION' && !ORGANISATION_ID.test(party.id)) {
    return ['a housing organisation id is 1-64 letters, digits or ._:-'];
  }
  return [];
}
