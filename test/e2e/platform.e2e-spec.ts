import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { hashPassword } from '@journeyline/auth/password-hasher';
import { startTestApi, TestApi } from '../support/test-api';

const SCHEMA_FILE = 'apps/api/schema.gql';

describe('platform (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const dataSource = api.app.get(await import('typeorm').then((typeorm) => typeorm.DataSource));
    const [platform] = await dataSource.query(`INSERT INTO organizations (kind, name) VALUES ('platform', 'P') RETURNING id`);
    const [user] = await dataSource.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ('admin@example.org', 'Admin', $1) RETURNING id`,
      [await hashPassword('correct horse battery')],
    );
    await dataSource.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'platform_admin')`, [
      user.id,
      platform.id,
    ]);
  });

  afterAll(() => api.close());

  it('reports database and Redis health', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('serves the schema committed in apps/api/schema.gql (`npm run schema:update` rewrites it)', async () => {
    const live = printSchema(api.app.get(GraphQLSchemaHost).schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') await writeFile(SCHEMA_FILE, live);
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');
    expect(live).toBe(committed);
  });

  it('logs in with the right password and returns roles', async () => {
    const result = await api.gql(
      `mutation { login(input: { email: "Admin@Example.org", password: "correct horse battery" }) { token user { email memberships { role } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.login.user).toEqual({ email: 'admin@example.org', memberships: [{ role: 'PLATFORM_ADMIN' }] });
    const me = await api.gql(`{ me { email } }`, undefined, result.data?.login.token);
    expect(me.data?.me.email).toBe('admin@example.org');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const result = await api.gql(`mutation { login(input: { email: "admin@example.org", password: "nope" }) { token } }`);
    expect(result.errors?.[0]).toMatchObject({ message: 'Wrong e-mail or password', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('requires a token for everything else', async () => {
    const result = await api.gql(`{ me { email } }`);
    expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await api.gql(`{ me { email } }`, undefined, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers malformed input with the field and the reason', async () => {
    const result = await api.gql(`mutation { login(input: { email: "not-an-email", password: "x" }) { token } }`);
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'email', reason: 'email must be an e-mail address' }],
    });
  });

  it('names a missing required field', async () => {
    const result = await api.gql(`mutation { login(input: { email: "a@b.org" }) { token } }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'password' }] });
  });
});
