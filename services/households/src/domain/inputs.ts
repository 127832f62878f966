// What valid input looks like (checked at the edge, before anything is read or written).
import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, STRATEGY_PARTIES } from './strategy';
import { CONSENT_PURPOSES, LAWFUL_BASES } from './consent';
import { CRIMINAL_RECORD_KINDS, FACT_KINDS, validFactValue } from './facts';
import { parseCpr } from './cpr';
import { DECLINE_REASONS, MAX_RESPONSE_DAYS } from './offers';
import { NOMINATION_REASONS } from './nominations';

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit municipality code');
/** Dates arrive as checked calendar dates (the Date scalar); these add the ranges that make sense. */
const date = z.string();

export const factInput = z
  .object({
    kind: z.enum(FACT_KINDS),
    value: z.string().trim().max(60).nullish(),
    startedOn: date,
    endedOn: date.nullish(),
  })
  .superRefine((fact, ctx) => {
    const valid = validFactValue(fact.kind, fact.value);
    if (valid !== true) ctx.addIssue({ code: 'custom', path: ['value'], message: valid });
    if (fact.endedOn && fact.endedOn < fact.startedOn) {
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'before the fact started' });
    }
  });

export function memberInput(today: string) {
  return z
    .object({
      name: text(200),
      cpr: z.string().nullish(),
      birthDate: date.refine((d) => d <= today, 'in the future'),
      facts: z.array(factInput).max(50).nullish(),
    })
    .transform((member, ctx) => {
      let cpr: { digits: string; birthDate: string } | null = null;
      if (member.cpr) {
        const parsed = parseCpr(member.cpr);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', path: ['cpr'], message: parsed });
          return z.NEVER;
        }
        if (parsed.birthDate !== member.birthDate) {
          ctx.addIssue({ code: 'custom', path: ['cpr'], message: `the CPR number says born ${parsed.birthDate}` });
          return z.NEVER;
        }
        cpr = parsed;
      }
      for (const [i, fact] of (member.facts ?? []).entries()) {
        if (fact.startedOn < member.birthDate) {
          ctx.addIssue({ code: 'custom', path: ['facts', i, 'startedOn'], message: 'before the member was born' });
        }
      }
      return { name: member.name, cpr, birthDate: member.birthDate, facts: member.facts ?? [] };
    });
}

export const needsInput = z.object({
  minRooms: z.number().int().min(1).max(10).nullish(),
  stepFreeAccess: z.boolean(),
  maxMonthlyRentOre: z.number().int().min(1).max(10_000_000, 'above DKK 100,000').nullish(),
  acceptableMunicipalityCodes: z.array(municipalityCode).max(98),
});

export const homeInput = z
  .object({ unitId: z.guid('not an id').nullish(), address: text(300).nullish() })
  .refine((home) => !(home.unitId && home.address), 'a unit or an address, not both');

export const consentInput = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  lawfulBasis: z.enum(LAWFUL_BASES),
  givenOn: date,
});

export const criminalRecordInput = z.object({ kind: z.enum(CRIMINAL_RECORD_KINDS), releasedOn: date });

export const nominationInput = z.object({
  householdId: z.string(),
  reasonCategory: z.enum(NOMINATION_REASONS),
  reasonText: text(2000),
});

export const makeOfferInput = z.object({
  caseId: z.string(),
  vacancyId: z.string(),
  responseDays: z
    .number()
    .int()
    .min(1, 'at least 1 day')
    .max(MAX_RESPONSE_DAYS, `at most ${MAX_RESPONSE_DAYS} days`)
    .nullish(),
  note: text(2000).nullish(),
});

export const declineInput = z.object({ reason: z.enum(DECLINE_REASONS), note: text(2000).nullish() });

export const reasonInput = text(2000);

export const contactInput = z.object({
  name: text(200),
  email: z.email('not an e-mail address').max(200).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d ]{6,20}$/, 'a phone number')
    .nullish(),
});

export const activityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  description: text(2000),
  ownerParty: z.enum(STRATEGY_PARTIES),
  dueOn: date,
});

export const activityUpdateInput = z.object({ status: z.enum(ACTIVITY_STATUSES), outcome: text(2000).nullish() });

export const applicationInput = z.object({
  minRooms: z.number().int().min(1).max(10),
  stepFreeAccess: z.boolean(),
  maxMonthlyRentOre: z.number().int().min(1).max(10_000_000, 'above DKK 100,000'),
  acceptableMunicipalityCodes: z.array(municipalityCode).max(98),
});

/** The reason for a restriction, its lifting or an erasure: kept in the audit log (see `reasonProblem`). */
export const rightsReasonInput = z
  .string()
  .trim()
  .min(3, 'say why, in 3 to 500 characters')
  .max(500, 'at most 500 characters');

/** A client's key for a retried request: printable, without spaces. */
export const idempotencyKeyInput = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8 to 200 printable characters without spaces');
