import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@journeyline/common/clock';
import { ProgramsModule } from '@journeyline/programs/programs.module';
import { AgencyCrosswalkResolver } from '../assembler/agency-crosswalk.resolver';
import { AgencyCrosswalkService } from '../assembler/agency-crosswalk.service';
import { ArtifactCipher } from './artifact-cipher';
import { ReportRunEntity } from './report-run.entity';
import { ReportRunsResolver } from './report-runs.resolver';
import { ReportRunsService } from './report-runs.service';

/** The api side of reporting: requesting and reading report runs, downloads, and the agency crosswalk. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportRunEntity]), ProgramsModule],
  providers: [ReportRunsService, ReportRunsResolver, AgencyCrosswalkService, AgencyCrosswalkResolver, ArtifactCipher, Clock],
  exports: [ReportRunsService],
})
export class ReportsModule {}
