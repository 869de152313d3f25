import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where one share of a CPU profile's samples went. */
export interface ProfileShare {
  readonly name: string;
  /** % of all sampled time. */
  readonly percent: number;
}

/** The hot spots of one V8 CPU profile: by function (self time) and by package or area. */
export interface ProfileSummary {
  readonly file: string;
  readonly sampledSeconds: number;
  readonly topFunctions: readonly ProfileShare[];
  readonly byArea: readonly ProfileShare[];
}

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The area a script belongs to: an npm package, a TnT lib, Node itself, or a V8 pseudo-frame. */
function areaOf(node: CpuProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  if (url.startsWith('node:')) return 'node internals';
  const tntLib = /dist\/server\/(libs\/[^/]+\/[^/]+|apps\/[^/]+)/.exec(url);
  return tntLib ? tntLib[1] : basename(url);
}

function top(times: Map<string, number>, total: number, count: number): ProfileShare[] {
  return [...times.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, percent: Math.round((micros / total) * 1000) / 10 }));
}

/** Summarises a `.cpuprofile` written by `node --cpu-prof`. */
export function summariseProfile(path: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + micros);
    total += micros;
  });
  return {
    file: path,
    sampledSeconds: Math.round(total / 1e4) / 100,
    topFunctions: top(byFunction, total, count),
    byArea: top(byArea, total, 12),
  };
}

/** Summaries of every profile in `directory`, oldest first. */
export function summariseProfiles(directory: string): ProfileSummary[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort()
    .map((file) => summariseProfile(join(directory, file)));
}
