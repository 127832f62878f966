import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ScenarioAreaRow, ScenarioSummary, StoredScenarioInput } from '../domain/scenario';

/**
 * A what-if scenario of in-mover steering as it was run: its input (seed, sizes, participating municipalities,
 * commitments, weights), its summary and one row per synthetic area. Kept whole as JSON: a scenario is read as a
 * unit and never changes; the synthetic areas are not housing areas of the graph, so nothing refers to them.
 */
@Entity('steering_scenario')
export class SteeringScenarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('int')
  seed: number;

  @Column('jsonb')
  input: StoredScenarioInput;

  @Column('jsonb')
  summary: ScenarioSummary;

  /** One row per synthetic area, sorted by area id. */
  @Column('jsonb')
  areas: ScenarioAreaRow[];

  @Column('varchar', { length: 256 })
  runBy: string;

  /** Seconds the run took, generation included. */
  @Column('double precision')
  seconds: number;

  @Index()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
