// Recognising the database errors that mean something to the caller.

interface DriverError {
  code?: unknown;
  constraint?: unknown;
}

/** A unique index refused the write (optionally: this one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as DriverError | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as DriverError | null)?.code === '23503';
}
