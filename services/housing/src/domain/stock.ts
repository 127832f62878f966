// Rules for the housing stock: what a valid organisation, area, department and unit look like.
import { z } from 'zod';

export const UNIT_KINDS = ['FAMILY', 'YOUTH', 'SENIOR'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/**
 * A CVR number (the Danish company register's 8-digit number) passes the register's modulus-11 check:
 * the digits weighted 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of 11.
 */
export function isCvrNumber(value: string): boolean {
  if (!/^[1-9]\d{7}$/.test(value)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = [...value].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return sum % 11 === 0;
}

export const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit municipality code');

export const organisationInput = z.object({
  name: text(200),
  cvrNumber: z.string().refine(isCvrNumber, 'not a valid CVR number (8 digits, modulus 11)'),
  municipalityCode,
});

export const MAX_RESIDENTS = 100_000;

export const areaInput = z.object({
  name: text(200),
  municipalityCode,
  residentCount: z.number().int().min(0).max(MAX_RESIDENTS).nullish(),
});

export const areaUpdate = z.object({
  name: text(200).optional(),
  residentCount: z.number().int().min(0).max(MAX_RESIDENTS).nullish(),
});

export const departmentInput = z.object({
  areaId: z.guid('not an id'),
  number: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,20}$/, '1-20 letters, digits or dashes'),
  name: text(200),
});

export const departmentUpdate = z.object({ name: text(200).optional(), areaId: z.guid('not an id').optional() });

/** Monthly rent ceiling accepted (DKK 100,000): anything above is a typing error, not a social home. */
export const MAX_MONTHLY_RENT_ORE = 10_000_000;

const unitFields = {
  street: text(200),
  houseNumber: z
    .string()
    .trim()
    .regex(/^\d{1,4}[A-Za-z]?$/, 'a house number such as 12 or 12B'),
  floor: z
    .string()
    .trim()
    .regex(/^(kl|st|\d{1,2})$/, "'kl', 'st' or a floor number")
    .nullish(),
  door: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-zæøåÆØÅ.-]{1,10}$/, "a door such as 'tv', 'th', 'mf' or a number")
    .nullish(),
  postalCode: z.string().regex(/^[1-9]\d{3}$/, 'a 4-digit postal code'),
  city: text(100),
  rooms: z.number().int().min(1, 'at least 1 room').max(20, 'at most 20 rooms'),
  floorAreaM2: z.number().int().min(10, 'at least 10 m²').max(1000, 'at most 1000 m²'),
  monthlyRentOre: z.number().int().min(1, 'a positive amount in øre').max(MAX_MONTHLY_RENT_ORE, 'above DKK 100,000'),
  kind: z.enum(UNIT_KINDS),
  stepFreeAccess: z.boolean(),
  elevator: z.boolean(),
};

export const unitInput = z.object(unitFields);
export const unitUpdate = z.object(unitFields).partial();

export const MAX_UNITS_PER_REQUEST = 500;

export interface AddressParts {
  street: string;
  houseNumber: string;
  floor: string;
  door: string;
  postalCode: string;
  city: string;
}

/** The address as Danes write it: `Bispehavevej 12, 2. tv, 8210 Aarhus V`. */
export function formatAddress(address: AddressParts): string {
  const floorDoor = [address.floor && (/^\d+$/.test(address.floor) ? `${address.floor}.` : address.floor), address.door]
    .filter(Boolean)
    .join(' ');
  const first = `${address.street} ${address.houseNumber}`;
  return `${floorDoor ? `${first}, ${floorDoor}` : first}, ${address.postalCode} ${address.city}`;
}
