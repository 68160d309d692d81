import { Query, Resolver } from '@nestjs/graphql';
import { RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { RuleSettingModel } from './rule.models';
import { RulesService } from './rules.service';

@Resolver()
export class RulesResolver {
  constructor(private readonly rules: RulesService) {}

  @Query(() => [RuleSettingModel], { description: 'Dated rule settings: thresholds, severities and their sources.' })
  @RequirePermission(Permission.ReadRegistry)
  async ruleSettings(): Promise<RuleSettingModel[]> {
    const settings = await this.rules.listSettings();
    return settings.map((setting) => ({ ...setting, params: JSON.stringify(setting.params) }));
  }
}
