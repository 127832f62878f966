import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AreaOfTheNewHome1795244993209 implements MigrationInterface {
  name = 'AreaOfTheNewHome1795244993209';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "relocation_case" ADD "to_area_id" uuid`);
    await queryRunner.query(`ALTER TABLE "offer" ADD "area_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offer" DROP COLUMN "area_id"`);
    await queryRunner.query(`ALTER TABLE "relocation_case" DROP COLUMN "to_area_id"`);
  }
}
