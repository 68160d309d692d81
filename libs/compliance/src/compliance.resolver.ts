import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { Connection, mapPage, Page } from '@journeyline/common/pagination';
import { AlertsService } from './alerts.service';
import { ComplianceAlertEntity } from './compliance-alert.entity';
import {
  ComplianceAlertKind,
  ComplianceAlertModel,
  ComplianceAlertsArgs,
  ComplianceAlertSeverity,
} from './compliance.models';

const ComplianceAlertConnection = Connection(ComplianceAlertModel, 'ComplianceAlert');

export function toComplianceAlertModel(entity: ComplianceAlertEntity): ComplianceAlertModel {
  return {
    id: entity.id,
    kind: entity.kind as ComplianceAlertKind,
    severity: entity.severity as ComplianceAlertSeverity,
    sponsorId: entity.sponsorId,
    registrationId: entity.registrationId ?? undefined,
    employerId: entity.employerId ?? undefined,
    message: entity.message,
    details: JSON.stringify(entity.details),
    firstSeenAt: entity.firstSeenAt,
    lastSeenAt: entity.lastSeenAt,
    resolvedAt: entity.resolvedAt ?? undefined,
  };
}

@Resolver(() => ComplianceAlertModel)
export class ComplianceResolver {
  constructor(private readonly alerts: AlertsService) {}

  @Query(() => ComplianceAlertConnection, { description: 'Compliance alerts on sponsors, employers and registrations you reach.' })
  @RequirePermission(Permission.ReadRegistry)
  async complianceAlerts(@CurrentScope() scope: AccessScope, @Args() args: ComplianceAlertsArgs): Promise<Page<ComplianceAlertModel>> {
    return mapPage(await this.alerts.list(scope, args), toComplianceAlertModel);
  }
}
