import {
  type Identity,
  ORGANISATION_TYPES,
  ROLES,
  ROLE_ORGANISATION_TYPE,
  belongsTo,
  hasRole,
  identitySchema,
  organisationSchema,
  parseOrganisation,
} from '../src';

const caseworker: Identity = {
  subject: 'anna@aarhus.dk',
  organisation: { type: 'MUNICIPALITY', id: '751' },
  roles: ['caseworker'],
};

/** An organisation id of the right shape for each organisation type. */
const ID_FOR: Record<(typeof ORGANISATION_TYPES)[number], string> = {
  MUNICIPALITY: '101',
  HOUSING_ORGANISATION: 'kab',
  EVALUATOR: 'vive',
  PLATFORM: 'second-chance',
};

function issuesOf(value: unknown) {
  const result = identitySchema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe('identitySchema: roles and organisations', () => {
  test.each(ROLES.map((role) => [role, ROLE_ORGANISATION_TYPE[role]] as const))(
    'accepts the role %s in a %s',
    (role, type) => {
      const who = { subject: 'someone', organisation: { type, id: ID_FOR[type] }, roles: [role] };
      expect(identitySchema.parse(who)).toEqual(who);
    },
  );

  test('accepts several roles of the same kind of organisation', () => {
    const who = { ...caseworker, roles: ['caseworker', 'finance-officer'] };
    expect(identitySchema.parse(who).roles).toEqual(['caseworker', 'finance-officer']);
  });

  test.each(
    ROLES.flatMap((role) =>
      ORGANISATION_TYPES.filter((type) => type !== ROLE_ORGANISATION_TYPE[role]).map((type) => [role, type] as const),
    ),
  )('refuses the role %s in a %s', (role, type) => {
    const issues = issuesOf({ subject: 'someone', organisation: { type, id: ID_FOR[type] }, roles: [role] });
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['roles'],
        message: `role ${role} belongs to a ${ROLE_ORGANISATION_TYPE[role]}, not a ${type}`,
      }),
    ]);
  });

  test('refuses a mix of roles when one of them belongs elsewhere, naming that one', () => {
    const issues = issuesOf({ ...caseworker, roles: ['caseworker', 'letting-officer'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['roles'], message: expect.stringContaining('letting-officer') });
  });

  test('every role belongs to a known organisation type', () => {
    for (const role of ROLES) expect(ORGANISATION_TYPES).toContain(ROLE_ORGANISATION_TYPE[role]);
  });

  test('refuses an identity without roles', () => {
    expect(identitySchema.safeParse({ ...caseworker, roles: [] }).success).toBe(false);
  });

  test('refuses an unknown role', () => {
    expect(identitySchema.safeParse({ ...caseworker, roles: ['mayor'] }).success).toBe(false);
  });

  test('refuses an unknown organisation type', () => {
    const who = { ...caseworker, organisation: { type: 'REGION', id: '1084' } };
    expect(identitySchema.safeParse(who).success).toBe(false);
  });

  test('refuses an empty or overlong subject and accepts one of 256 characters', () => {
    expect(identitySchema.safeParse({ ...caseworker, subject: '' }).success).toBe(false);
    expect(identitySchema.safeParse({ ...caseworker, subject: 'x'.repeat(257) }).success).toBe(false);
    expect(identitySchema.safeParse({ ...caseworker, subject: 'x'.repeat(256) }).success).toBe(true);
  });

  test('refuses a missing organisation', () => {
    expect(identitySchema.safeParse({ subject: 'someone', roles: ['caseworker'] }).success).toBe(false);
  });
});

describe('organisation ids', () => {
  test.each(['101', '751', '851', '000'])('a municipality may have the 3-digit code %s', (id) => {
    expect(organisationSchema.parse({ type: 'MUNICIPALITY', id })).toEqual({ type: 'MUNICIPALITY', id });
  });

  test.each(['10', '1010', 'abc', '10a', ' 101', '101 ', '+101', '1.1'])(
    'a municipality may not have the id %j',
    (id) => {
      const result = organisationSchema.safeParse({ type: 'MUNICIPALITY', id });
      expect(result.success).toBe(false);
    },
  );

  test('a municipality with a malformed code is refused on the id, with a clear message', () => {
    const result = organisationSchema.safeParse({ type: 'MUNICIPALITY', id: '1010' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['id'],
        message: 'a municipality is identified by its 3-digit municipality code',
      }),
    ]);
  });

  test('an identity whose municipality id is not 3 digits is refused even when the roles fit', () => {
    const issues = issuesOf({ ...caseworker, organisation: { type: 'MUNICIPALITY', id: '7510' } });
    expect(issues).toEqual([expect.objectContaining({ path: ['organisation', 'id'] })]);
  });

  test.each([
    ['HOUSING_ORGANISATION', 'kab'],
    ['HOUSING_ORGANISATION', 'boligselskab-42'],
    ['HOUSING_ORGANISATION', '1234'],
    ['EVALUATOR', 'vive:team.1'],
    ['PLATFORM', 'P'],
    ['PLATFORM', 'a'.repeat(64)],
  ] as const)('a %s may have the id %j', (type, id) => {
    expect(organisationSchema.parse({ type, id })).toEqual({ type, id });
  });

  test.each(['', '-kab', '.kab', 'kab boligselskab', 'kab/1', 'a'.repeat(65), 'æblehaven'])(
    'no organisation may have the id %j',
    (id) => {
      expect(organisationSchema.safeParse({ type: 'HOUSING_ORGANISATION', id }).success).toBe(false);
    },
  );
});

describe('parseOrganisation', () => {
  test.each([
    ['MUNICIPALITY:101', { type: 'MUNICIPALITY', id: '101' }],
    ['HOUSING_ORGANISATION:kab', { type: 'HOUSING_ORGANISATION', id: 'kab' }],
    ['EVALUATOR:vive', { type: 'EVALUATOR', id: 'vive' }],
    ['PLATFORM:second-chance', { type: 'PLATFORM', id: 'second-chance' }],
    // Only the first colon separates: ids may contain colons themselves.
    ['EVALUATOR:vive:team-2', { type: 'EVALUATOR', id: 'vive:team-2' }],
  ])('parses %j', (text, expected) => {
    expect(parseOrganisation(text)).toEqual(expected);
  });

  test.each([
    '',
    'MUNICIPALITY',
    // Without a colon, slicing would read type 'PLATFORM' and id 'PLATFORMX': it must still be refused.
    'PLATFORMX',
    ':101',
    'MUNICIPALITY:',
    'MUNICIPALITY:1010',
    'MUNICIPALITY:abc',
    'municipality:101',
    'REGION:1084',
    'HOUSING_ORGANISATION:kab boligselskab',
    ' MUNICIPALITY:101',
  ])('refuses %j, naming the input and the accepted types', (text) => {
    expect(() => parseOrganisation(text)).toThrow(
      `organisation must be TYPE:id with TYPE one of ${ORGANISATION_TYPES.join(', ')} (got "${text}")`,
    );
  });
});

describe('hasRole and belongsTo', () => {
  const financeAndCase: Identity = { ...caseworker, roles: ['caseworker', 'finance-officer'] };

  test('hasRole is true when the identity has any of the roles', () => {
    expect(hasRole(financeAndCase, 'finance-officer')).toBe(true);
    expect(hasRole(financeAndCase, 'evaluator', 'caseworker')).toBe(true);
    expect(hasRole(financeAndCase, 'letting-officer', 'platform-admin')).toBe(false);
    expect(hasRole(financeAndCase)).toBe(false);
  });

  test('belongsTo compares both the organisation type and id', () => {
    expect(belongsTo(caseworker, 'MUNICIPALITY', '751')).toBe(true);
    expect(belongsTo(caseworker, 'MUNICIPALITY', '101')).toBe(false);
    expect(belongsTo(caseworker, 'HOUSING_ORGANISATION', '751')).toBe(false);
  });
});
