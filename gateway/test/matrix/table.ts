// The access matrix as people read it (docs/access-matrix.md): one Markdown table per subgraph, one row per
// operation, one word per role. Parsed strictly: an unknown word, a missing cell or a row twice is an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@second-chance/identity';

export const MATRIX_FILE = join(__dirname, '..', '..', '..', 'docs', 'access-matrix.md');

/** The table's columns, in order, and the role each names. */
export const ROLE_COLUMNS: readonly { column: string; role: Role }[] = [
  { column: 'caseworker', role: 'caseworker' },
  { column: 'finance officer', role: 'finance-officer' },
  { column: 'letting officer', role: 'letting-officer' },
  { column: 'evaluator', role: 'evaluator' },
  { column: 'platform admin', role: 'platform-admin' },
];

/** yes: whatever organisation owns the records; own: only the caller's organisation's; no: never. */
export type Cell = 'yes' | 'own' | 'no';
const CELLS: readonly Cell[] = ['yes', 'own', 'no'];

export interface MatrixRow {
  /** `Query.household`, `Mutation.registerHousehold`, `HousingArea.indicators`. */
  operation: string;
  /** The subgraph whose section the row stands in (the heading above its table). */
  subgraph: string;
  cells: Readonly<Record<Role, Cell>>;
  note: string;
  line: number;
}

const HEADER = ['operation', ...ROLE_COLUMNS.map((c) => c.column), 'note'];

function splitRow(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) throw new Error(`not a table row: ${line}`);
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());
}

const isSeparator = (cells: readonly string[]) => cells.every((cell) => /^:?-{3,}:?$/.test(cell));

/** Every row of every access table in the text; throws on anything it cannot read exactly. */
export function parseMatrix(markdown: string): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const seen = new Map<string, number>();
  const problems: string[] = [];
  let subgraph: string | null = null;
  let inTable = false;
  const lines = markdown.split('\n');
  lines.forEach((text, index) => {
    const line = index + 1;
    const heading = /^##\s+(\S+)/.exec(text);
    if (heading?.[1]) {
      subgraph = heading[1].toLowerCase();
      inTable = false;
      return;
    }
    if (!text.trim().startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = splitRow(text);
    if (!inTable) {
      // A table starts with its header: only tables with exactly the matrix's columns are access tables.
      inTable = cells.length === HEADER.length && cells.every((cell, i) => cell.toLowerCase() === HEADER[i]);
      if (inTable && !subgraph) problems.push(`line ${line}: an access table before any "## <subgraph>" heading`);
      return;
    }
    if (isSeparator(cells)) return;
    if (cells.length !== HEADER.length) {
      problems.push(`line ${line}: ${cells.length} cells, expected ${HEADER.length}`);
      return;
    }
    const [first = '', ...rest] = cells;
    const operation = first.replace(/`/g, '');
    if (!/^[A-Z]\w*\.\w+$/.test(operation)) {
      problems.push(`line ${line}: "${first}" is not an operation (Type.field)`);
      return;
    }
    const words = rest.slice(0, ROLE_COLUMNS.length).map((word) => word.toLowerCase());
    const unknown = words.filter((word) => !CELLS.includes(word as Cell));
    if (unknown.length) {
      problems.push(`line ${line}: ${operation}: "${unknown.join('", "')}" is not yes, own or no`);
      return;
    }
    const earlier = seen.get(operation);
    if (earlier) {
      problems.push(`line ${line}: ${operation} has a row already (line ${earlier})`);
      return;
    }
    seen.set(operation, line);
    const entries = ROLE_COLUMNS.map((column, i) => [column.role, words[i] as Cell] as const);
    rows.push({
      operation,
      subgraph: subgraph ?? '',
      cells: Object.fromEntries(entries) as Record<Role, Cell>,
      note: rest[ROLE_COLUMNS.length] ?? '',
      line,
    });
  });
  if (problems.length) throw new Error(`${MATRIX_FILE} cannot be read:\n  ${problems.join('\n  ')}`);
  return rows;
}

export function readMatrix(file = MATRIX_FILE): MatrixRow[] {
  return parseMatrix(readFileSync(file, 'utf8'));
}
