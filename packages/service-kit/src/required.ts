/** A row another row points to must exist (foreign keys guarantee it); if it does not, that is our bug. */
export async function required<T>(value: Promise<T | null>, what: string, id: string): Promise<T> {
  const found = await value;
  if (found === null) throw new Error(`${what} ${id} is missing although a row refers to it`);
  return found;
}
