import { isSpeaker, type Speaker } from '@tnt/protocol';
import { SpeechError, SpeechErrorCode } from './speech-error';

/** One speaker's turn in a scripted conversation. */
export interface ConversationTurn {
  readonly speaker: Speaker;
  /** What the speaker says: the reference text for word error rates. */
  readonly text: string;
  /** When the speech starts, in milliseconds from the start of the recording. */
  readonly startMs: number;
  /** When the speech ends, in milliseconds from the start of the recording. */
  readonly endMs: number;
}

/** The script.json of a conversation fixture: reference text and timing. */
export interface ConversationScript {
  /** Folder name, e.g. `billing-question`. */
  readonly name: string;
  /** One-line description of the call. */
  readonly title: string;
  /** Sample rate of the fixture's audio, in Hz. */
  readonly sampleRate: number;
  /** Length of each audio track, in milliseconds. */
  readonly durationMs: number;
  /** The flite voice that speaks for each party. */
  readonly voices: Readonly<Record<Speaker, string>>;
  /** Turns in time order; they never overlap. */
  readonly turns: readonly ConversationTurn[];
}

function invalid(source: string, problem: string): SpeechError {
  return new SpeechError(SpeechErrorCode.InvalidConversationScript, `${source}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function parseTurn(value: unknown, index: number, source: string): ConversationTurn {
  const where = `turns[${index}]`;
  if (!isRecord(value)) throw invalid(source, `${where} is not an object`);
  const { speaker, text, startMs, endMs } = value;
  if (!isSpeaker(speaker)) throw invalid(source, `${where}.speaker must be "caller" or "agent"`);
  if (typeof text !== 'string' || text.trim() === '') throw invalid(source, `${where}.text must be non-empty text`);
  if (!isNonNegativeNumber(startMs) || !isNonNegativeNumber(endMs) || endMs <= startMs) {
    throw invalid(source, `${where} needs 0 <= startMs < endMs`);
  }
  return { speaker, text, startMs, endMs };
}

/**
 * Checks the parsed JSON of a script.json and returns it typed.
 * @param source names the file in error messages.
 * @throws SpeechError `SPEECH_ERR_INVALID_CONVERSATION_SCRIPT` naming the first problem found.
 */
export function parseConversationScript(value: unknown, source: string): ConversationScript {
  if (!isRecord(value)) throw invalid(source, 'the script is not a JSON object');
  const { name, title, sampleRate, durationMs, voices, turns } = value;
  if (typeof name !== 'string' || name === '') throw invalid(source, 'name must be non-empty text');
  if (typeof title !== 'string') throw invalid(source, 'title must be text');
  if (!Number.isInteger(sampleRate) || (sampleRate as number) <= 0) throw invalid(source, 'sampleRate must be a positive integer');
  if (!isNonNegativeNumber(durationMs)) throw invalid(source, 'durationMs must be a non-negative number');
  if (!isRecord(voices) || typeof voices['caller'] !== 'string' || typeof voices['agent'] !== 'string') {
    throw invalid(source, 'voices must name the caller and agent voices');
  }
  if (!Array.isArray(turns) || turns.length === 0) throw invalid(source, 'turns must be a non-empty array');
  const parsedTurns = turns.map((turn, index) => parseTurn(turn, index, source));
  parsedTurns.forEach((turn, index) => {
    if (index > 0 && turn.startMs < parsedTurns[index - 1].endMs)
      throw invalid(source, `turns[${index}] starts before the previous turn ends`);
    if (turn.endMs > durationMs) throw invalid(source, `turns[${index}] ends after durationMs`);
  });
  return {
    name,
    title,
    sampleRate: sampleRate as number,
    durationMs,
    voices: { caller: voices['caller'], agent: voices['agent'] },
    turns: parsedTurns,
  };
}

/** The reference text of one speaker's turns (or of every turn), joined in time order. */
export function referenceText(script: ConversationScript, speaker?: Speaker): string {
  return script.turns
    .filter((turn) => speaker === undefined || turn.speaker === speaker)
    .map((turn) => turn.text)
    .join(' ');
}
