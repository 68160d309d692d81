import { ChildProcess, spawn } from 'node:child_process';

/** Runs the compiled api (dist/) as its own process and waits until `base`/health answers. */
export async function startApi(base: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (healthy) return api;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  api.kill();
  throw new Error('api did not become healthy');
}

/** A GraphQL caller for the api at `base`; an answer without data throws its errors. */
export function graphqlClient(base: string) {
  return async function graphql<T>(query: string, variables: object, token?: string): Promise<T> {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}
