/**
 * Preloaded into a child process (`node --require …/cpu-profile-preload.js main.js`, spawned with
 * an IPC channel) by benchmarks that profile it, when BENCH_CPU_PROFILE_DIR is set: samples the
 * CPU from start-up, and on each 'cpu-profile' message writes what was sampled since the previous
 * one to `<dir>/<n>.cpuprofile`, answers with the file's path and starts sampling again.
 * `--cpu-prof` is no use here: it writes only on a normal exit, and Nest ends the worker by
 * re-raising SIGTERM (and treats SIGUSR2 as a shutdown signal too, hence the message).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const directory = process.env.BENCH_CPU_PROFILE_DIR;
if (directory && process.send) {
  const session = new Session();
  session.connect();
  const post = <T = unknown>(method: string): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
  let sequence = 0;
  void post('Profiler.enable').then(() => post('Profiler.start'));
  process.on('message', (message) => {
    if (message !== 'cpu-profile') return;
    void post<{ profile: object }>('Profiler.stop').then(async ({ profile }) => {
      const file = join(directory, `${sequence++}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      await post('Profiler.start');
      process.send!({ cpuProfile: file });
    });
  });
}
