import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@journeyline/organizations/organizations.module';
import { ProgramEntity } from './program.entity';
import { ProgramOccupationEntity } from './program-occupation.entity';
import { ProgramOccupationResolver, ProgramVersionResolver } from './program-standards.resolver';
import { ProgramVersionEntity } from './program-version.entity';
import { ProgramsResolver } from './programs.resolver';
import { ProgramsService } from './programs.service';
import { WageScheduleStepEntity } from './wage-schedule-step.entity';
import { WorkProcessEntity } from './work-process.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProgramEntity,
      ProgramVersionEntity,
      ProgramOccupationEntity,
      WorkProcessEntity,
      WageScheduleStepEntity,
    ]),
    OrganizationsModule,
  ],
  providers: [ProgramsService, ProgramsResolver, ProgramVersionResolver, ProgramOccupationResolver],
  exports: [ProgramsService],
})
export class ProgramsModule {}
