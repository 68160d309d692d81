import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { OccupationImportMode, OccupationImportOutcome, OccupationsService } from './occupations.service';

/** For the CLI (`journeyline import-occupations <file>`): imports a DOL list file from disk. */
export async function importOccupationListFile(
  service: OccupationsService,
  path: string,
  mode: OccupationImportMode = 'all_or_nothing',
): Promise<OccupationImportOutcome> {
  return service.importFile(basename(path), await readFile(path), mode);
}
