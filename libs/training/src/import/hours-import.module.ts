import { Module } from '@nestjs/common';
import { Clock } from '@journeyline/common/clock';
import { HoursImportResolver } from './hours-import.resolver';
import { HoursImportService } from './hours-import.service';

/** Bulk import of OJT hours from CSV and XLSX files (payroll and timesheet exports). */
@Module({
  providers: [HoursImportService, HoursImportResolver, Clock],
  exports: [HoursImportService],
})
export class HoursImportModule {}
