import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an organization is run by the United States, a State or a local government: VA's
 * wage-increase requirement (the 85% by the last full month) does not apply to such employers
 * (38 U.S.C. 3677(b)(2)).
 */
export class GovernmentEmployers1732590000000 implements MigrationInterface {
  name = 'GovernmentEmployers1732590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organizations ADD COLUMN government_body boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organizations DROP COLUMN government_body`);
  }
}
