/** A cue read back from a subtitle file. */
export interface ParsedCue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

function timeToMs(time: string): number {
  const match = /^(\d{2,}):(\d{2}):(\d{2})[.,](\d{3})$/.exec(time);
  if (!match) throw new Error(`not a cue time: ${time}`);
  const [, hours, minutes, seconds, millis] = match.map(Number);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

function blocksOf(text: string): string[][] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n').filter((line) => line !== ''))
    .filter((lines) => lines.length > 0);
}

function readTiming(line: string, separator: '.' | ','): { startMs: number; endMs: number } {
  const [start, end, ...rest] = line.split(' --> ');
  if (end === undefined || rest.length > 0 || !start.includes(separator)) throw new Error(`not a timing line: ${line}`);
  return { startMs: timeToMs(start), endMs: timeToMs(end.split(' ')[0]) };
}

/**
 * Reads WebVTT the way a player does for the parts TnT writes: the `WEBVTT` header, optional cue
 * identifiers, timing lines, `<v Speaker>` voice spans and the `&amp; &lt; &gt;` escapes.
 */
export function parseWebVtt(file: string): ParsedCue[] {
  const [header, ...cues] = blocksOf(file);
  if (!/^WEBVTT($|[ \t])/.test(header[0])) throw new Error(`missing WEBVTT header: ${header[0]}`);
  return cues.map((lines) => {
    const timingIndex = lines.findIndex((line) => line.includes('-->'));
    if (timingIndex < 0 || timingIndex > 1) throw new Error(`cue without timing: ${lines.join(' / ')}`);
    const voice = /^<v ([^>]+)>(.*)$/.exec(lines.slice(timingIndex + 1).join('\n'));
    if (!voice) throw new Error(`cue without voice span: ${lines.join(' / ')}`);
    const text = voice[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return { ...readTiming(lines[timingIndex], '.'), speaker: voice[1], text };
  });
}

/** Reads SubRip: a counter line, a timing line with `,` milliseconds, then `Speaker: text`. */
export function parseSrt(file: string): ParsedCue[] {
  return blocksOf(file).map((lines, index) => {
    if (lines[0] !== String(index + 1)) throw new Error(`cue ${index + 1} is numbered ${lines[0]}`);
    const spoken = /^([^:]+): (.*)$/.exec(lines.slice(2).join('\n'));
    if (!spoken) throw new Error(`cue without speaker: ${lines.join(' / ')}`);
    return { ...readTiming(lines[1], ','), speaker: spoken[1], text: spoken[2] };
  });
}
