import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprenticesModule } from '@journeyline/apprentices/apprentices.module';
import { Clock } from '@journeyline/common/clock';
import { WorkProcessEntity } from '@journeyline/programs/work-process.entity';
import { OjtHourEntryEntity } from './ojt-hour-entry.entity';
import { OjtHoursResolver } from './ojt-hours.resolver';
import { OjtHoursService } from './ojt-hours.service';
import { ProgressService } from './progress.service';
import { RegistrationProgressResolver } from './registration-progress.resolver';

/** Training records: OJT hours with their approval workflow, and progress toward the term. */
@Module({
  imports: [TypeOrmModule.forFeature([OjtHourEntryEntity, WorkProcessEntity]), ApprenticesModule],
  providers: [OjtHoursService, ProgressService, OjtHoursResolver, RegistrationProgressResolver, Clock],
  exports: [OjtHoursService, ProgressService],
})
export class TrainingModule {}
