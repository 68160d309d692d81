import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('RuleFinding', { description: 'A rule that flagged the input. Warnings do not block the write.' })
export class RuleFindingModel {
  @Field()
  rule: string;

  @Field()
  severity: string;

  @Field()
  field: string;

  @Field()
  message: string;

  @Field({ description: 'The regulation or document the rule comes from.' })
  source: string;
}

@ObjectType('RuleSetting')
export class RuleSettingModel {
  @Field()
  rule: string;

  @Field()
  jurisdiction: string;

  @Field()
  effectiveFrom: string;

  @Field()
  severity: string;

  @Field({ description: 'JSON parameters, e.g. {"minHours":2000}.' })
  params: string;

  @Field()
  source: string;

  @Field()
  confidence: string;
}
