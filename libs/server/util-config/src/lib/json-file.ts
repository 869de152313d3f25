import { readFileSync } from 'node:fs';
import { ConfigError } from './env-parsers';

/**
 * The JSON a file named by the variable `variable` holds (a settings file such as
 * `TNT_ASSIST_CARDS_FILE`); a file that cannot be read or is not JSON throws a `ConfigError`
 * naming the variable, so the start stops saying which setting to fix.
 */
export function readJsonFile(variable: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `must name a readable file (${(error as Error).message})`, file);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(variable, `must hold JSON (${(error as Error).message})`, file);
  }
}
