import { Registry1732190000000 } from './1732190000000-registry';
import { RuleDefaults1732190000100 } from './1732190000100-rule-defaults';
import { Training1732290000000 } from './1732290000000-training';
import { TrainingRuleDefaults1732290000100 } from './1732290000100-training-rule-defaults';
import { ReportRuns1732390000000 } from './1732390000000-report-runs';
import { Outcomes1732490000000 } from './1732490000000-outcomes';
import { GovernmentEmployers1732590000000 } from './1732590000000-government-employers';

/** Every migration, oldest first. Add new ones at the end; never edit one that has landed. */
export const MIGRATIONS = [Registry1732190000000, RuleDefaults1732190000100, Training1732290000000, TrainingRuleDefaults1732290000100, ReportRuns1732390000000, Outcomes1732490000000, GovernmentEmployers1732590000000];
