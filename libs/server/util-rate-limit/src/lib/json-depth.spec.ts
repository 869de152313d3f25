import { checkJsonDepth, exceedsJsonDepth } from './json-depth';

/** Depth of a parsed value, the slow reference the scanner must agree with. */
function parsedDepth(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(parsedDepth));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(parsedDepth));
  return 0;
}

function randomValue(depthLeft: number, random: () => number): unknown {
  const pick = random();
  if (depthLeft === 0 || pick < 0.3) {
    const strings = ['plain', 'with "quotes" and \\ backslash', 'brackets [{ }] inside', '\\"', 'ünïcödé ✓ {'];
    return pick < 0.15 ? strings[Math.floor(random() * strings.length)] : Math.round(random() * 100);
  }
  const children = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomValue(depthLeft - 1, random));
  if (pick < 0.65) return children;
  return Object.fromEntries(children.map((child, index) => [`k${index}{[`, child]));
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** `bytes` behind a proxy that notes the highest index read from it. */
function readsRecorded(bytes: Buffer): { bytes: Buffer; furthestIndexRead: () => number } {
  let furthest = -1;
  const watched = new Proxy(bytes, {
    get(target, property) {
      if (typeof property === 'string' && /^\d+$/.test(property)) furthest = Math.max(furthest, Number(property));
      const value = Reflect.get(target, property);
      // Typed-array methods and getters need the real array as `this`, not the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { bytes: watched, furthestIndexRead: () => furthest };
}

describe('exceedsJsonDepth', () => {
  it('counts {} as depth 1 and compares with the limit inclusively', () => {
    expect(exceedsJsonDepth('{}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":[1]}', 1)).toBe(true);
    expect(exceedsJsonDepth('{"a":[1]}', 2)).toBe(false);
    expect(exceedsJsonDepth('"just a string"', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth('{"text":"[[[[{{{{\\"]]]]"}', 1)).toBe(false);
    expect(exceedsJsonDepth('["\\\\", [[1]]]', 2)).toBe(true);
  });

  it('agrees with JSON.parse on 500 random documents, as text and as UTF-8 bytes', () => {
    const random = seededRandom(42);
    const depthsSeen = new Set<number>();
    for (let sample = 0; sample < 500; sample++) {
      const json = JSON.stringify(randomValue(8, random));
      const depth = parsedDepth(JSON.parse(json));
      depthsSeen.add(depth);
      for (const limit of [depth - 1, depth].filter((candidate) => candidate >= 0)) {
        expect(exceedsJsonDepth(json, limit)).toBe(limit < depth);
        expect(exceedsJsonDepth(Buffer.from(json), limit)).toBe(limit < depth);
      }
    }
    expect(Math.max(...depthsSeen)).toBeGreaterThanOrEqual(6);
  });

  it('rejects 64 KiB of nested brackets after reading only the first levels', () => {
    const attack = '['.repeat(65_536);
    expect(checkJsonDepth(attack, 16)?.code).toBe('JSON_TOO_DEEP');
    // Counted rather than timed (a busy machine can stretch even a microsecond past any bound):
    // the bytes, watched, must be read no further than the 17th bracket.
    const watched = readsRecorded(Buffer.from(attack));
    expect(checkJsonDepth(watched.bytes, 16)?.code).toBe('JSON_TOO_DEEP');
    expect(watched.furthestIndexRead()).toBe(16);
  });

  it('names the limit in its error', () => {
    expect(checkJsonDepth('[[[]]]', 2)?.message).toBe('JSON nests deeper than 2 levels');
    expect(checkJsonDepth('[[[]]]', 3)).toBeUndefined();
  });
});
