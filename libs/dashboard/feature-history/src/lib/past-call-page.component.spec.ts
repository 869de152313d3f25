import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore, readBlobText } from '@tnt/dashboard/data-access-auth';
import { aStoredCall, aStoredSegment, startHistoryTestSession, type HistoryTestSession } from '@tnt/dashboard/data-access-history/testing';
import { PastCallPageComponent } from './past-call-page.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** Stored out of conversation order on purpose: the page lists lines by where they start in the call. */
const ENDED = aStoredCall({ id: 'demo-5', agentId: 'agent-2', from: '+15550102' }, [
  aStoredSegment({ id: 'u2', speaker: 'caller', text: 'My parcel never came.', startMs: 4000, timestamp: '2026-03-02T10:00:09.000Z' }),
  aStoredSegment({
    id: 'u1',
    speaker: 'agent',
    text: 'Thanks for calling, how can I help?',
    startMs: 500,
    timestamp: '2026-03-02T10:00:03.000Z',
  }),
]);
const LIVE = aStoredCall({ id: 'demo-6', status: 'active', endedAt: undefined, endReason: undefined }, []);

describe('PastCallPageComponent with real HTTP peers', () => {
  let session: HistoryTestSession;
  let harness: RouterTestingHarness;
  let downloaded: { fileName: string; blob: Blob }[];

  beforeEach(async () => {
    session = await startHistoryTestSession([LIVE, ENDED]);
    TestBed.configureTestingModule({
      providers: [
        ...session.providers,
        provideRouter([{ path: 'history/:id', component: PastCallPageComponent }], withComponentInputBinding()),
      ],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    harness = await RouterTestingHarness.create();

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
      if (this.href.startsWith('blob:')) downloaded.push({ fileName: this.download, blob: blobs.get(this.href) as Blob });
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  const host = () => {
    harness.fixture.detectChanges();
    return harness.routeNativeElement as HTMLElement;
  };
  const lines = () => [...host().querySelectorAll<HTMLElement>('tnt-past-transcript li[data-segment-id]')];

  it('shows the stored call read-only: header, and every final line with speaker and time in conversation order', async () => {
    await harness.navigateByUrl('/history/demo-5');
    await eventually(() => lines().length === 2, 'lines().length === 2');

    expect(host().querySelector('h1')?.textContent).toBe('agent-2 with +15550102');
    expect(host().querySelector('.status')?.textContent).toBe('Ended (completed)');
    expect(host().querySelector('.lines')?.textContent).toBe('2 lines');
    expect(
      lines().map((line) => [
        line.dataset['segmentId'],
        line.querySelector('.speaker')?.textContent,
        line.querySelector('.text')?.textContent?.trim(),
      ]),
    ).toEqual([
      ['u1', 'Agent', 'Thanks for calling, how can I help?'],
      ['u2', 'Caller', 'My parcel never came.'],
    ]);
    expect(lines()[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-03-02T10:00:03.000Z');
    expect(host().querySelector('.crumbs a')?.getAttribute('href')).toBe('/history');
  });

  it('downloads each export format the server renders, named after the call', async () => {
    await harness.navigateByUrl('/history/demo-5');
    await eventually(() => lines().length === 2, 'lines().length === 2');
    const button = (format: string) => host().querySelector(`button[data-action="${format}"]`) as HTMLButtonElement;

    const offered = [...host().querySelectorAll('tnt-call-header .actions button')];
    expect(offered.map((option) => option.textContent?.trim())).toEqual(['Text.txt', 'WebVTT.vtt', 'SubRip.srt', 'JSON.json']);
    expect(offered.map((option) => option.getAttribute('aria-label'))).toEqual([
      'Download the transcript as plain text',
      'Download the transcript as WebVTT subtitles',
      'Download the transcript as SubRip subtitles',
      'Download the transcript as JSON data',
    ]);
    button('vtt').click();
    await eventually(() => downloaded.length === 1, 'downloaded.length === 1');
    button('json').click();
    await eventually(() => downloaded.length === 2, 'downloaded.length === 2');

    expect(downloaded.map((file) => file.fileName)).toEqual(['call-demo-5.vtt', 'call-demo-5.json']);
    expect(await readBlobText(downloaded[0].blob)).toContain('WEBVTT');
    expect(JSON.parse(await readBlobText(downloaded[1].blob))).toEqual(ENDED);
  });

  it('says a call is not in the history and leads back to the search', async () => {
    await harness.navigateByUrl('/history/nope');
    await eventually(() => host().querySelector('[role="alert"]') !== null, 'host().querySelector(\'[role="alert"]\') !== null');

    expect(host().querySelector('[role="alert"] h1')?.textContent).toBe('Call nope is not in the history');
    expect(host().querySelector('[role="alert"] a')?.getAttribute('href')).toBe('/history');
  });

  it('says an id outside the call-id rule is not a valid call id, without asking the server', async () => {
    await harness.navigateByUrl('/history/a%2Fb');

    expect(host().querySelector('[role="alert"] h1')?.textContent).toBe('"a/b" is not a valid call id');
    expect(host().querySelector('[role="alert"] a')?.getAttribute('href')).toBe('/history');
    expect(host().querySelector('[role="status"]')).toBeNull();

    await harness.navigateByUrl('/history/demo-5');
    await eventually(() => lines().length === 2, 'lines().length === 2');
    expect(session.history.requests.map((request) => request.path)).toEqual(['/api/calls/demo-5/transcript']);
  });

  it('says what failed when a download does not work, and keeps the transcript', async () => {
    await harness.navigateByUrl('/history/demo-5');
    await eventually(() => lines().length === 2, 'lines().length === 2');
    session.expire(TestBed.inject(AuthStore).token() as string);

    (host().querySelector('button[data-action="txt"]') as HTMLButtonElement).click();
    await eventually(
      () => host().querySelector('tnt-call-header [role="alert"] .problem') !== null,
      'host().querySelector(\'tnt-call-header [role="alert"] .problem\') !== null',
    );

    expect(host().querySelector('tnt-call-header .problem')?.textContent).toBe(
      'The text download did not work: You are signed out. Sign in again to see the history.',
    );
    expect(lines()).toHaveLength(2);
    expect(TestBed.inject(AuthStore).endedSession()?.reason).toBe('expired');
  });

  it('points a call that is still going on to its live view', async () => {
    await harness.navigateByUrl('/history/demo-6');
    await eventually(() => host().querySelector('.live-note') !== null, "host().querySelector('.live-note') !== null");

    expect(host().querySelector('.live-note a')?.getAttribute('href')).toBe('/calls/demo-6');
    expect(host().querySelector('.empty')?.textContent).toBe('Nothing was transcribed in this call.');
    expect(host().querySelector('.status')?.textContent).toBe('Live');
  });
});
