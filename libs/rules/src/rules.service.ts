import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@journeyline/common/domain-error';
import { RuleBook, RuleFinding, RuleSetting } from './rule-book';

@Injectable()
export class RulesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The settings in force on `onDate` for `state`: a state row overrides the national ('US') row
   * once it takes effect; the minimum wage is the higher of federal and state. Inside a
   * transaction, pass its manager: a request holding one pooled connection must not wait for another.
   */
  async ruleBook(state: string | null, onDate: string, manager: EntityManager = this.dataSource.manager): Promise<RuleBook> {
    const jurisdictions = state ? ['US', state] : ['US'];
    // One statement: this runs on every write that checks rules, often inside its transaction.
    const [row]: Array<{ settings: Array<RuleSetting & { jurisdiction: string }>; minimum_wage: number | null }> =
      await manager.query(
        `SELECT (SELECT coalesce(json_agg(s), '[]')
                   FROM (SELECT DISTINCT ON (rule) rule, jurisdiction, severity, params, source, confidence
                           FROM rule_settings
                          WHERE jurisdiction = ANY($1) AND effective_from <= $2
                          ORDER BY rule, (jurisdiction <> 'US') DESC, effective_from DESC) s) AS settings,
                (SELECT max(w.rate_cents)
                   FROM (SELECT DISTINCT ON (jurisdiction) rate_cents
                           FROM minimum_wages
                          WHERE jurisdiction = ANY($1) AND effective_from <= $2
                          ORDER BY jurisdiction, effective_from DESC) w) AS minimum_wage`,
        [jurisdictions, onDate],
      );
    return new RuleBook(row.settings, row.minimum_wage);
  }

  async listSettings(): Promise<Array<RuleSetting & { jurisdiction: string; effectiveFrom: string }>> {
    const rows = await this.dataSource.query(
      `SELECT rule, jurisdiction, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", severity, params, source, confidence
         FROM rule_settings ORDER BY rule, jurisdiction, effective_from`,
    );
    return rows;
  }
}

/** Throws one validation error listing every blocking finding; returns the warnings. */
export function enforceFindings(findings: Array<RuleFinding | null>): RuleFinding[] {
  const present = findings.filter((finding): finding is RuleFinding => finding !== null);
  const errors = present.filter((finding) => finding.severity === 'error');
  if (errors.length) {
    throw new DomainError(
      ErrorCode.RuleViolation,
      `Rejected by ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}: ${errors.map((error) => error.message).join('; ')}`,
      errors.map((error) => ({ field: error.field, reason: error.message, rule: error.rule, source: error.source })),
    );
  }
  return present.filter((finding) => finding.severity === 'warning');
}
