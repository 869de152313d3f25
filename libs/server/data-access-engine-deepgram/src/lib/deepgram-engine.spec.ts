import type { EngineSegment, EngineStreamOptions, TranscriptionStream } from '@tnt/server/util-engine';
import { createServer } from 'node:net';
import { FakeDeepgramServer, timedWords, waitFor } from '../testing';
import { DeepgramEngine, type DeepgramEngineOptions } from './deepgram-engine';
import { DeepgramErrorCode, type DeepgramError } from './deepgram-error';

const KEY = 'test-deepgram-key-0123456789';
const RATE = 16_000;
const CALL: EngineStreamOptions = { callId: 'call-dg-1', speaker: 'caller', sampleRate: RATE, language: 'en-US' };
/** "my router keeps dropping": four words from 0.2 s, the last ending at 1.75 s. */
const UTTERANCE = timedWords('my router keeps dropping', 0.2);
const LAST_WORD_END = UTTERANCE[UTTERANCE.length - 1].end;

/** What one stream reported. */
interface Heard {
  readonly segments: EngineSegment[];
  readonly errors: DeepgramError[];
  readonly stream: TranscriptionStream;
}

function open(engine: DeepgramEngine, options: EngineStreamOptions = CALL): Heard {
  const segments: EngineSegment[] = [];
  const errors: DeepgramError[] = [];
  const stream = engine.open(options, {
    onSegment: (segment) => segments.push(segment),
    onError: (error) => errors.push(error as DeepgramError),
  });
  return { segments, errors, stream };
}

/** Writes `seconds` of silence in 100 ms frames (the double times its script by the amount of audio). */
function writeSilence(stream: TranscriptionStream, seconds: number, rate = RATE): void {
  for (let written = 0; written < Math.round(seconds * 10); written++) stream.write(new Int16Array(rate / 10));
}

describe('DeepgramEngine against the local Deepgram test double', () => {
  let server: FakeDeepgramServer;
  const engines: DeepgramEngine[] = [];
  const engine = (options: Partial<DeepgramEngineOptions> = {}): DeepgramEngine => {
    const created = new DeepgramEngine({ apiKey: KEY, url: server.url, ...options });
    engines.push(created);
    return created;
  };

  beforeEach(async () => {
    server = await FakeDeepgramServer.start({ apiKey: KEY, script: [UTTERANCE], idleTimeoutMs: 400 });
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((each) => each.stop()));
    await server.stop();
  });

  it('opens one stream per speaker with the documented query and Token header, audio queued while connecting sent in full', async () => {
    const heard = open(engine());
    writeSilence(heard.stream, 0.5); // written before the handshake completed
    await heard.stream.end();
    const [recorded] = server.streams;
    expect(recorded.authorization).toBe(`Token ${KEY}`);
    expect(Object.fromEntries(recorded.query)).toMatchObject({
      model: 'nova-3',
      language: 'en-US',
      encoding: 'linear16',
      sample_rate: '16000',
      channels: '1',
      interim_results: 'true',
      endpointing: '300',
    });
    expect(recorded.audioBytes).toBe(0.5 * RATE * 2);
    expect(heard.errors).toEqual([]);
  });

  it('sends interims under the id of the final that replaces them, the final coming when endpointing hears the pause', async () => {
    const heard = open(engine());
    writeSilence(heard.stream, LAST_WORD_END + 0.4); // 300 ms endpointing after the last word
    await waitFor(() => heard.segments.some((segment) => segment.isFinal), 'the final sent on endpointing, before CloseStream');
    expect(server.streams[0].controlMessages).toEqual([]);
    const interims = heard.segments.filter((segment) => !segment.isFinal);
    expect(interims.map((segment) => segment.text)).toEqual(['my', 'my router', 'my router keeps', 'my router keeps dropping']);
    expect(new Set(interims.map((segment) => segment.id))).toEqual(new Set(['u1']));
    expect(heard.segments.at(-1)).toEqual({
      id: 'u1',
      text: 'my router keeps dropping',
      isFinal: true,
      confidence: 0.9,
      startMs: 200,
      endMs: LAST_WORD_END * 1000,
    });
    await heard.stream.end();
  });

  it('flushes with CloseStream at the end: words heard but not yet endpointed come as a final before end resolves', async () => {
    const heard = open(engine());
    writeSilence(heard.stream, LAST_WORD_END + 0.05); // too little silence for endpointing
    await waitFor(() => heard.segments.some((segment) => segment.text === 'my router keeps dropping'), 'the last interim');
    expect(heard.segments.some((segment) => segment.isFinal)).toBe(false);
    await heard.stream.end();
    expect(heard.segments.at(-1)).toMatchObject({ id: 'u1', text: 'my router keeps dropping', isFinal: true });
    expect(server.streams[0].controlMessages).toEqual(['{"type":"CloseStream"}']);
    await waitFor(() => server.streams[0].closeCode === 1000, 'the double closing with 1000 after CloseStream');
    expect(heard.errors).toEqual([]);
  });

  it('with endpointing off, leaves the words interim until Deepgram finalises them, and finalises them once', async () => {
    const heard = open(engine({ endpointingMs: false }));
    writeSilence(heard.stream, LAST_WORD_END + 1.1);
    await waitFor(() => heard.segments.some((segment) => segment.text === 'my router keeps dropping'), 'the last interim');
    expect(server.streams[0].query.get('endpointing')).toBe('false');
    expect(heard.segments.some((segment) => segment.isFinal)).toBe(false);
    await heard.stream.end();
    expect(heard.segments.filter((segment) => segment.isFinal)).toEqual([
      expect.objectContaining({ id: 'u1', text: 'my router keeps dropping' }),
    ]);
  });

  it('keeps a silent stream open with KeepAlive text frames past the server idle timeout', async () => {
    const heard = open(engine({ timing: { keepAliveIntervalMs: 100 } }));
    await waitFor(() => (server.streams[0]?.controlMessages.length ?? 0) >= 6, 'six KeepAlives (600 ms, past the 400 ms idle timeout)');
    expect(new Set(server.streams[0].controlMessages)).toEqual(new Set(['{"type":"KeepAlive"}']));
    expect(server.streams[0].closeCode).toBeUndefined();
    expect(heard.errors).toEqual([]);
    await heard.stream.end();
  });

  it('sends the vocabulary as keyterm for Nova-3 and as keywords for older models', async () => {
    const keyterms = ['tnt', 'premium plan'];
    await open(engine({ keyterms })).stream.end();
    await open(engine({ keyterms, model: 'nova-2-phonecall' })).stream.end();
    expect(server.streams[0].query.getAll('keyterm')).toEqual(keyterms);
    expect(server.streams[1].query.getAll('keywords')).toEqual(keyterms);
    expect(server.streams[1].query.has('keyterm')).toBe(false);
  });

  it('reports a refused key on every stream as DEEPGRAM_UNAUTHORIZED, flagging only the first for the log', async () => {
    const faults: [string, boolean][] = [];
    const badKey = engine({ apiKey: 'not-the-key', onFault: (error, first) => faults.push([error.code, first]) });
    const caller = open(badKey);
    const agent = open(badKey, { ...CALL, speaker: 'agent' });
    writeSilence(caller.stream, 0.2);
    await waitFor(() => caller.errors.length === 1 && agent.errors.length === 1, 'both streams failing');
    expect(caller.errors[0].code).toBe(DeepgramErrorCode.UNAUTHORIZED);
    expect(caller.errors[0].message).toBe(
      'call call-dg-1 caller: Deepgram refused the stream with HTTP 401: INVALID_AUTH Invalid credentials.',
    );
    expect(caller.errors[0].remedy).toContain('TNT_DEEPGRAM_API_KEY');
    expect(faults).toEqual([
      [DeepgramErrorCode.UNAUTHORIZED, true],
      [DeepgramErrorCode.UNAUTHORIZED, false],
    ]);
    await caller.stream.end(); // resolves: the failure was reported already
    expect(server.streams).toEqual([]);
  });

  it('finalises the pending interim and reports the error when the server closes the stream mid-call', async () => {
    const heard = open(engine());
    writeSilence(heard.stream, 1.0); // "my router" heard, not finalised
    await waitFor(() => heard.segments.some((segment) => segment.text === 'my router'), 'the interim "my router"');
    server.dropStreams();
    await waitFor(() => heard.errors.length === 1, 'the stream failing');
    expect(heard.errors[0].code).toBe(DeepgramErrorCode.CLOSED_BY_SERVER);
    expect(heard.errors[0].message).toBe(
      'call call-dg-1 caller: Deepgram closed the stream (close code 1011: NET-0000: internal error (test double))',
    );
    expect(heard.segments.at(-1)).toMatchObject({ id: 'u1', text: 'my router', isFinal: true });
    writeSilence(heard.stream, 0.1); // ignored: the stream failed
    await heard.stream.end();
  });

  it('reports DEEPGRAM_UNREACHABLE when nothing listens at the URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const heard = open(engine({ url: `ws://127.0.0.1:${port}/v1/listen` }));
    await waitFor(() => heard.errors.length === 1, 'the connection failing');
    expect(heard.errors[0].code).toBe(DeepgramErrorCode.UNREACHABLE);
    await heard.stream.end();
  });

  it('refuses to start without an API key, naming the variable', async () => {
    await expect(new DeepgramEngine({ apiKey: ' ' }).start()).rejects.toThrow('set TNT_DEEPGRAM_API_KEY');
  });
});
