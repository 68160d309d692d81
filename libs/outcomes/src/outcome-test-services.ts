import { Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock } from '@journeyline/common/clock';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { TEST_ACTOR_ID } from '../../../test/support/scopes';
import { testConfig } from '../../../test/support/test-config';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

export interface OutcomeServices {
  moduleRef: TestingModule;
  dataSource: DataSource;
  database: TestDatabase;
  get<T>(type: Type<T>): T;
  /** Sets the small-cell threshold (rule outcomes.min_cell_size, national). */
  setMinCellSize(size: number): Promise<void>;
  close(): Promise<void>;
}

/** A clock stopped at `today`, so retention and "not in the future" checks are reproducible. */
export function fixedClock(today: string): Clock {
  return { today: () => today, now: () => new Date(`${today}T12:00:00Z`) } as Clock;
}

/** Like startServices (test/support/test-module.ts), with the clock fixed at `today`. */
export async function startOutcomeServices(modules: Type<unknown>[], today: string): Promise<OutcomeServices> {
  const database = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, RulesModule, ...modules] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(database.url))
    .overrideProvider(Clock)
    .useValue(fixedClock(today))
    .compile();
  await moduleRef.init();
  const dataSource = moduleRef.get(DataSource);
  await dataSource.query(
    `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, 'test-actor@example.org', 'Test actor', 'none')`,
    [TEST_ACTOR_ID],
  );
  return {
    moduleRef,
    dataSource,
    database,
    get: (type) => moduleRef.get(type, { strict: false }),
    async setMinCellSize(size: number) {
      await dataSource.query(
        `UPDATE rule_settings SET params = jsonb_build_object('minCellSize', $1::int) WHERE rule = 'outcomes.min_cell_size' AND jurisdiction = 'US'`,
        [size],
      );
    },
    async close() {
      await moduleRef.close();
      await database.drop();
    },
  };
}
