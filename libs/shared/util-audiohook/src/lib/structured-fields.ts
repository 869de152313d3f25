/**
 * The part of RFC 8941 (Structured Field Values) that RFC 9421 signatures use: a Dictionary whose
 * members are Items or Inner Lists, with Parameters. Parsing is strict (§4.2): anything else fails,
 * so a signature is only ever checked against the exact value the signer serialised.
 */

/** A bare item: String, Token, Integer, Decimal, Boolean or Byte Sequence. */
export type BareItem = string | number | boolean | Uint8Array | { readonly token: string };

/** Parameters in the order they were written. */
export type Parameters = readonly (readonly [string, BareItem])[];

/** An Item or an Inner List, with its parameters. */
export interface Member {
  readonly value: BareItem | readonly { readonly value: BareItem; readonly params: Parameters }[];
  readonly params: Parameters;
}

/** Thrown for a field value that is not a valid Dictionary. */
export class StructuredFieldError extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  dictionary(): Map<string, Member> {
    const members = new Map<string, Member>();
    this.skipSpaces();
    while (this.at < this.text.length) {
      const key = this.key();
      const member: Member = this.peek() === '=' ? (this.at++, this.member()) : { value: true, params: this.parameters() };
      members.set(key, member);
      this.skipWhitespace();
      if (this.at >= this.text.length) return members;
      this.expect(',');
      this.skipWhitespace();
      if (this.at >= this.text.length) throw new StructuredFieldError('a trailing comma');
    }
    return members;
  }

  private member(): Member {
    if (this.peek() !== '(') return { value: this.bareItem(), params: this.parameters() };
    this.at++;
    const items: { value: BareItem; params: Parameters }[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.peek() === ')') {
        this.at++;
        return { value: items, params: this.parameters() };
      }
      items.push({ value: this.bareItem(), params: this.parameters() });
      if (this.peek() !== ' ' && this.peek() !== ')') throw new StructuredFieldError('an inner list item not followed by a space or )');
    }
  }

  private parameters(): Parameters {
    const params: [string, BareItem][] = [];
    while (this.peek() === ';') {
      this.at++;
      this.skipSpaces();
      const key = this.key();
      const value: BareItem = this.peek() === '=' ? (this.at++, this.bareItem()) : true;
      const existing = params.findIndex(([name]) => name === key);
      if (existing >= 0) params[existing] = [key, value];
      else params.push([key, value]);
    }
    return params;
  }

  private key(): string {
    const match = /^[a-z*][a-z0-9_\-.*]*/.exec(this.text.slice(this.at));
    if (!match) throw new StructuredFieldError(`a key expected at ${this.at}`);
    this.at += match[0].length;
    return match[0];
  }

  private bareItem(): BareItem {
    const rest = this.text.slice(this.at);
    const char = rest[0];
    if (char === '"') return this.string();
    if (char === ':') {
      const match = /^:([A-Za-z0-9+/=]*):/.exec(rest);
      if (!match) throw new StructuredFieldError('an unterminated byte sequence');
      this.at += match[0].length;
      return new Uint8Array(Buffer.from(match[1], 'base64'));
    }
    if (char === '?') {
      if (rest[1] !== '0' && rest[1] !== '1') throw new StructuredFieldError('a boolean must be ?0 or ?1');
      this.at += 2;
      return rest[1] === '1';
    }
    const number = /^-?\d{1,15}(\.\d{1,3})?/.exec(rest);
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    const token = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/.exec(rest);
    if (token) {
      this.at += token[0].length;
      return { token: token[0] };
    }
    throw new StructuredFieldError(`an item expected at ${this.at}`);
  }

  private string(): string {
    let value = '';
    for (this.at++; this.at < this.text.length; this.at++) {
      const char = this.text[this.at];
      if (char === '"') {
        this.at++;
        return value;
      }
      if (char === '\\') {
        const next = this.text[++this.at];
        if (next !== '"' && next !== '\\') throw new StructuredFieldError('a string escapes only " and \\');
        value += next;
      } else if (char < ' ' || char > '~') {
        throw new StructuredFieldError('a string holds printable ASCII only');
      } else {
        value += char;
      }
    }
    throw new StructuredFieldError('an unterminated string');
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new StructuredFieldError(`${JSON.stringify(char)} expected at ${this.at}`);
    this.at++;
  }

  private skipSpaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private skipWhitespace(): void {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at++;
  }
}

/** Parses a Dictionary field value (RFC 8941 §4.2.2); throws {@link StructuredFieldError}. */
export function parseDictionary(fieldValue: string): Map<string, Member> {
  return new Parser(fieldValue.trim()).dictionary();
}

/** Serialises a bare item (RFC 8941 §4.1.3). */
export function serializeBareItem(item: BareItem): string {
  if (typeof item === 'string') return `"${item.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  if (typeof item === 'boolean') return item ? '?1' : '?0';
  if (typeof item === 'number') return String(item);
  if (item instanceof Uint8Array) return `:${Buffer.from(item).toString('base64')}:`;
  return item.token;
}

/** Serialises parameters (RFC 8941 §4.1.1.2). */
export function serializeParameters(params: Parameters): string {
  return params.map(([key, value]) => (value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`)).join('');
}

/** Serialises an Inner List with its parameters (RFC 8941 §4.1.1.1). */
export function serializeInnerList(member: Member): string {
  const items = Array.isArray(member.value) ? member.value : [];
  const inner = items.map((item) => serializeBareItem(item.value) + serializeParameters(item.params)).join(' ');
  return `(${inner})${serializeParameters(member.params)}`;
}
