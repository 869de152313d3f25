/**
 * Starting the command-line audio tools (sox, soxi, flite) with errors that say what went wrong:
 * a missing binary names the package to install, a failed run carries the tool's stderr.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { TestingError, TestingErrorCode } from './testing-error';

const INSTALL_HINT = 'install them with: apt-get update && apt-get install -y sox flite';

/** Output larger than this is a mistake in the caller (an hour of 16 kHz audio is 115 MB). */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Fails with an install hint when sox or flite is missing, so specs fail loudly instead of skipping. */
export function requireSoxAndFlite(): void {
  for (const tool of ['sox', 'flite']) {
    // `flite --version` exits with 1, so only a failure to start the binary counts as missing.
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error) {
      throw new TestingError(TestingErrorCode.ToolMissing, `This needs the \`${tool}\` binary (${INSTALL_HINT}): ${probe.error.message}`);
    }
  }
}

/**
 * Runs `tool` to completion and returns its stdout; `input` (if any) is written to its stdin.
 * @throws TestingError `TESTING_ERR_TOOL_MISSING` or `TESTING_ERR_TOOL_FAILED`.
 */
export function runTool(tool: string, args: readonly string[], input?: Uint8Array): Buffer {
  try {
    return execFileSync(tool, args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: MAX_OUTPUT_BYTES });
  } catch (error) {
    throw toolFailure(tool, args, error);
  }
}

/**
 * Runs `tool` without blocking the event loop and resolves with its stdout; `input` (if any)
 * is written to its stdin.
 * @throws TestingError `TESTING_ERR_TOOL_MISSING` or `TESTING_ERR_TOOL_FAILED` (as a rejection).
 */
export function runToolAsync(tool: string, args: readonly string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(tool, args, { encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
      if (error) reject(toolFailure(tool, args, Object.assign(error, { stderr })));
      else resolve(stdout);
    });
    // A tool that dies before reading its input breaks the pipe; the exit callback above then
    // reports why, so this only has to keep the EPIPE from becoming an unhandled 'error' event.
    child.stdin?.once('error', (error) => reject(toolFailure(tool, args, error)));
    child.stdin?.end(input);
  });
}

function toolFailure(tool: string, args: readonly string[], error: unknown): TestingError {
  const { code, message, stderr } = error as { code?: string; message?: string; stderr?: Buffer | string };
  if (code === 'ENOENT') return new TestingError(TestingErrorCode.ToolMissing, `\`${tool}\` is not installed (${INSTALL_HINT})`);
  const detail = stderr?.toString().trim() || message || String(error);
  return new TestingError(TestingErrorCode.ToolFailed, `${tool} ${args.join(' ')} failed: ${detail}`);
}
