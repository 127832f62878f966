// CSV as Danish spreadsheets open it: semicolon-separated, CRLF, a field quoted when it holds the separator, a
// quote or a line break, and a text that starts like a formula defused (so a cell never runs as one).

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows (the header first) as one CSV text. */
export function csvTable(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}
