// The schema changes only through migrations: after they run, the entities and the database agree, the books
// are append-only and balanced, and every migration can be reverted and applied again.
import { checkMigrations } from '@second-chance/testing';
import { createFinanceSubgraph } from '../src';

test('migrations bring an empty database exactly to the entities, keep the ledger append-only and balanced, and revert cleanly', () =>
  checkMigrations(createFinanceSubgraph({ eventSecrets: [] }), async (db) => {
    const run = '00000000-0000-4000-8000-000000000001';
    const entry = '00000000-0000-4000-8000-000000000002';
    const source = '00000000-0000-4000-8000-000000000003';
    await db.query(
      `INSERT INTO settlement_run (id, period, period_start, period_end, entries, gross_ore, net_ore, created_by)
       VALUES ($1, '2025Q1', '2025-01-01', '2025-04-01', 1, 100, 100, 'test')`,
      [run],
    );
    const line = (id: string, party: string, amount: number) =>
      `('${id}', '${entry}', '${run}', '2025Q1', '${party}', 'x', ${amount}, 'COMPENSATION', '${source}', '${source}', false)`;
    const insert = (...lines: string[]) =>
      db.query(
        `INSERT INTO ledger_line (id, entry_id, run_id, period, party, counterparty, amount_ore, kind, source_id, case_id, adjustment)
         VALUES ${lines.join(', ')}`,
      );
    await expect(insert(line('00000000-0000-4000-8000-000000000010', 'MUNICIPALITY:101', 100))).rejects.toThrow(
      /does not balance/,
    );
    await expect(
      insert(
        line('00000000-0000-4000-8000-000000000011', 'MUNICIPALITY:101', -100),
        line('00000000-0000-4000-8000-000000000012', 'MUNICIPALITY:751', 99),
      ),
    ).rejects.toThrow(/does not balance/);
    await insert(
      line('00000000-0000-4000-8000-000000000013', 'MUNICIPALITY:101', -100),
      line('00000000-0000-4000-8000-000000000014', 'MUNICIPALITY:751', 100),
    );
    await expect(db.query('UPDATE ledger_line SET amount_ore = 0')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM ledger_line')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM settlement_run')).rejects.toThrow(/append-only/);
  }));
