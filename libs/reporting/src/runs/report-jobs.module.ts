import { Module } from '@nestjs/common';
import { PiiCipher } from '@journeyline/apprentices/pii-cipher';
import { Clock } from '@journeyline/common/clock';
import { RecordAssembler } from '../assembler/record-assembler';
import { ArtifactCipher } from './artifact-cipher';
import { ReportGenerator } from './report-generator';
import { VaCertificationSchedule } from './va-certification-schedule';

/**
 * The worker side of reporting: the GenerateReport job and the monthly VA schedule. Needs only
 * ConfigModule and DatabaseModule from the importing root.
 */
@Module({
  providers: [RecordAssembler, PiiCipher, ArtifactCipher, ReportGenerator, VaCertificationSchedule, Clock],
  exports: [RecordAssembler, ReportGenerator, VaCertificationSchedule],
})
export class ReportJobsModule {}
