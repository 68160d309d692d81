import { Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig } from '@journeyline/config/app-config';
import { ConfigModule } from '@journeyline/config/config.module';
import { DatabaseModule } from '@journeyline/database/database.module';
import { RulesModule } from '@journeyline/rules/rules.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_ACTOR_ID } from './scopes';
import { testConfig } from './test-config';

export interface ServiceHarness {
  moduleRef: TestingModule;
  dataSource: DataSource;
  database: TestDatabase;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * Boots the given feature modules on a private, migrated database, for integration tests of
 * services (no HTTP, no GraphQL).
 */
export async function startServices(modules: Type<unknown>[]): Promise<ServiceHarness> {
  const database = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, RulesModule, ...modules] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(database.url))
    .compile();
  await moduleRef.init();
  const dataSource = moduleRef.get(DataSource);
  await insertTestActor(dataSource);
  return {
    moduleRef,
    dataSource,
    database,
    get: (type) => moduleRef.get(type),
    async close() {
      await moduleRef.close();
      await database.drop();
    },
  };
}

/** The acting user of the scopes in scopes.ts, so audit rows have a real actor. */
export async function insertTestActor(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, 'test-actor@example.org', 'Test actor', 'none')`,
    [TEST_ACTOR_ID],
  );
}
