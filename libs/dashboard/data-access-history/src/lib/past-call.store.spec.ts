import { TestBed } from '@angular/core/testing';
import { AuthStore, readBlobText } from '@tnt/dashboard/data-access-auth';
import { aStoredCall, aStoredSegment, startHistoryTestSession, type HistoryTestSession } from '../testing';
import { PastCallStore } from './past-call.store';

const STORED = aStoredCall({ id: 'demo-3' }, [
  aStoredSegment({ id: 'u1', speaker: 'agent', text: 'Thanks for calling.' }),
  aStoredSegment({ id: 'u2', speaker: 'caller', text: 'My parcel is late.', startMs: 3000 }),
]);

describe('PastCallStore against a real HTTP peer', () => {
  let session: HistoryTestSession;
  let store: PastCallStore;
  /** What the browser was asked to download: the link's file name and the Blob behind its object URL. */
  let downloaded: { fileName: string; blob: Blob }[];

  beforeEach(async () => {
    session = await startHistoryTestSession([STORED]);
    TestBed.configureTestingModule({ providers: [...session.providers, PastCallStore] });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    store = TestBed.inject(PastCallStore);

    // jsdom has no object URLs and does not download; these stand-ins keep what would be saved.
    downloaded = [];
    const blobs = new Map<string, Blob>();
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size + 1}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => blobs.delete(url),
    });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded.push({ fileName: this.download, blob: blobs.get(this.href) as Blob });
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  it('loads the stored call with its final lines from the JSON export', async () => {
    const loading = store.load('demo-3');
    expect(store.state()).toEqual({ kind: 'loading', callId: 'demo-3' });
    await loading;

    expect(store.state()).toEqual({ kind: 'loaded', callId: 'demo-3', transcript: STORED });
  });

  it('downloads an export as a file named after the call, with the bytes the server sent', async () => {
    await store.load('demo-3');

    const downloading = store.download('srt');
    expect(store.exporting()).toBe('srt');
    await downloading;

    expect(store.exporting()).toBeUndefined();
    expect(downloaded.map((file) => file.fileName)).toEqual(['call-demo-3.srt']);
    expect(await readBlobText(downloaded[0].blob)).toBe('SubRip demo-3\n\nagent: Thanks for calling.\ncaller: My parcel is late.\n');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('says a call is not in the history, and offers no download for it', async () => {
    await store.load('gone');

    expect(store.state()).toEqual({
      kind: 'failed',
      callId: 'gone',
      problem: { kind: 'not-found', message: 'call gone is not in the history' },
    });
    await store.download('txt');
    expect(downloaded).toEqual([]);
  });

  it('reports a failed download with its format and keeps the transcript shown', async () => {
    await store.load('demo-3');
    await session.history.stop();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    await store.download('vtt');

    expect(store.exportProblem()).toEqual({ format: 'vtt', problem: { kind: 'unreachable' } });
    expect(store.state()?.kind).toBe('loaded');
    expect(downloaded).toEqual([]);
    errors.mockRestore();
  });
});
