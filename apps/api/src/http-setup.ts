import { NestExpressApplication } from '@nestjs/platform-express';

/** Room for base64 file uploads in GraphQL: the largest accepted file (a 50 MB hours import) is ~67 MB of base64. */
export const JSON_BODY_LIMIT = '70mb';

/** HTTP settings shared by the real server and the test server. */
export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.enableShutdownHooks();
}
