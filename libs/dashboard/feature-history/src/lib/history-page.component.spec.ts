import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { HISTORY_PAGE_SIZE } from '@tnt/dashboard/data-access-history';
import { aStoredCall, aStoredSegment, startHistoryTestSession, type HistoryTestSession } from '@tnt/dashboard/data-access-history/testing';
import { HistoryPageComponent } from './history-page.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** 30 stored calls, `call-30` the newest; calls 30 and 12 mention a refund, call 30 is still live. */
function storedCalls() {
  return Array.from({ length: 30 }, (_, index) => {
    const number = 30 - index;
    const text = number === 30 || number === 12 ? 'Can I get a refund for this?' : 'Where is my parcel?';
    const live = number === 30 ? { status: 'active' as const, endedAt: undefined, endReason: undefined } : {};
    return aStoredCall(
      {
        id: `call-${number}`,
        agentId: `agent-${(number % 3) + 1}`,
        startedAt: new Date(Date.UTC(2026, 2, 1, 9, number)).toISOString(),
        ...live,
      },
      [aStoredSegment({ id: 'u1', text })],
    );
  });
}

describe('HistoryPageComponent with real HTTP peers', () => {
  let session: HistoryTestSession;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    session = await startHistoryTestSession(storedCalls());
    TestBed.configureTestingModule({
      providers: [...session.providers, provideRouter([{ path: 'history', component: HistoryPageComponent }], withComponentInputBinding())],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    harness = await RouterTestingHarness.create();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  const host = () => harness.routeNativeElement as HTMLElement;
  const shown = () => {
    harness.fixture.detectChanges();
    return [...host().querySelectorAll('tnt-history-result')].map((result) => result.getAttribute('data-call-id'));
  };
  const summary = () => host().querySelector('.summary')?.textContent?.trim();

  it('searches what the URL asks for and shows the matching lines with the word marked', async () => {
    await harness.navigateByUrl('/history?q=refund');
    await eventually(() => shown().length === 2, 'shown().length === 2');

    expect(shown()).toEqual(['call-30', 'call-12']);
    expect([...host().querySelectorAll('tnt-history-result mark')].map((mark) => mark.textContent)).toEqual(['refund', 'refund']);
    expect(summary()).toBe('2 calls with “refund”, newest first.');
    expect((host().querySelector('#tnt-history-text') as HTMLInputElement).value).toBe('refund');
    expect(session.history.requests[0].query).toEqual({ q: 'refund', limit: String(HISTORY_PAGE_SIZE) });
  });

  it('links a live call to its live view and an ended one to its stored transcript', async () => {
    await harness.navigateByUrl('/history?q=refund');
    await eventually(() => shown().length === 2, 'shown().length === 2');

    const links = [...host().querySelectorAll('tnt-history-result h3 a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/calls/call-30', '/history/call-12']);
  });

  it('puts a new search in the URL, so it can be shared and reached with the back button', async () => {
    await harness.navigateByUrl('/history');
    await eventually(() => shown().length === HISTORY_PAGE_SIZE, 'shown().length === HISTORY_PAGE_SIZE');
    const text = host().querySelector('#tnt-history-text') as HTMLInputElement;
    text.value = 'parcel';
    text.dispatchEvent(new Event('input'));
    const agent = host().querySelector('#tnt-history-agent') as HTMLInputElement;
    agent.value = 'agent-2';
    agent.dispatchEvent(new Event('input'));
    (host().querySelector('button[type="submit"]') as HTMLButtonElement).click();

    await eventually(
      () => TestBed.inject(Router).url === '/history?q=parcel&agentId=agent-2',
      "TestBed.inject(Router).url === '/history?q=parcel&agentId=agent-2'",
    );
    await eventually(() => shown().length === 10, 'shown().length === 10');
    expect(shown().every((id) => Number(id?.slice(5)) % 3 === 1)).toBe(true);
  });

  it('loads older calls with the cursor until there are none', async () => {
    await harness.navigateByUrl('/history');
    await eventually(() => shown().length === HISTORY_PAGE_SIZE, 'shown().length === HISTORY_PAGE_SIZE');
    expect(summary()).toBe(`${HISTORY_PAGE_SIZE} calls shown, newest first; older calls follow.`);

    (host().querySelector('button.more') as HTMLButtonElement).click();
    await eventually(() => shown().length === 30, 'shown().length === 30');

    expect(shown().at(-1)).toBe('call-1');
    expect(host().querySelector('button.more')).toBeNull();
    expect(session.history.requests[1].query['cursor']).toBe('after:call-6');
  });

  it('says plainly when nothing matches', async () => {
    await harness.navigateByUrl('/history?q=unicorn');
    await eventually(() => host().querySelector('.notice') !== null, "host().querySelector('.notice') !== null");

    expect(host().querySelector('.notice h3')?.textContent).toBe('No stored call matches');
    expect(summary()).toBe('0 calls with “unicorn”, newest first.');
  });

  it('explains a gateway without history and searches again on request', async () => {
    session.history.keepNoHistory();
    await harness.navigateByUrl('/history');
    await eventually(() => host().querySelector('[role="alert"] h3') !== null, 'host().querySelector(\'[role="alert"] h3\') !== null');

    expect(host().querySelector('[role="alert"] h3')?.textContent).toBe('The history is switched off');
    (host().querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await eventually(() => session.history.requests.length === 2, 'session.history.requests.length === 2');
  });

  it('explains an answer that is not a page of calls instead of showing half of one', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    session.history.answerMalformed({ calls: [{ id: 'call-1' }], nextCursor: null });
    await harness.navigateByUrl('/history');
    await eventually(() => host().querySelector('[role="alert"] h3') !== null, 'host().querySelector(\'[role="alert"] h3\') !== null');

    expect(host().querySelector('.notice[role="alert"] h3')?.textContent).toBe('Something went wrong');
    expect(host().querySelector('.notice[role="alert"] p')?.textContent).toBe(
      'The server answered 200: the answer is not a page of calls: calls[0].agentId must be a string',
    );
    expect(shown()).toEqual([]);
    errors.mockRestore();
  });

  it('refuses a link with a day that does not exist without asking the server', async () => {
    await harness.navigateByUrl('/history?from=2026-02-30');
    harness.fixture.detectChanges();

    expect(host().querySelector('[role="alert"] h3')?.textContent).toBe('This search cannot be run');
    expect(session.history.requests).toEqual([]);
  });

  it('offers an agent no agent filter and ignores one in the URL', async () => {
    await TestBed.inject(AuthStore).signIn('ana', 'ana-password');
    await harness.navigateByUrl('/history?agentId=agent-3');
    await eventually(() => shown().length > 0, 'shown().length > 0');

    expect(host().querySelector('#tnt-history-agent')).toBeNull();
    expect(session.history.requests[0].query).toEqual({ limit: String(HISTORY_PAGE_SIZE) });
  });
});
