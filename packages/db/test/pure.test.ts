import { SnakeNamingStrategy, bigintAsNumber, databaseName, redactUrl, snakeCase, withDatabase } from '../src';

describe('snakeCase', () => {
  test.each([
    ['monthlyRentOre', 'monthly_rent_ore'],
    ['floorAreaM2', 'floor_area_m2'],
    ['id', 'id'],
    ['unitId', 'unit_id'],
    ['municipalityCode', 'municipality_code'],
    ['HousingArea', 'housing_area'],
    ['HousingOrganisation', 'housing_organisation'],
    ['availableFrom', 'available_from'],
    ['m2Price', 'm2_price'],
    ['area2Name', 'area2_name'],
    ['userID', 'user_id'],
    ['HTTPServer', 'http_server'],
    ['cprURLValue', 'cpr_url_value'],
    ['already_snake', 'already_snake'],
    ['housing_areaId', 'housing_area_id'],
    ['', ''],
  ])('%j becomes %j', (camel, snake) => {
    expect(snakeCase(camel)).toBe(snake);
  });
});

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  test('names tables and columns in snake_case, unless named explicitly', () => {
    expect(naming.tableName('HousingArea', undefined)).toBe('housing_area');
    expect(naming.tableName('HousingArea', 'area')).toBe('area');
    expect(naming.columnName('monthlyRentOre', undefined, [])).toBe('monthly_rent_ore');
    expect(naming.columnName('monthlyRentOre', 'rent', [])).toBe('rent');
  });

  test('prefixes columns of embedded entities', () => {
    expect(naming.columnName('postCode', undefined, ['address'])).toBe('address_post_code');
    expect(naming.columnName('postCode', undefined, ['mailingAddress', 'careOf'])).toBe(
      'mailing_address_care_of_post_code',
    );
  });

  test('names relations and join columns in snake_case', () => {
    expect(naming.relationName('housingArea')).toBe('housing_area');
    expect(naming.joinColumnName('housingArea', 'id')).toBe('housing_area_id');
    expect(naming.joinTableColumnName('housing_area', 'id', undefined)).toBe('housing_area_id');
    expect(naming.joinTableColumnName('housing_area', 'id', 'areaCode')).toBe('housing_area_area_code');
    expect(naming.joinTableName('department', 'letting_policy', 'lettingPolicies')).toBe(
      'department_letting_policies_letting_policy',
    );
  });
});

describe('bigintAsNumber', () => {
  const read = (value: string | null): unknown => bigintAsNumber.from(value);

  test('turns a PostgreSQL bigint string into a number', () => {
    expect(bigintAsNumber.from('123')).toBe(123);
    expect(bigintAsNumber.from('0')).toBe(0);
    expect(bigintAsNumber.from('-4200')).toBe(-4200);
    expect(bigintAsNumber.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintAsNumber.from('-9007199254740991')).toBe(Number.MIN_SAFE_INTEGER);
  });

  test('keeps null as null', () => {
    expect(bigintAsNumber.from(null)).toBeNull();
  });

  test.each(['9007199254740992', '9007199254740993', '-9007199254740993', '99999999999999999999'])(
    'refuses %s rather than round it',
    (value) => {
      expect(() => read(value)).toThrow(RangeError);
      expect(() => read(value)).toThrow(`bigint ${value} is outside the safe integer range`);
    },
  );

  test.each(['1.5', 'abc', 'NaN', 'Infinity'])('refuses %j, which is no integer', (value) => {
    expect(() => read(value)).toThrow(RangeError);
  });

  test('writes numbers as they are', () => {
    expect(bigintAsNumber.to(123)).toBe(123);
    expect(bigintAsNumber.to(null)).toBeNull();
    expect(bigintAsNumber.to(undefined)).toBeUndefined();
  });
});

describe('database URLs', () => {
  const url = 'postgres://second_chance:s3cr%40t@localhost:5432/second_chance_housing?sslmode=disable';

  test('withDatabase names another database on the same server, keeping everything else', () => {
    const other = withDatabase(url, 'postgres');
    expect(other).toBe('postgres://second_chance:s3cr%40t@localhost:5432/postgres?sslmode=disable');
    const parsed = new URL(other);
    expect(parsed.username).toBe('second_chance');
    expect(decodeURIComponent(parsed.password)).toBe('s3cr@t');
    expect(parsed.host).toBe('localhost:5432');
    expect(parsed.search).toBe('?sslmode=disable');
  });

  test('withDatabase adds a database to a URL that names none', () => {
    expect(withDatabase('postgres://localhost:5432', 'steering')).toBe('postgres://localhost:5432/steering');
    expect(withDatabase('postgresql://u@db.internal/', 'steering')).toBe('postgresql://u@db.internal/steering');
  });

  test('databaseName reads the database back', () => {
    expect(databaseName(url)).toBe('second_chance_housing');
    expect(databaseName('postgresql://localhost/postgres')).toBe('postgres');
  });

  test.each(['test db', 'a/b', 'æøå', 'x?y#z', '50%'])('the database name %j survives a round trip', (name) => {
    expect(databaseName(withDatabase(url, name))).toBe(name);
  });

  test('databaseName refuses a URL without a database, without showing the password', () => {
    for (const bare of ['postgres://user:hunter2@localhost:5432', 'postgres://user:hunter2@localhost:5432/']) {
      expect(() => databaseName(bare)).toThrow('database URL names no database: postgres://user:***@localhost:5432');
      expect(() => databaseName(bare)).not.toThrow(/hunter2/);
    }
  });

  test('redactUrl hides the password', () => {
    expect(redactUrl('postgres://user:hunter2@localhost:5432/db')).toBe('postgres://user:***@localhost:5432/db');
    expect(redactUrl(url)).toBe('postgres://second_chance:***@localhost:5432/second_chance_housing?sslmode=disable');
    expect(redactUrl(url)).not.toContain('s3cr');
  });

  test('redactUrl leaves a URL without a password alone', () => {
    expect(redactUrl('postgres://user@localhost:5432/db')).toBe('postgres://user@localhost:5432/db');
    expect(redactUrl('postgres://localhost/db')).toBe('postgres://localhost/db');
  });

  test('redactUrl does not echo a URL without the postgres scheme, where the password would hide', () => {
    expect(redactUrl('user:hunter2@localhost:5432/db')).not.toContain('hunter2');
    expect(redactUrl('mysql://user:hunter2@localhost/db')).not.toContain('hunter2');
  });

  test('redactUrl does not echo what it cannot parse', () => {
    expect(redactUrl('localhost hunter2')).toBe('(unparsable database URL)');
    expect(redactUrl('//user:hunter2@localhost/db')).toBe('(unparsable database URL)');
    expect(redactUrl('')).toBe('(unparsable database URL)');
  });
});
