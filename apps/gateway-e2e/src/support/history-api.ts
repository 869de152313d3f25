import {
  HISTORY_CALL,
  HISTORY_PAGE,
  HISTORY_TRANSCRIPT,
  validate,
  type HistoryCall,
  type HistoryPage,
  type HistoryTranscript,
  type Schema,
} from '@tnt/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A text answer of the history API with its status and content type. */
export interface TextAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * A client of the gateway's `/api/calls` over real HTTP, with a bearer token. Every JSON answer is
 * checked against the protocol's schema of it, as the dashboard checks it: a field the real
 * gateway gets wrong fails the test that read it.
 */
export class HistoryApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** The API of a gateway started by `startGateway`, as its test supervisor. */
  static of(gateway: { readonly port: number; readonly access: { readonly supervisorToken: string } }): HistoryApi {
    return new HistoryApi(`http://127.0.0.1:${gateway.port}`, gateway.access.supervisorToken);
  }

  private get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
  }

  /** `GET path` as JSON fitting `schema`, failing the test on a non-200 answer or one that does not fit. */
  async json<T>(schema: Schema<T>, path: string): Promise<T> {
    const response = await this.get(path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body}`);
    const checked = validate(schema, JSON.parse(body));
    if (!checked.ok) throw new Error(`GET ${path} answered something the protocol does not allow: ${checked.message}`);
    return checked.value;
  }

  /** `GET path` as text, whatever the status. */
  async text(path: string): Promise<TextAnswer> {
    const response = await this.get(path);
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  }

  listCalls(query = ''): Promise<HistoryPage> {
    return this.json(HISTORY_PAGE, `/api/calls${query ? `?${query}` : ''}`);
  }

  getCall(callId: string): Promise<HistoryCall> {
    return this.json(HISTORY_CALL, `/api/calls/${encodeURIComponent(callId)}`);
  }

  transcript(callId: string): Promise<HistoryTranscript> {
    return this.json(HISTORY_TRANSCRIPT, `/api/calls/${encodeURIComponent(callId)}/transcript`);
  }

  /** The transcript exported as `txt`, `vtt` or `srt`. */
  async exported(callId: string, format: 'txt' | 'vtt' | 'srt'): Promise<string> {
    const answer = await this.text(`/api/calls/${encodeURIComponent(callId)}/transcript?format=${format}`);
    if (answer.status !== 200) throw new Error(`export ${format} of ${callId} answered ${answer.status}: ${answer.body}`);
    return answer.body;
  }
}

/** A fresh data directory for one gateway's database, and a function that deletes it. */
export function temporaryDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'tnt-e2e-data-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
