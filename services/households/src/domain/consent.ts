// Consent and lawful basis are data: without one in force for the purpose, nothing goes forward.

/** RELOCATION: Second Chance (a new home elsewhere); MUNICIPAL_ALLOCATION: in-mover steering (§ 59). */
export const CONSENT_PURPOSES = ['RELOCATION', 'MUNICIPAL_ALLOCATION'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The GDPR article 6 basis: the household's consent, or a task the municipality carries out by law. */
export const LAWFUL_BASES = ['CONSENT', 'LEGAL_OBLIGATION', 'PUBLIC_TASK'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

export interface ConsentRecord {
  purpose: ConsentPurpose;
  givenOn: string;
  withdrawnOn: string | null;
}

export function inForce(consent: ConsentRecord, purpose: ConsentPurpose, date: string): boolean {
  return consent.purpose === purpose && consent.givenOn <= date && (!consent.withdrawnOn || consent.withdrawnOn > date);
}

export function hasValidConsent(consents: readonly ConsentRecord[], purpose: ConsentPurpose, date: string): boolean {
  return consents.some((consent) => inForce(consent, purpose, date));
}
