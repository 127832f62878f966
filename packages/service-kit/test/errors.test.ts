import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { z } from 'zod';
import {
  PlatformError,
  badUserInput,
  conflict,
  createErrorFormatter,
  forbidden,
  notFound,
  parseInput,
  unauthenticated,
} from '../src';

const silent = pino({ level: 'silent' });

/** A logger that keeps what it writes, to check what reaches the logs. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** What Apollo hands formatError for an error thrown by a resolver: a located GraphQLError wrapping it. */
function fromResolver(thrown: unknown, path: readonly (string | number)[] = ['unit']) {
  const error = new GraphQLError(thrown instanceof Error ? thrown.message : String(thrown), {
    path,
    originalError: thrown instanceof Error ? thrown : undefined,
  });
  const formatted: GraphQLFormattedError = {
    ...error.toJSON(),
    extensions: { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' },
  };
  return { formatted, error };
}

/** A pg error as node-postgres throws it: an Error with the SQLSTATE in `code` and SQL detail in its message. */
function pgError(code: string, message = 'duplicate key value violates unique constraint "unit_pkey"') {
  return Object.assign(new Error(message), { code, detail: 'Key (id)=(42) already exists.', severity: 'ERROR' });
}

describe('createErrorFormatter', () => {
  const format = createErrorFormatter(silent);

  test.each(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED'])(
    'passes a %s error through without http or stacktrace',
    (code) => {
      const formatted: GraphQLFormattedError = {
        message: 'the unit is not yours',
        path: ['unit'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code, http: { status: 401 }, stacktrace: ['Error: at resolver'], invalidFields: [] },
      };
      expect(format(formatted, new Error('ignored'))).toEqual({
        message: 'the unit is not yours',
        path: ['unit'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code, invalidFields: [] },
      });
    },
  );

  test('keeps the extra extensions of a platform error', () => {
    const { formatted, error } = fromResolver(
      badUserInput('input.rooms: too few', [{ path: 'input.rooms', message: 'x' }]),
    );
    expect(format(formatted, error)).toEqual({
      message: 'input.rooms: too few',
      path: ['unit'],
      extensions: { code: 'BAD_USER_INPUT', invalidFields: [{ path: 'input.rooms', message: 'x' }] },
    });
  });

  test('drops the http status an unauthenticated error carries', () => {
    const thrown = unauthenticated('no token');
    expect(thrown.extensions).toMatchObject({ http: { status: 401 } });
    const { formatted, error } = fromResolver(thrown);
    expect(format(formatted, error).extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  test('masks a plain Error as an internal server error, keeping path and locations', () => {
    const formatted: GraphQLFormattedError = {
      message: 'connect ECONNREFUSED 10.0.0.5:5432 (password=hunter2)',
      path: ['units', 0, 'department'],
      locations: [{ line: 2, column: 5 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: connect ECONNREFUSED'] },
    };
    const error = new GraphQLError(formatted.message, {
      path: formatted.path,
      originalError: new Error(formatted.message),
    });
    expect(format(formatted, error)).toEqual({
      message: 'internal server error',
      path: ['units', 0, 'department'],
      locations: [{ line: 2, column: 5 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  test('masks an error with a code that is not for clients', () => {
    const { formatted, error } = fromResolver(
      new GraphQLError('secret detail', { extensions: { code: 'DOWNSTREAM' } }),
    );
    expect(format(formatted, error)).toMatchObject({
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  test('masks something thrown that is not an Error at all', () => {
    expect(format({ message: 'Unexpected error value: "boom"' }, 'boom')).toEqual({
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(format({ message: 'Unexpected error value: null' }, null).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });

  test('turns a unique violation (23505) into CONFLICT without the SQL detail', () => {
    const { formatted, error } = fromResolver(pgError('23505'), ['createUnit']);
    expect(format(formatted, error)).toEqual({
      message: 'this already exists',
      path: ['createUnit'],
      extensions: { code: 'CONFLICT' },
    });
  });

  test('recognises a pg-like error object that is not an Error', () => {
    expect(format({ message: 'x', path: ['a'] }, { code: '23505' })).toMatchObject({
      message: 'this already exists',
      path: ['a'],
      extensions: { code: 'CONFLICT' },
    });
    expect(format({ message: 'x' }, { code: '22P02' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  test.each(['40001', '40P01'])('turns a serialization failure or deadlock (%s) into a retryable CONFLICT', (code) => {
    const { formatted, error } = fromResolver(pgError(code, 'could not serialize access'));
    expect(format(formatted, error)).toEqual({
      message: 'a concurrent change got there first; try again',
      path: ['unit'],
      extensions: { code: 'CONFLICT' },
    });
  });

  test.each(['22P02', '22001', '22003', '22007', '22008', '23503', '23514'])(
    'turns a data or constraint error (%s) into BAD_USER_INPUT',
    (code) => {
      const { formatted, error } = fromResolver(pgError(code, 'invalid input syntax for type uuid: "x"'));
      expect(format(formatted, error)).toEqual({
        message: 'a value is not acceptable here',
        path: ['unit'],
        extensions: { code: 'BAD_USER_INPUT' },
      });
    },
  );

  test.each(['42P01', '42703', '23502', '53300', '57014', 'XX000'])(
    'masks a server-side database error (%s)',
    (code) => {
      const { formatted, error } = fromResolver(pgError(code, 'relation "unit" does not exist'));
      expect(format(formatted, error)).toEqual({
        message: 'internal server error',
        path: ['unit'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    },
  );

  test.each(['ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', '2350', '235050', '23505 ', 42])(
    'does not read the code %j as a SQLSTATE',
    (code) => {
      const error = Object.assign(new Error('socket trouble'), { code });
      expect(format({ message: 'socket trouble' }, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    },
  );

  test('logs the original of an internal error, but not client errors or mapped database errors', () => {
    const { log, lines } = capturingLogger();
    const capturingFormat = createErrorFormatter(log);
    const formatThrown = (thrown: unknown, path?: readonly (string | number)[]) => {
      const { formatted, error } = fromResolver(thrown, path);
      return capturingFormat(formatted, error);
    };
    formatThrown(new Error('the database fell over'), ['units']);
    formatThrown(forbidden('no'));
    formatThrown(pgError('23505'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'internal error',
      path: ['units'],
      err: { message: 'the database fell over', type: 'Error' },
    });
  });
});

describe('the formatter in Apollo Server', () => {
  const typeDefs = `
    type Query {
      forbidden: String
      missing: String
      duplicate: String
      badUuid: String
      crash: String
      unauthenticated: String
    }
  `;
  const resolvers = {
    Query: {
      forbidden: () => {
        throw forbidden('only caseworkers may see this');
      },
      missing: () => {
        throw notFound('Unit', '42');
      },
      duplicate: () => {
        throw pgError('23505');
      },
      badUuid: () => Promise.reject(pgError('22P02', 'invalid input syntax for type uuid: "x"')),
      crash: () => {
        throw new Error('TypeError in the resolver: cannot read properties of undefined');
      },
      unauthenticated: () => {
        throw unauthenticated('sign in first');
      },
    },
  };
  let server: ApolloServer;

  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs,
      resolvers,
      formatError: createErrorFormatter(silent),
      includeStacktraceInErrorResponses: true,
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function errorsOf(query: string) {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult.errors;
  }

  test('client errors keep their message and code and lose the stack trace', async () => {
    expect(await errorsOf('{ forbidden }')).toEqual([
      {
        message: 'only caseworkers may see this',
        path: ['forbidden'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(await errorsOf('{ missing }')).toEqual([
      expect.objectContaining({ message: 'Unit 42 was not found', extensions: { code: 'NOT_FOUND' } }),
    ]);
    expect(await errorsOf('{ unauthenticated }')).toEqual([
      expect.objectContaining({ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
  });

  test('database errors thrown by resolvers are mapped', async () => {
    expect(await errorsOf('{ duplicate }')).toEqual([
      {
        message: 'this already exists',
        path: ['duplicate'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'CONFLICT' },
      },
    ]);
    expect(await errorsOf('{ badUuid }')).toEqual([
      expect.objectContaining({ message: 'a value is not acceptable here', extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  test('anything else is masked', async () => {
    expect(await errorsOf('{ crash }')).toEqual([
      {
        message: 'internal server error',
        path: ['crash'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  test('validation errors from GraphQL itself pass through', async () => {
    const errors = await errorsOf('{ nope }');
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('platform errors', () => {
  test('carry their code, and a 401 only for UNAUTHENTICATED', () => {
    expect(conflict('taken').extensions).toEqual({ code: 'CONFLICT' });
    expect(forbidden('no').extensions).toEqual({ code: 'FORBIDDEN' });
    expect(unauthenticated('who?').extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(notFound('Vacancy', 'v-1').message).toBe('Vacancy v-1 was not found');
    expect(badUserInput('bad').extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(new PlatformError('NOT_FOUND', 'gone')).toBeInstanceOf(GraphQLError);
  });
});

describe('parseInput', () => {
  const schema = z.object({
    rooms: z.number().int().min(1),
    address: z.object({ postcode: z.string().regex(/^\d{4}$/, 'a Danish postcode has 4 digits') }),
    tenants: z.array(z.object({ name: z.string().min(1, 'a tenant needs a name') })).default([]),
    note: z
      .string()
      .trim()
      .transform((s) => s || null)
      .optional(),
  });

  function thrownBy(run: () => unknown): PlatformError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformError);
      return error as PlatformError;
    }
    throw new Error('expected parseInput to throw');
  }

  test('returns the parsed value, with defaults and transforms applied', () => {
    expect(parseInput(schema, { rooms: 3, address: { postcode: '8000' }, note: '  ' })).toEqual({
      rooms: 3,
      address: { postcode: '8000' },
      tenants: [],
      note: null,
    });
  });

  test('refuses invalid input with BAD_USER_INPUT and the dotted path of every invalid field', () => {
    const error = thrownBy(() =>
      parseInput(schema, { rooms: 0, address: { postcode: 'abc' }, tenants: [{ name: 'Ib' }, { name: '' }] }),
    );
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).not.toHaveProperty('http');
    const invalidFields = error.extensions.invalidFields as { path: string; message: string }[];
    expect(invalidFields.map((field) => field.path)).toEqual([
      'input.rooms',
      'input.address.postcode',
      'input.tenants.1.name',
    ]);
    expect(invalidFields[1]).toEqual({ path: 'input.address.postcode', message: 'a Danish postcode has 4 digits' });
    expect(invalidFields[2]).toEqual({ path: 'input.tenants.1.name', message: 'a tenant needs a name' });
    expect(error.message).toBe(`input.rooms: ${invalidFields[0]?.message}`);
  });

  test('names missing fields and wrong types', () => {
    const error = thrownBy(() => parseInput(schema, { rooms: '3' }));
    expect((error.extensions.invalidFields as { path: string }[]).map((field) => field.path)).toEqual([
      'input.rooms',
      'input.address',
    ]);
  });

  test('uses the given root for the paths', () => {
    const error = thrownBy(() => parseInput(schema, { rooms: 1.5, address: { postcode: '8000' } }, 'filter'));
    expect(error.extensions.invalidFields).toEqual([{ path: 'filter.rooms', message: expect.any(String) }]);
    expect(error.message).toMatch(/^filter\.rooms: /);
  });

  test('an issue about the whole value is reported at the root', () => {
    const range = z
      .object({ from: z.string(), to: z.string() })
      .refine((r) => r.from <= r.to, { message: 'from must not be after to' });
    const error = thrownBy(() => parseInput(range, { from: '2026-12-01', to: '2026-11-01' }, 'period'));
    expect(error.extensions.invalidFields).toEqual([{ path: 'period', message: 'from must not be after to' }]);
    expect(error.message).toBe('period: from must not be after to');
  });

  test('refuses a value that is not an object at all', () => {
    const error = thrownBy(() => parseInput(schema, null));
    expect(error.extensions.invalidFields).toEqual([{ path: 'input', message: expect.any(String) }]);
  });
});
