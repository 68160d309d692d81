import { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { AuthModule } from '@journeyline/auth/auth.module';
import { CompetenciesModule } from '@journeyline/competencies/competencies.module';
import { ComplianceModule } from '@journeyline/compliance/compliance.module';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RedisModule } from '@journeyline/jobs/redis.module';
import { OccupationsModule } from '@journeyline/occupations/occupations.module';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { OutcomesModule } from '@journeyline/outcomes/outcomes.module';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { ReportsModule } from '@journeyline/reporting/runs/reports.module';
import { RtiModule } from '@journeyline/rti/rti.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { HoursImportModule } from '@journeyline/training/import/hours-import.module';
import { TrainingModule } from '@journeyline/training/training.module';
import { WagesModule } from '@journeyline/wages/wages.module';
import { DomainErrorFilter } from './domain-error.filter';
import { graphqlModuleOptions, validationPipe } from './graphql-setup';
import { HealthController } from './health.controller';
import { ReportDownloadsController } from './report-downloads.controller';

/** The capabilities the API serves; the schema is built from their resolvers. */
export const API_FEATURE_MODULES = [
  AuthModule,
  OrganizationsModule,
  OccupationsModule,
  ProgramsModule,
  RulesModule,
  ApprenticesModule,
  RtiModule,
  CompetenciesModule,
  TrainingModule,
  HoursImportModule,
  WagesModule,
  ComplianceModule,
  ReportsModule,
  OutcomesModule,
];

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    GraphQLModule.forRoot<ApolloDriverConfig>(graphqlModuleOptions()),
    ...API_FEATURE_MODULES,
  ],
  controllers: [HealthController, ReportDownloadsController],
  providers: [
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_PIPE, useValue: validationPipe() },
  ],
})
export class ApiModule {}
