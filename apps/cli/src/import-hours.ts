import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataSource } from 'typeorm';
import { AccessScopeLoader } from '@journeyline/auth/access-scope.loader';
import { Clock } from '@journeyline/common/clock';
import { DomainError } from '@journeyline/common/domain-error';
import { RulesService } from '@journeyline/rules/rules.service';
import { HoursImportService, MAX_ERROR_LINES_PER_PAGE } from '@journeyline/training/import/hours-import.service';

export const IMPORT_HOURS_USAGE = `Usage: journeyline import-hours <file.csv|file.xlsx> --as <e-mail> [--valid-rows]

Imports OJT hours from a timesheet or payroll export as the user with that e-mail: the same
columns, rules and reach as the importOjtHours mutation, without its 50 MB limit (the file is
streamed). Without --valid-rows one bad row means nothing is written. Every bad row goes to
stderr as "line N: column: reason"; the exit code is 0 when every row was imported, 1 when some
were bad, 2 for a usage error. Needs DATABASE_URL only.`;

class UsageError extends Error {}

/** `journeyline import-hours`: see IMPORT_HOURS_USAGE. */
export async function importHoursFromCli(args: string[], databaseUrl = process.env.DATABASE_URL): Promise<number> {
  try {
    if (!databaseUrl) throw new UsageError('DATABASE_URL must be set');
    return await importHours(args, databaseUrl);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${IMPORT_HOURS_USAGE}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function importHours(args: string[], databaseUrl: string): Promise<number> {
  const asAt = args.indexOf('--as');
  const email = asAt >= 0 ? args[asAt + 1] : undefined;
  if (!email || email.startsWith('--')) throw new UsageError('--as <e-mail> is required: the user the hours are imported as');
  const files = args.filter((arg, index) => !arg.startsWith('--') && index !== asAt + 1);
  if (files.length !== 1) throw new UsageError('give exactly one file');
  const [file] = files;
  const extension = extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') throw new UsageError(`"${file}" is neither a .csv nor an .xlsx file`);
  await access(file).catch(() => {
    throw new UsageError(`cannot read "${file}"`);
  });

  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const [user] = await dataSource.query(`SELECT id FROM users WHERE email = lower($1) AND is_active`, [email]);
    const scope = user && (await new AccessScopeLoader(dataSource).load(user.id));
    if (!scope) throw new UsageError(`no active user has the e-mail "${email}"`);
    const service = new HoursImportService(dataSource, new Clock(), new RulesService(dataSource));
    const mode = args.includes('--valid-rows') ? 'valid_rows' : 'all_or_nothing';
    const stream = createReadStream(file);
    const outcome =
      extension === '.csv' ? await service.importCsv(scope, file, stream, mode) : await service.importXlsx(scope, file, stream, mode);
    for (let afterLine = 0; ; ) {
      const page = await service.errors(outcome.importId, MAX_ERROR_LINES_PER_PAGE, afterLine);
      if (!page.length) break;
      for (const problem of page) process.stderr.write(`line ${problem.line}: ${problem.field}: ${problem.reason}\n`);
      afterLine = page[page.length - 1].line;
    }
    process.stdout.write(
      `${outcome.status}: ${outcome.importedRows} of ${outcome.totalRows} rows imported, ${outcome.errorRows} bad ` +
        `(import ${outcome.importId})\n`,
    );
    return outcome.errorRows ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}
