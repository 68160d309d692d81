import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@journeyline/config/app-config';
import { QueryCounter } from './query-counter';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres',
        url: config.DATABASE_URL,
        autoLoadEntities: true,
        // The schema changes only through reviewed migrations (migrations/).
        synchronize: false,
        migrationsRun: false,
        logging: ['query'],
        logger: new QueryCounter(),
        extra: { max: 20, application_name: 'journeyline' },
      }),
    }),
  ],
})
export class DatabaseModule {}
