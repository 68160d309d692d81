import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { AlertsService } from './alerts.service';
import { ComplianceAlertEntity } from './compliance-alert.entity';
import { ComplianceResolver } from './compliance.resolver';

/** Compliance alerts: evaluated by the worker, listed by reach in the api. */
@Module({
  imports: [TypeOrmModule.forFeature([ComplianceAlertEntity])],
  providers: [AlertsService, ComplianceResolver, Clock],
  exports: [AlertsService],
})
export class ComplianceModule {}
