// Runs the `asuh` command in a child process, the way an operator would.
import { execFile } from 'node:child_process';

export type CliResult = { code: number; out: string; err: string };

/** Asynchronous, so the test worker stays responsive while the command runs. `env` adds to or overrides the test's environment. */
export function runAsuh(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/asuh.js', ...args],
      { env: { ...process.env, NODE_ENV: 'test', ...env }, timeout: 60_000 },
      (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
      },
    );
  });
}
