// Validation at the edge: arguments are checked with a zod schema before anything is read or written.
import type { z } from 'zod';
import { badUserInput } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const invalidFields = result.error.issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = invalidFields[0];
  throw badUserInput(first ? `${first.path}: ${first.message}` : 'invalid input', invalidFields);
}
