import { NestExpressApplication } from '@nestjs/platform-express';

/** Room for base64 file uploads in GraphQL (a 20 MB occupation list is ~27 MB of base64). */
export const JSON_BODY_LIMIT = '28mb';

/** HTTP settings shared by the real server and the test server. */
export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.enableShutdownHooks();
}
