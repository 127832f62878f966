import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PlatformError, decodeCursor, encodeCursor, pageSize } from '../src';

const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function thrownBy(run: () => unknown): PlatformError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('cursors', () => {
  test.each([
    [['2026-12-01', '6f1c2a4e-0b5d-4b8e-9a57-3c2f1d0e9b7a']],
    [[42, 'unit-7']],
    [[-1.5, 0, 'Århus Ø – "quoted" \\ / 😀']],
    [['']],
    [[Number.MAX_SAFE_INTEGER]],
  ])('round-trips %j', (values) => {
    const cursor = encodeCursor(values);
    expect(decodeCursor(cursor, values.length)).toEqual(values);
  });

  test('a cursor is URL-safe and opaque', () => {
    const cursor = encodeCursor(['2026-12-01', 'a/b+c?d=e']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
  });

  test('equal values give equal cursors, different values different ones', () => {
    expect(encodeCursor(['a', 1])).toBe(encodeCursor(['a', 1]));
    expect(encodeCursor(['a', 1])).not.toBe(encodeCursor(['a', 2]));
    expect(encodeCursor(['1'])).not.toBe(encodeCursor([1]));
  });

  test('keeps strings and numbers apart', () => {
    expect(decodeCursor(encodeCursor(['1', 1]), 2)).toEqual(['1', 1]);
  });

  test('accepts a string of 200 characters', () => {
    const long = 'x'.repeat(200);
    expect(decodeCursor(encodeCursor([long]), 1)).toEqual([long]);
  });

  test.each([
    ['garbage', 'garbage!!'],
    ['the empty string', ''],
    ['base64 of text that is not JSON', Buffer.from('hello').toString('base64url')],
    ['null', encodeJson(null)],
    ['a number', encodeJson(42)],
    ['a string', encodeJson('2026-12-01')],
    ['an object', encodeJson({ 0: 'a', 1: 'b', length: 2 })],
    ['a list of the wrong length (short)', encodeJson(['2026-12-01'])],
    ['a list of the wrong length (long)', encodeJson(['2026-12-01', 'id', 'extra'])],
    ['an empty list', encodeJson([])],
    ['a list with null', encodeJson(['2026-12-01', null])],
    ['a list with a boolean', encodeJson(['2026-12-01', true])],
    ['a list with an object', encodeJson(['2026-12-01', { id: 1 }])],
    ['a list with a nested list', encodeJson(['2026-12-01', ['id']])],
    ['a list with an overflowing number', Buffer.from('["2026-12-01", 1e999]').toString('base64url')],
    ['a list with a string of 201 characters', encodeJson(['2026-12-01', 'x'.repeat(201)])],
  ])('refuses %s with BAD_USER_INPUT', (_what, cursor) => {
    const error = thrownBy(() => decodeCursor(cursor, 2));
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ path: 'after', message: 'unknown cursor' }],
    });
    expect(error.message).toBe('after: not a cursor from this list');
  });

  test('refuses a cursor of another list with a different number of keys', () => {
    const cursor = encodeCursor(['2026-12-01', 'id-1']);
    expect(decodeCursor(cursor, 2)).toEqual(['2026-12-01', 'id-1']);
    expect(() => decodeCursor(cursor, 1)).toThrow(PlatformError);
    expect(() => decodeCursor(cursor, 3)).toThrow(PlatformError);
  });
});

describe('pageSize', () => {
  test('defaults to 20 when first is not given', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  test.each([1, 2, 20, 50, 99, 100])('accepts %d', (first) => {
    expect(pageSize(first)).toBe(first);
  });

  test.each([0, -1, 101, 1000, 1.5, 0.5, 99.999, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses %d with BAD_USER_INPUT',
    (first) => {
      const error = thrownBy(() => pageSize(first));
      expect(error.message).toBe(`first must be between 1 and ${MAX_PAGE_SIZE}`);
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        invalidFields: [{ path: 'first', message: 'between 1 and 100' }],
      });
    },
  );

  test('the maximum page is 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
  });
});
