// Input validation at the edge: members (CPR against birth date), facts, needs and contacts.
import type { z } from 'zod';
import {
  activityUpdateInput,
  contactInput,
  factInput,
  homeInput,
  makeOfferInput,
  memberInput,
  needsInput,
} from '../../src/domain/inputs';

const TODAY = '2026-06-01';

/** The issues of a failed parse as { path, message }, or the parsed data when it succeeded. */
function issues(result: z.ZodSafeParseResult<unknown>): { path: PropertyKey[]; message: string }[] {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

function data<T>(result: z.ZodSafeParseResult<T>): T {
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

describe('memberInput', () => {
  const member = memberInput(TODAY);

  test('a valid CPR number matching the birth date yields its digits and birth date', () => {
    expect(data(member.safeParse({ name: 'Amira', cpr: '010190-1234', birthDate: '1990-01-01' }))).toEqual({
      name: 'Amira',
      cpr: { digits: '0101901234', birthDate: '1990-01-01' },
      birthDate: '1990-01-01',
      facts: [],
    });
  });

  test('the CPR number may come without the dash or with spaces around it', () => {
    expect(data(member.safeParse({ name: 'A', cpr: '0101901234', birthDate: '1990-01-01' })).cpr).toEqual({
      digits: '0101901234',
      birthDate: '1990-01-01',
    });
    expect(data(member.safeParse({ name: 'A', cpr: ' 290200-4123 ', birthDate: '2000-02-29' })).cpr).toEqual({
      digits: '2902004123',
      birthDate: '2000-02-29',
    });
  });

  test('a CPR number whose date differs from the birth date is refused on the cpr path', () => {
    expect(issues(member.safeParse({ name: 'Amira', cpr: '010190-1234', birthDate: '1990-01-02' }))).toEqual([
      { path: ['cpr'], message: 'the CPR number says born 1990-01-01' },
    ]);
  });

  test('the century counts: 010100-4123 is 2000, not 1900', () => {
    expect(issues(member.safeParse({ name: 'A', cpr: '010100-4123', birthDate: '1900-01-01' }))).toEqual([
      { path: ['cpr'], message: 'the CPR number says born 2000-01-01' },
    ]);
    expect(data(member.safeParse({ name: 'A', cpr: '010100-4123', birthDate: '2000-01-01' })).cpr?.birthDate).toBe(
      '2000-01-01',
    );
  });

  test('a malformed CPR number or an impossible date is refused on the cpr path', () => {
    expect(issues(member.safeParse({ name: 'A', cpr: '01019-1234', birthDate: '1990-01-01' }))).toEqual([
      { path: ['cpr'], message: 'a CPR number is ten digits, DDMMYY-SSSS' },
    ]);
    expect(issues(member.safeParse({ name: 'A', cpr: '300290-1234', birthDate: '1990-02-28' }))).toEqual([
      { path: ['cpr'], message: 'the CPR number does not hold a real birth date' },
    ]);
  });

  test('no CPR number (absent, null or empty) is fine', () => {
    for (const cpr of [undefined, null, '']) {
      expect(data(member.safeParse({ name: 'A', cpr, birthDate: '1990-01-01' })).cpr).toBeNull();
    }
  });

  test('a birth date in the future is refused; today is fine', () => {
    expect(issues(member.safeParse({ name: 'Baby', birthDate: '2026-06-02' }))).toEqual([
      { path: ['birthDate'], message: 'in the future' },
    ]);
    expect(data(member.safeParse({ name: 'Baby', birthDate: TODAY })).birthDate).toBe(TODAY);
  });

  test('today is a parameter: the same date is in the future for an earlier today', () => {
    expect(memberInput('2026-06-01').safeParse({ name: 'A', birthDate: '2026-06-01' }).success).toBe(true);
    expect(memberInput('2026-05-31').safeParse({ name: 'A', birthDate: '2026-06-01' }).success).toBe(false);
  });

  test('facts before birth are refused, each on its own path', () => {
    const result = member.safeParse({
      name: 'A',
      birthDate: '2000-05-10',
      facts: [
        { kind: 'CITIZENSHIP', value: 'DANISH', startedOn: '2000-05-10' },
        { kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '2000-05-09' },
        { kind: 'OPEN_MUNICIPAL_CASE', startedOn: '1999-01-01' },
      ],
    });
    expect(issues(result)).toEqual([
      { path: ['facts', 1, 'startedOn'], message: 'before the member was born' },
      { path: ['facts', 2, 'startedOn'], message: 'before the member was born' },
    ]);
  });

  test('facts from the birth date on are kept', () => {
    const facts = [
      { kind: 'CITIZENSHIP', value: 'DANISH', startedOn: '2000-05-10', endedOn: null },
      { kind: 'LABOUR_MARKET_STATUS', value: 'IN_EDUCATION', startedOn: '2019-08-01', endedOn: '2024-06-30' },
    ];
    expect(data(member.safeParse({ name: 'A', birthDate: '2000-05-10', facts })).facts).toEqual(facts);
  });

  test('an invalid fact is refused on its own path', () => {
    expect(
      issues(
        member.safeParse({
          name: 'A',
          birthDate: '2000-05-10',
          facts: [{ kind: 'LABOUR_MARKET_STATUS', startedOn: '2020-01-01' }],
        }),
      ),
    ).toEqual([{ path: ['facts', 0, 'value'], message: 'a labour-market status' }]);
  });

  test('at most 50 facts', () => {
    const fact = { kind: 'OPEN_MUNICIPAL_CASE', startedOn: '2020-01-01' };
    expect(member.safeParse({ name: 'A', birthDate: '2000-01-01', facts: Array(50).fill(fact) }).success).toBe(true);
    expect(
      issues(member.safeParse({ name: 'A', birthDate: '2000-01-01', facts: Array(51).fill(fact) }))[0]?.path,
    ).toEqual(['facts']);
  });

  test('the name is trimmed, must not be empty and has at most 200 characters', () => {
    expect(data(member.safeParse({ name: '  Amira  ', birthDate: '1990-01-01' })).name).toBe('Amira');
    expect(issues(member.safeParse({ name: '   ', birthDate: '1990-01-01' }))).toEqual([
      { path: ['name'], message: 'must not be empty' },
    ]);
    expect(member.safeParse({ name: 'x'.repeat(200), birthDate: '1990-01-01' }).success).toBe(true);
    expect(issues(member.safeParse({ name: 'x'.repeat(201), birthDate: '1990-01-01' }))).toEqual([
      { path: ['name'], message: 'at most 200 characters' },
    ]);
  });
});

describe('factInput', () => {
  test('a LABOUR_MARKET_STATUS needs a valid status', () => {
    expect(issues(factInput.safeParse({ kind: 'LABOUR_MARKET_STATUS', startedOn: '2020-01-01' }))).toEqual([
      { path: ['value'], message: 'a labour-market status' },
    ]);
    expect(
      issues(factInput.safeParse({ kind: 'LABOUR_MARKET_STATUS', value: 'RICH', startedOn: '2020-01-01' })),
    ).toEqual([{ path: ['value'], message: 'a labour-market status' }]);
    expect(
      factInput.safeParse({ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2020-01-01' }).success,
    ).toBe(true);
  });

  test('the value is trimmed before it is checked', () => {
    expect(
      data(factInput.safeParse({ kind: 'LABOUR_MARKET_STATUS', value: ' EMPLOYED ', startedOn: '2020-01-01' })).value,
    ).toBe('EMPLOYED');
  });

  test('CITIZENSHIP needs one of the three values; the other kinds hold none', () => {
    expect(issues(factInput.safeParse({ kind: 'CITIZENSHIP', value: 'SWEDISH', startedOn: '2020-01-01' }))).toEqual([
      { path: ['value'], message: 'DANISH, EU_EEA_SWISS or OTHER' },
    ]);
    expect(issues(factInput.safeParse({ kind: 'OPEN_MUNICIPAL_CASE', value: 'x', startedOn: '2020-01-01' }))).toEqual([
      { path: ['value'], message: 'this kind of fact holds no value' },
    ]);
    expect(
      factInput.safeParse({ kind: 'LEASE_TERMINATED_GROSS_MISCONDUCT', value: null, startedOn: '2020-01-01' }).success,
    ).toBe(true);
  });

  test('an endedOn before startedOn is refused; the same day is fine', () => {
    expect(
      issues(factInput.safeParse({ kind: 'OPEN_MUNICIPAL_CASE', startedOn: '2020-01-02', endedOn: '2020-01-01' })),
    ).toEqual([{ path: ['endedOn'], message: 'before the fact started' }]);
    expect(
      factInput.safeParse({ kind: 'OPEN_MUNICIPAL_CASE', startedOn: '2020-01-02', endedOn: '2020-01-02' }).success,
    ).toBe(true);
    expect(factInput.safeParse({ kind: 'OPEN_MUNICIPAL_CASE', startedOn: '2020-01-02', endedOn: null }).success).toBe(
      true,
    );
  });

  test('both problems at once are both reported', () => {
    expect(
      issues(factInput.safeParse({ kind: 'LABOUR_MARKET_STATUS', startedOn: '2020-01-02', endedOn: '2019-12-31' })),
    ).toEqual([
      { path: ['value'], message: 'a labour-market status' },
      { path: ['endedOn'], message: 'before the fact started' },
    ]);
  });

  test('an unknown kind and a value over 60 characters are refused', () => {
    expect(issues(factInput.safeParse({ kind: 'SHOE_SIZE', startedOn: '2020-01-01' }))[0]?.path).toEqual(['kind']);
    expect(
      issues(factInput.safeParse({ kind: 'CITIZENSHIP', value: 'D'.repeat(61), startedOn: '2020-01-01' }))[0]?.path,
    ).toEqual(['value']);
  });
});

describe('needsInput', () => {
  const base = { stepFreeAccess: false, acceptableMunicipalityCodes: [] as string[] };

  test('the minimal needs: no rooms or rent limit, any municipality', () => {
    expect(data(needsInput.safeParse(base))).toEqual(base);
    expect(needsInput.safeParse({ ...base, minRooms: null, maxMonthlyRentOre: null }).success).toBe(true);
  });

  test('stepFreeAccess and acceptableMunicipalityCodes are required', () => {
    expect(issues(needsInput.safeParse({ acceptableMunicipalityCodes: [] }))[0]?.path).toEqual(['stepFreeAccess']);
    expect(issues(needsInput.safeParse({ stepFreeAccess: true }))[0]?.path).toEqual(['acceptableMunicipalityCodes']);
  });

  test.each([1, 5, 10])('minRooms %d is fine', (minRooms) => {
    expect(needsInput.safeParse({ ...base, minRooms }).success).toBe(true);
  });

  test.each([0, -1, 11, 2.5])('minRooms %d is refused', (minRooms) => {
    expect(issues(needsInput.safeParse({ ...base, minRooms }))[0]?.path).toEqual(['minRooms']);
  });

  test('maxMonthlyRentOre runs from 1 øre to DKK 100,000', () => {
    expect(needsInput.safeParse({ ...base, maxMonthlyRentOre: 1 }).success).toBe(true);
    expect(needsInput.safeParse({ ...base, maxMonthlyRentOre: 10_000_000 }).success).toBe(true);
    expect(issues(needsInput.safeParse({ ...base, maxMonthlyRentOre: 10_000_001 }))).toEqual([
      { path: ['maxMonthlyRentOre'], message: 'above DKK 100,000' },
    ]);
    expect(issues(needsInput.safeParse({ ...base, maxMonthlyRentOre: 0 }))[0]?.path).toEqual(['maxMonthlyRentOre']);
    expect(issues(needsInput.safeParse({ ...base, maxMonthlyRentOre: 100.5 }))[0]?.path).toEqual(['maxMonthlyRentOre']);
  });

  test('municipality codes are three digits', () => {
    expect(needsInput.safeParse({ ...base, acceptableMunicipalityCodes: ['101', '751'] }).success).toBe(true);
    for (const code of ['10', '1010', 'abc', ' 101', '']) {
      expect(issues(needsInput.safeParse({ ...base, acceptableMunicipalityCodes: ['101', code] }))).toEqual([
        { path: ['acceptableMunicipalityCodes', 1], message: 'a 3-digit municipality code' },
      ]);
    }
  });

  test('at most 98 municipalities (there are 98 in Denmark)', () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => String(100 + i));
    expect(needsInput.safeParse({ ...base, acceptableMunicipalityCodes: codes(98) }).success).toBe(true);
    expect(issues(needsInput.safeParse({ ...base, acceptableMunicipalityCodes: codes(99) }))[0]?.path).toEqual([
      'acceptableMunicipalityCodes',
    ]);
  });
});

describe('contactInput', () => {
  test('a name alone is enough; e-mail and phone may be null', () => {
    expect(data(contactInput.safeParse({ name: 'Mentor' }))).toEqual({ name: 'Mentor' });
    expect(contactInput.safeParse({ name: 'Mentor', email: null, phone: null }).success).toBe(true);
  });

  test('the name is trimmed and must not be empty', () => {
    expect(data(contactInput.safeParse({ name: '  Mentor ' })).name).toBe('Mentor');
    expect(issues(contactInput.safeParse({ name: ' ' }))).toEqual([{ path: ['name'], message: 'must not be empty' }]);
    expect(issues(contactInput.safeParse({}))[0]?.path).toEqual(['name']);
  });

  test('e-mail addresses', () => {
    expect(contactInput.safeParse({ name: 'M', email: 'mentor@kommune.dk' }).success).toBe(true);
    for (const email of ['mentor', 'mentor@', '@kommune.dk', 'men tor@kommune.dk', '']) {
      expect(issues(contactInput.safeParse({ name: 'M', email }))).toEqual([
        { path: ['email'], message: 'not an e-mail address' },
      ]);
    }
    const long = `${'a'.repeat(190)}@kommune.dk`;
    expect(issues(contactInput.safeParse({ name: 'M', email: long }))[0]?.path).toEqual(['email']);
  });

  test.each(['12345678', '+45 12 34 56 78', '  +4512345678  ', '123456', '12345678901234567890'])(
    'phone %j is fine',
    (phone) => {
      expect(contactInput.safeParse({ name: 'M', phone }).success).toBe(true);
    },
  );

  test('the phone number is trimmed', () => {
    expect(data(contactInput.safeParse({ name: 'M', phone: '  +4512345678  ' })).phone).toBe('+4512345678');
  });

  test.each(['12345', '123456789012345678901', '+45-12345678', '12 34 56 7x', '45+12345678', '', '   '])(
    'phone %j is refused',
    (phone) => {
      expect(issues(contactInput.safeParse({ name: 'M', phone }))).toEqual([
        { path: ['phone'], message: 'a phone number' },
      ]);
    },
  );
});

describe('other inputs, briefly', () => {
  test('makeOfferInput: responseDays from 1 to 21', () => {
    const offer = { caseId: 'c', vacancyId: 'v' };
    expect(makeOfferInput.safeParse(offer).success).toBe(true);
    expect(makeOfferInput.safeParse({ ...offer, responseDays: 1 }).success).toBe(true);
    expect(makeOfferInput.safeParse({ ...offer, responseDays: 21 }).success).toBe(true);
    expect(issues(makeOfferInput.safeParse({ ...offer, responseDays: 0 }))).toEqual([
      { path: ['responseDays'], message: 'at least 1 day' },
    ]);
    expect(issues(makeOfferInput.safeParse({ ...offer, responseDays: 22 }))).toEqual([
      { path: ['responseDays'], message: 'at most 21 days' },
    ]);
  });

  test('homeInput: a unit or an address, not both', () => {
    const unitId = '0b3f1c9e-6f3a-4c1e-9a3b-2d4e5f607182';
    expect(homeInput.safeParse({ unitId }).success).toBe(true);
    expect(homeInput.safeParse({ address: 'Vestergade 1, 8000 Aarhus C' }).success).toBe(true);
    expect(issues(homeInput.safeParse({ unitId, address: 'Vestergade 1' }))).toEqual([
      { path: [], message: 'a unit or an address, not both' },
    ]);
    expect(issues(homeInput.safeParse({ unitId: 'unit-1' }))).toEqual([{ path: ['unitId'], message: 'not an id' }]);
  });

  test('activityUpdateInput: the outcome is trimmed text, or absent', () => {
    expect(data(activityUpdateInput.safeParse({ status: 'DONE', outcome: ' found a job ' })).outcome).toBe(
      'found a job',
    );
    expect(activityUpdateInput.safeParse({ status: 'DONE' }).success).toBe(true);
    expect(issues(activityUpdateInput.safeParse({ status: 'DONE', outcome: '  ' }))).toEqual([
      { path: ['outcome'], message: 'must not be empty' },
    ]);
    expect(issues(activityUpdateInput.safeParse({ status: 'FINISHED' }))[0]?.path).toEqual(['status']);
  });
});
