import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';
import { DepartmentEntity } from './department';
import type { UnitKind } from '../domain/stock';

/** A unit (lejemål): one home in a department. */
@Entity('unit')
@Index('unit_address_unique', ['departmentId', 'street', 'houseNumber', 'floor', 'door'], { unique: true })
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Indexed by the unique address index, which starts with it. */
  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  @Column('varchar', { length: 200 })
  street: string;

  @Column('varchar', { length: 10 })
  houseNumber: string;

  /** Floor ('st', '1', …) and door ('tv', 'th', '12'); empty when the address has none. */
  @Column('varchar', { length: 10, default: '' })
  floor: string;

  @Column('varchar', { length: 10, default: '' })
  door: string;

  @Column('char', { length: 4 })
  postalCode: string;

  @Column('varchar', { length: 100 })
  city: string;

  @Column('smallint')
  rooms: number;

  @Column('integer')
  floorAreaM2: number;

  /** Monthly rent in øre. */
  @Column('bigint', { transformer: bigintAsNumber })
  monthlyRentOre: number;

  @Column('varchar', { length: 20 })
  kind: UnitKind;

  /** Step-free access (niveaufri adgang) from the street to the front door. */
  @Column('boolean')
  stepFreeAccess: boolean;

  @Column('boolean')
  elevator: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
