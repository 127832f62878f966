// Who is calling: the person, their organisation and their roles, as every subgraph sees it.
import { z } from 'zod';

export const ORGANISATION_TYPES = ['MUNICIPALITY', 'HOUSING_ORGANISATION', 'EVALUATOR', 'PLATFORM'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ROLES = ['caseworker', 'finance-officer', 'letting-officer', 'evaluator', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role belongs to exactly one kind of organisation: a caseworker works for a municipality, and so on. */
export const ROLE_ORGANISATION_TYPE: Readonly<Record<Role, OrganisationType>> = {
  caseworker: 'MUNICIPALITY',
  'finance-officer': 'MUNICIPALITY',
  'letting-officer': 'HOUSING_ORGANISATION',
  evaluator: 'EVALUATOR',
  'platform-admin': 'PLATFORM',
};

export interface Organisation {
  type: OrganisationType;
  /** A municipality's id is its 3-digit municipality code (kommunekode); other organisations have the platform's id. */
  id: string;
}

export interface Identity {
  /** The person (the token's `sub`). */
  subject: string;
  organisation: Organisation;
  roles: readonly Role[];
}

const MUNICIPALITY_CODE = /^\d{3}$/;
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const organisationSchema = z
  .object({
    type: z.enum(ORGANISATION_TYPES),
    id: z.string().regex(ORGANISATION_ID, 'organisation id: 1-64 letters, digits or ._:-'),
  })
  .refine((org) => org.type !== 'MUNICIPALITY' || MUNICIPALITY_CODE.test(org.id), {
    message: 'a municipality is identified by its 3-digit municipality code',
    path: ['id'],
  });

export const identitySchema = z
  .object({
    subject: z.string().min(1).max(256),
    organisation: organisationSchema,
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  })
  .superRefine((identity, ctx) => {
    for (const role of identity.roles) {
      if (ROLE_ORGANISATION_TYPE[role] !== identity.organisation.type) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles'],
          message: `role ${role} belongs to a ${ROLE_ORGANISATION_TYPE[role]}, not a ${identity.organisation.type}`,
        });
      }
    }
  });

/** Parses `TYPE:id`, the way people write an organisation on the command line. */
export function parseOrganisation(text: string): Organisation {
  const separator = text.indexOf(':');
  const parsed = organisationSchema.safeParse({ type: text.slice(0, separator), id: text.slice(separator + 1) });
  if (separator < 1 || !parsed.success) {
    throw new Error(`organisation must be TYPE:id with TYPE one of ${ORGANISATION_TYPES.join(', ')} (got "${text}")`);
  }
  return parsed.data;
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

export function belongsTo(identity: Identity, type: OrganisationType, id: string): boolean {
  return identity.organisation.type === type && identity.organisation.id === id;
}
