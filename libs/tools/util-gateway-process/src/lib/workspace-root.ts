import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root (the folder holding nx.json), found upwards from this file in source or in dist. */
export function workspaceRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no nx.json above ${from}`);
    directory = parent;
  }
  return directory;
}
