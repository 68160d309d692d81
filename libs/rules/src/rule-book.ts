/**
 * Rules whose thresholds and severities are data (rule_settings), resolved for one jurisdiction
 * and date. Pure checks take a RuleBook, so they run in unit tests without a database.
 */
export type Severity = 'error' | 'warning' | 'off';

export interface RuleSetting {
  rule: string;
  severity: Severity;
  params: Record<string, unknown>;
  source: string;
  confidence: 'verified' | 'unverified';
}

/** A rule's outcome for one field: errors block the write, warnings are returned with the result. */
export interface RuleFinding {
  rule: string;
  severity: 'error' | 'warning';
  field: string;
  message: string;
  source: string;
}

export class RuleBook {
  private readonly byRule: Map<string, RuleSetting>;

  constructor(
    settings: RuleSetting[],
    /** Minimum hourly wage in cents in force for the jurisdiction and date. */
    readonly minimumWageCents: number | null,
  ) {
    this.byRule = new Map(settings.map((setting) => [setting.rule, setting]));
  }

  setting(rule: string): RuleSetting {
    const setting = this.byRule.get(rule);
    if (!setting) throw new Error(`No rule setting named ${rule}: add it to rule_settings`);
    return setting;
  }

  numberParam(rule: string, name: string): number {
    const value = this.setting(rule).params[name];
    if (typeof value !== 'number') throw new Error(`Rule ${rule} needs a numeric parameter ${name}`);
    return value;
  }

  /** A finding for the rule at its configured severity, or null when the rule is switched off. */
  finding(rule: string, field: string, message: string): RuleFinding | null {
    const setting = this.setting(rule);
    if (setting.severity === 'off') return null;
    const tag = setting.confidence === 'unverified' ? ' [unverified rule: confirm with the registration agency]' : '';
    return { rule, severity: setting.severity, field, message, source: `${setting.source}${tag}` };
  }
}
