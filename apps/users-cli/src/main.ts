/**
 * TnT user administration: add, list and remove built-in users, mint tokens for scripts.
 *
 *   node dist/server/apps/users-cli/src/main.js add ana --role agent --agent-id agent-7
 *   node dist/server/apps/users-cli/src/main.js list
 *   node dist/server/apps/users-cli/src/main.js remove ana
 *   TOKEN=$(node dist/server/apps/users-cli/src/main.js token supervisor)
 *
 * Run it with the gateway's environment (TNT_DATA_DIR, TNT_JWT_SECRET); `--help` explains the rest.
 */
import { promptHidden, readFirstLine } from './lib/password-input';
import { runUsersCli } from './lib/users-cli';

let pipedPassword: Promise<string> | undefined;

/** Hidden prompt on a terminal; from a pipe, its first line answers every prompt (no repeat is typed there). */
function readPassword(prompt: string): Promise<string> {
  if (process.stdin.isTTY) return promptHidden(prompt, process.stdin, process.stderr);
  pipedPassword ??= readFirstLine(process.stdin);
  return pipedPassword;
}

runUsersCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readPassword,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`users: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
