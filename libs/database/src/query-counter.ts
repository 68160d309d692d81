import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/**
 * Counts the SQL statements TypeORM sends. Tests read it to prove nested GraphQL lists are
 * batched (no N+1); slow-query and error logging go through the app logger elsewhere.
 */
export class QueryCounter extends AbstractLogger {
  private static count = 0;

  constructor() {
    super(['query']);
  }

  static current(): number {
    return QueryCounter.count;
  }

  protected override writeLog(level: LogLevel, _message: LogMessage | LogMessage[]): void {
    if (level === 'query') QueryCounter.count += 1;
  }
}
