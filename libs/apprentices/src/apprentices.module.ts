import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { ApprenticeEntity } from './apprentice.entity';
import { ApprenticesResolver } from './apprentices.resolver';
import { ApprenticesService } from './apprentices.service';
import { PiiCipher } from './pii-cipher';
import { RegistrationEntity } from './registration.entity';
import { RegistrationStatusEventEntity } from './registration-status-event.entity';
import { RegistrationsResolver } from './registrations.resolver';
import { RegistrationsService } from './registrations.service';

/** Apprentices (the people) and their registrations (apprenticeship agreements). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApprenticeEntity, RegistrationEntity, RegistrationStatusEventEntity]),
    OrganizationsModule,
    ProgramsModule,
  ],
  providers: [ApprenticesService, RegistrationsService, ApprenticesResolver, RegistrationsResolver, PiiCipher, Clock],
  exports: [ApprenticesService, RegistrationsService, PiiCipher],
})
export class ApprenticesModule {}
