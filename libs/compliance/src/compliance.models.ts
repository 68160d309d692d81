import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '@journeyline/common/pagination';

export enum ComplianceAlertKind {
  WAGE_STEP_DUE = 'wage_step_due',
  WAGE_STEP_OVERDUE = 'wage_step_overdue',
  RATIO_EXCEEDED = 'ratio_exceeded',
  RTI_BEHIND_PACE = 'rti_behind_pace',
  NO_HOURS_LOGGED = 'no_hours_logged',
  REGISTRATION_PENDING_TOO_LONG = 'registration_pending_too_long',
  VA_MONTH_NOT_CERTIFIED = 'va_month_not_certified',
  VA_WAGE_RULE_AT_RISK = 'va_wage_rule_at_risk',
  WORK_PROCESS_OVER_ALLOTMENT = 'work_process_over_allotment',
}
registerEnumType(ComplianceAlertKind, { name: 'ComplianceAlertKind' });

export enum ComplianceAlertSeverity {
  INFO = 'info',
  WARNING = 'warning',
  CRITICAL = 'critical',
}
registerEnumType(ComplianceAlertSeverity, { name: 'ComplianceAlertSeverity' });

@ObjectType('ComplianceAlert', {
  description: 'A condition that needs attention. The worker refreshes it while it holds and resolves it when it clears.',
})
export class ComplianceAlertModel {
  @Field(() => ID)
  id: string;

  @Field(() => ComplianceAlertKind)
  kind: ComplianceAlertKind;

  @Field(() => ComplianceAlertSeverity)
  severity: ComplianceAlertSeverity;

  @Field(() => ID)
  sponsorId: string;

  @Field(() => ID, { nullable: true, description: 'Null for employer-level alerts (the ratio).' })
  registrationId?: string;

  @Field(() => ID, { nullable: true })
  employerId?: string;

  @Field()
  message: string;

  @Field({ description: 'JSON with the figures behind the alert, e.g. {"steps":[2],"daysWaiting":31}.' })
  details: string;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field({ nullable: true })
  resolvedAt?: Date;
}

@ArgsType()
export class ComplianceAlertsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'sponsorId must be an id' })
  sponsorId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'registrationId must be an id' })
  registrationId?: string;

  @Field(() => ComplianceAlertKind, { nullable: true })
  @IsOptional()
  @IsEnum(ComplianceAlertKind)
  kind?: ComplianceAlertKind;

  @Field(() => Boolean, { defaultValue: false, description: 'Include alerts that have cleared.' })
  @IsBoolean()
  includeResolved: boolean = false;
}
