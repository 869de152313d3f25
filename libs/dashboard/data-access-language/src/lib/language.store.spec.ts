import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { eventually } from '@tnt/shared/util-testing/eventually';
import {
  GENERIC_STATUS,
  LANGUAGE_TEST_SUPERVISOR,
  startLanguageTestSession,
  type LanguageTestPeer,
  type LanguageTestSession,
  type ManualPollScheduler,
} from '../testing';
import { LanguageStore } from './language.store';
import { LANGUAGE_POLL_INTERVAL_MS } from './poll-scheduler';

describe('LanguageStore against a real HTTP peer', () => {
  let session: LanguageTestSession;
  let peer: LanguageTestPeer;
  let scheduler: ManualPollScheduler;
  let store: LanguageStore;

  beforeEach(async () => {
    session = await startLanguageTestSession(GENERIC_STATUS);
    ({ peer, scheduler } = session);
    TestBed.configureTestingModule({ providers: [...session.providers, LanguageStore] });
    await TestBed.inject(AuthStore).signIn(LANGUAGE_TEST_SUPERVISOR.username, LANGUAGE_TEST_SUPERVISOR.password);
    store = TestBed.inject(LanguageStore);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  it('loads the generic status and does not poll it', async () => {
    await store.load();
    expect(store.state()).toMatchObject({ phase: 'ready', model: GENERIC_STATUS, domainText: '', vocabulary: '' });
    expect(scheduler.waiting()).toEqual([]);
  });

  it('refuses a bad vocabulary line, naming it, and changes nothing', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    store.change('vocabulary', 'gigabit\nzyxel  Z AY X');
    expect(await store.save()).toBe(false);
    expect(store.state().refusal).toEqual({ message: 'api vocabulary line 2: unknown phones X', field: 'vocabulary', line: 2 });
    expect(store.state().model).toEqual(GENERIC_STATUS);
    expect(scheduler.waiting()).toEqual([]);
  });

  it('saves good texts and reads the status while the model builds, until it is in use', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    store.change('vocabulary', 'zyxel');
    expect(await store.save()).toBe(true);
    expect(peer.saves()).toEqual([{ domainText: 'my router is down', vocabulary: 'zyxel' }]);
    expect(store.state().model?.state).toBe('building');
    expect(scheduler.waiting()).toEqual([LANGUAGE_POLL_INTERVAL_MS]);

    const readsBefore = peer.reads();
    scheduler.runDue();
    await eventually(() => peer.reads() === readsBefore + 1 && scheduler.waiting().length === 1, 'a second poll is scheduled');
    expect(store.state().model?.state).toBe('building');

    peer.finishBuild(['zyxel']);
    scheduler.runDue();
    await eventually(() => store.state().model?.state === 'in-use', "the store reads 'in-use'");
    expect(store.state().model).toMatchObject({ addedWords: ['zyxel'], sentences: 1, domainWeight: 0.5 });
    expect(scheduler.waiting()).toEqual([]);
  });

  it('stops polling when a build fails, showing why', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    await store.save();
    peer.failBuild('letter-to-sound failed for "zzz"');
    scheduler.runDue();
    await eventually(() => store.state().model?.state === 'failed', "the store reads 'failed'");
    expect(store.state().model?.error).toBe('letter-to-sound failed for "zzz"');
    expect(scheduler.waiting()).toEqual([]);
  });

  it('stops polling when the page that provided it goes away', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    await store.save();
    expect(scheduler.waiting()).toHaveLength(1);
    TestBed.resetTestingModule();
    expect(scheduler.waiting()).toEqual([]);
  });
});
