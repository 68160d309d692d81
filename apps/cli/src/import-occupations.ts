import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@journeyline/common/json-logger';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { importOccupationListFile } from '@journeyline/occupations/import-occupation-list';
import { OccupationsModule } from '@journeyline/occupations/occupations.module';
import { OccupationsService } from '@journeyline/occupations/occupations.service';
import { Module } from '@nestjs/common';

@Module({ imports: [ConfigModule, DatabaseModule, OccupationsModule] })
class ImportOccupationsModule {}

/** `journeyline import-occupations <file> [--valid-rows]`: prints counts and every bad row; exit 1 when any row was bad. */
export async function importOccupationsFromCli(path: string, keepValidRows: boolean): Promise<number> {
  const app = await NestFactory.createApplicationContext(ImportOccupationsModule, { logger: new JsonLogger('cli', 'warn') });
  try {
    const outcome = await importOccupationListFile(app.get(OccupationsService), path, keepValidRows ? 'valid_rows' : 'all_or_nothing');
    for (const problem of outcome.problems) {
      process.stderr.write(`line ${problem.line}: ${problem.field}: ${problem.reason}\n`);
    }
    process.stdout.write(`inserted ${outcome.inserted}, updated ${outcome.updated}, bad rows ${outcome.problems.length}\n`);
    return outcome.problems.length ? 1 : 0;
  } finally {
    await app.close();
  }
}
