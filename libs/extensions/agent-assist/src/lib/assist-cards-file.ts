import { ASSIST_CARD, MAX_ASSIST_CARDS, validate, type AssistCard } from '@tnt/protocol';
import { ConfigError, readJsonFile } from '@tnt/server/util-config';
import { repeatedCardId } from './assist-card-set';

const VARIABLE = 'TNT_ASSIST_CARDS_FILE';

/**
 * Reads the cards of `TNT_ASSIST_CARDS_FILE` (JSON: `[{id, title, body, link?, phrases: [...],
 * speaker?}]`). A file that cannot be read, is not JSON, is not a list, has an entry that breaks the
 * card schema or repeats an id stops the start with a `ConfigError` naming the entry and its field.
 */
export function readAssistCardsFile(file: string): AssistCard[] {
  const parsed = readJsonFile(VARIABLE, file);
  if (!Array.isArray(parsed) || parsed.length > MAX_ASSIST_CARDS) {
    throw new ConfigError(VARIABLE, `must hold a JSON array of at most ${MAX_ASSIST_CARDS} assist cards`, file);
  }
  const cards = parsed.map((entry: unknown, index) => {
    const result = validate(ASSIST_CARD, entry);
    if (result.ok) return result.value;
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? ` (id ${JSON.stringify((entry as { id: string }).id)})` : '';
    throw new ConfigError(VARIABLE, `must hold valid assist cards: entry ${index}${id}: ${result.message}`, file);
  });
  const repeated = repeatedCardId(cards);
  if (repeated !== undefined) throw new ConfigError(VARIABLE, `must not hold two cards of id ${JSON.stringify(repeated)}`, file);
  return cards;
}
