import {
  API_DOMAIN_TEXT_NAME,
  API_VOCABULARY_NAME,
  LANGUAGE_MODEL_UPDATE,
  validate,
  type LanguageModelStatus,
  type LanguageModelUpdate,
} from '@tnt/protocol';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The status of a gateway that has no domain text. */
export const GENERIC_STATUS: LanguageModelStatus = {
  state: 'generic',
  domainTextFile: null,
  vocabularyFile: null,
  domainText: '',
  vocabulary: '',
  previousModelInUse: false,
  domainWeight: null,
  sentences: null,
  addedWords: [],
  error: null,
};

/** A running language peer: its URL (for `LANGUAGE_API_URL`), what it was sent, and how a build ends. */
export interface LanguageTestPeer {
  readonly url: string;
  /** The status `GET` answers now. */
  status(): LanguageModelStatus;
  /** The bodies of the `PUT`s it took (refused ones included). */
  saves(): LanguageModelUpdate[];
  /** How many times the status was read. */
  reads(): number;
  /** Ends the build under way: the model is in use with `addedWords`. */
  finishBuild(addedWords: string[]): void;
  /** Ends the build under way with `error`. */
  failBuild(error: string): void;
  stop(): Promise<void>;
}

/**
 * A real HTTP server playing `/api/language` as the gateway documents it (a test peer, not the
 * gateway: the dashboard e2e uses the real one): bearer token checked, the body checked with the
 * protocol's schema; a vocabulary line giving the phone `X` is refused with 400 `VALIDATION_FAILED`
 * naming the line, as the gateway refuses an unknown phone; a good body answers 202 `building`
 * until the test ends the build with {@link LanguageTestPeer.finishBuild} or `failBuild`.
 */
export async function startLanguagePeer(initial: LanguageModelStatus, accepts: (token: string) => boolean): Promise<LanguageTestPeer> {
  let status = initial;
  let reads = 0;
  const saves: LanguageModelUpdate[] = [];
  const server = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'authorization, content-type');
    response.setHeader('access-control-allow-methods', 'GET, PUT');
    const reply = (code: number, body: unknown) => {
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    if (!accepts((request.headers.authorization ?? '').replace(/^Bearer /, ''))) return reply(401, { code: 'UNAUTHORIZED', message: 'no' });
    if (request.method === 'GET') {
      reads += 1;
      return reply(200, status);
    }
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const checked = validate(LANGUAGE_MODEL_UPDATE, JSON.parse(text));
      if (!checked.ok) return reply(400, { code: 'VALIDATION_FAILED', message: checked.message });
      saves.push(checked.value);
      const bad = checked.value.vocabulary.split('\n').findIndex((line) => /\s{2}.*\bX\b/.test(line));
      if (bad >= 0) return reply(400, { code: 'VALIDATION_FAILED', message: `${API_VOCABULARY_NAME} line ${bad + 1}: unknown phones X` });
      status = {
        ...status,
        state: 'building',
        domainTextFile: API_DOMAIN_TEXT_NAME,
        vocabularyFile: checked.value.vocabulary.trim() === '' ? null : API_VOCABULARY_NAME,
        domainText: checked.value.domainText,
        vocabulary: checked.value.vocabulary,
        previousModelInUse: status.state === 'in-use' || status.previousModelInUse,
        error: null,
      };
      reply(202, status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/language`,
    status: () => status,
    saves: () => saves,
    reads: () => reads,
    finishBuild: (addedWords) => {
      const sentences = status.domainText.split('\n').filter((line) => line.trim() !== '').length;
      status = { ...status, state: 'in-use', previousModelInUse: false, domainWeight: 0.5, sentences, addedWords, error: null };
    },
    failBuild: (error) => {
      status = { ...status, state: 'failed', error };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
