export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command-line entry point with process.stdout and process.stderr captured. */
export async function captureOutput(run: () => Promise<number>): Promise<CommandOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const { write: stdoutWrite } = process.stdout;
  const { write: stderrWrite } = process.stderr;
  process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(chunk) > 0) as typeof process.stderr.write;
  try {
    return { code: await run(), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}
