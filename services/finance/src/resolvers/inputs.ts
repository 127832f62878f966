// Arguments as the edge accepts them: checked with zod before anything is read or written.
import { z } from 'zod';
import { isDate } from '../domain/dates';
import { PARTY_KINDS } from '../domain/parties';
import { BILLINGS, PAYER_ROLES } from '../domain/agreements';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().refine(isDate, 'a calendar date, YYYY-MM-DD');
const ore = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const positiveOre = ore.refine((n) => n > 0, 'more than 0 øre');
const key = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, '8-100 letters, digits or ._:-')
  .nullish();
const id = z.uuid('an id');

export const partyInput = z.object({ kind: z.enum(PARTY_KINDS), id: text(64) });

const grantPolicy = z.object({
  maxGrantOre: ore,
  budgetOre: ore.nullish().transform((v) => v ?? null),
  payers: z
    .array(
      z.object({
        role: z.enum(PAYER_ROLES),
        party: partyInput.nullish().transform((v) => v ?? null),
        basisPoints: z.number().int(),
      }),
    )
    .max(10),
});

const compensationPolicy = z
  .object({
    baseYearlyOre: ore,
    perAdultOutsideLabourMarketYearlyOre: ore,
    perChildYearlyOre: ore,
    taperBasisPoints: z.array(z.number().int()).min(1).max(10),
    billing: z.enum(BILLINGS),
    claimDeadlineDays: z.number().int(),
    departmentCompensationOre: ore,
  })
  .nullish()
  .transform((v) => v ?? null);

export const createAgreementInput = z.object({
  name: text(200),
  parties: z.array(partyInput).min(2).max(120),
  validFrom: day,
  validTo: day.nullish().transform((v) => v ?? null),
  grantPolicy,
  compensationPolicy,
  idempotencyKey: key.transform((v) => v ?? null),
});

export const amendAgreementInput = z.object({
  agreementId: id,
  effectiveFrom: day,
  grantPolicy,
  compensationPolicy,
  note: text(2000)
    .nullish()
    .transform((v) => v ?? null),
});

export const applyForGrantInput = z.object({
  caseId: id,
  agreementId: id,
  receivingMunicipalityCode: z.string().regex(/^\d{3}$/, 'a 3-digit municipality code'),
  receivingHousingOrganisationId: text(64)
    .nullish()
    .transform((v) => v ?? null),
  requestedOre: positiveOre,
  purpose: text(2000),
  idempotencyKey: key.transform((v) => v ?? null),
});

export const recordPaymentInput = z.object({
  grantId: id,
  amountOre: positiveOre,
  paidOn: day,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, '8-100 letters, digits or ._:-'),
});

export const reasonInput = text(2000);
export const idInput = id;

export const assumptionsInput = z.object({
  employmentEffectBasisPoints: z.number().int().min(0).max(10_000),
  yearlySavingPerAdultInWorkOre: ore,
  receptionCostOre: ore.nullish().transform((v) => v ?? 0),
  discountRateBasisPoints: z.number().int().min(0).max(5_000),
  horizonYears: z.number().int().min(1).max(30),
});
