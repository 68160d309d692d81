import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Default rule settings and the federal minimum wage, as dated reference data. Each row names its
 * source and whether that source was verified (see docs/rules.md). Administrators change them with
 * the setRuleSetting / setMinimumWage mutations; a state row overrides the 'US' row from its date.
 */
const RULES: Array<[rule: string, severity: string, params: object, source: string, confidence: string]> = [
  ['standards.time_based_min_ojt_hours', 'error', { minHours: 2000 }, '29 CFR 29.4', 'verified'],
  ['standards.rti_hours_per_year', 'warning', { recommendedHours: 144 }, '29 CFR 29.7(e)(2)', 'verified'],
  ['standards.wage_schedule_increasing', 'error', {}, '29 CFR 29.7(g)', 'verified'],
  ['standards.entry_wage_minimum', 'error', {}, '29 CFR 29.5(b)(5)', 'unverified'],
  ['standards.probation_required', 'error', {}, '29 CFR 29.7(h)(1)', 'verified'],
  ['standards.probation_max', 'warning', { maxShareOfTerm: 0.25, maxMonths: 12 }, '29 CFR 29.5(b)(8)', 'unverified'],
  ['standards.occupation_min_hours', 'warning', {}, 'DOL RAPIDS occupation list, TIME-BASED column', 'verified'],
  ['standards.work_process_hours_cover_term', 'warning', {}, '29 CFR 29.7(f)', 'verified'],
  ['standards.rti_component_required', 'error', {}, '29 CFR 29.4', 'verified'],
  ['registration.minimum_age', 'error', { minAge: 16 }, '29 CFR 29.2(e) (2008 text); CSG RAPIDS upload spec', 'verified'],
  ['registration.deadline_days', 'warning', { days: 45 }, 'commonly quoted; no regulation found', 'unverified'],
  ['transfer.same_occupation', 'warning', {}, '29 CFR 29.5(b)(13)', 'unverified'],
];

export class RuleDefaults1732190000100 implements MigrationInterface {
  name = 'RuleDefaults1732190000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [rule, severity, params, source, confidence] of RULES) {
      await queryRunner.query(
        `INSERT INTO rule_settings (rule, jurisdiction, effective_from, severity, params, source, confidence)
         VALUES ($1, 'US', '2000-01-01', $2, $3, $4, $5)`,
        [rule, severity, JSON.stringify(params), source, confidence],
      );
    }
    await queryRunner.query(
      `INSERT INTO minimum_wages (jurisdiction, effective_from, rate_cents, source)
       VALUES ('US', '2009-07-24', 725, 'FLSA, 29 U.S.C. 206(a)(1)(C)')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the rows this migration wrote: settings changed later by administrators stay.
    await queryRunner.query(`DELETE FROM rule_settings WHERE jurisdiction = 'US' AND effective_from = '2000-01-01'`);
    await queryRunner.query(`DELETE FROM minimum_wages WHERE jurisdiction = 'US' AND effective_from = '2009-07-24'`);
  }
}
