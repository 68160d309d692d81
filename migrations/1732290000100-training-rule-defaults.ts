import { MigrationInterface, QueryRunner } from 'typeorm';

/** Thresholds for training-record checks and compliance alerts, as dated data (see docs/rules.md). */
const RULES: Array<[rule: string, severity: string, params: object, source: string, confidence: string]> = [
  ['hours.max_per_day', 'error', { maxHours: 24 }, 'Journeyline: a day has 24 hours', 'verified'],
  ['alerts.no_hours_logged', 'warning', { days: 14 }, 'Journeyline default; set per sponsor practice', 'unverified'],
  ['alerts.wage_step_overdue', 'warning', { days: 30 }, '29 CFR 29.7(g); Journeyline default grace period', 'unverified'],
  ['alerts.rti_behind_pace', 'warning', { toleranceShare: 0.75 }, '29 CFR 29.7(e)(2) (144 h/yr recommended)', 'verified'],
  ['alerts.va_month_not_certified', 'warning', { graceDays: 10 }, '38 CFR 21.4203(f)(3); VA 22-6553d monthly, on or after month end', 'verified'],
  ['va.ojt_entry_wage_share', 'warning', { minShare: 0.5 }, '38 U.S.C. 3677(b)(1)(A)(i)', 'verified'],
  ['va.ojt_final_wage_share', 'warning', { minShare: 0.85 }, '38 U.S.C. 3677(b)(1)(A)(ii)', 'verified'],
  ['ratio.apprentice_to_journeyworker', 'warning', {}, '29 CFR 29.5(b)(7)', 'unverified'],
];

export class TrainingRuleDefaults1732290000100 implements MigrationInterface {
  name = 'TrainingRuleDefaults1732290000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [rule, severity, params, source, confidence] of RULES) {
      await queryRunner.query(
        `INSERT INTO rule_settings (rule, jurisdiction, effective_from, severity, params, source, confidence)
         VALUES ($1, 'US', '2000-01-01', $2, $3, $4, $5)`,
        [rule, severity, JSON.stringify(params), source, confidence],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM rule_settings WHERE jurisdiction = 'US' AND effective_from = '2000-01-01' AND rule = ANY($1)`, [
      RULES.map(([rule]) => rule),
    ]);
  }
}
