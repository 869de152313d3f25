import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { eventually } from '@tnt/shared/util-testing/eventually';
import { GENERIC_STATUS, startLanguageTestSession, type LanguageTestSession } from '../testing';
import { LanguageStore } from './language.store';
import { LANGUAGE_POLL_INTERVAL_MS } from './poll-scheduler';

describe('LanguageStore against a real HTTP peer', () => {
  let session: LanguageTestSession;
  let store: LanguageStore;

  beforeEach(async () => {
    session = await startLanguageTestSession(GENERIC_STATUS);
    TestBed.configureTestingModule({ providers: [...session.providers, LanguageStore] });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
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
    expect(session.scheduler.waiting()).toEqual([]);
  });

  it('refuses a bad vocabulary line, naming it, and changes nothing', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    store.change('vocabulary', 'gigabit\nzyxel  Z AY X');
    expect(await store.save()).toBe(false);
    expect(store.state().refusal).toEqual({ message: 'api vocabulary line 2: unknown phones X', field: 'vocabulary', line: 2 });
    expect(store.state().model).toEqual(GENERIC_STATUS);
    expect(session.scheduler.waiting()).toEqual([]);
  });

  it('saves good texts and reads the status while the model builds, until it is in use', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    store.change('vocabulary', 'zyxel');
    expect(await store.save()).toBe(true);
    expect(session.peer.saves()).toEqual([{ domainText: 'my router is down', vocabulary: 'zyxel' }]);
    expect(store.state().model?.state).toBe('building');
    expect(session.scheduler.waiting()).toEqual([LANGUAGE_POLL_INTERVAL_MS]);

    const readsBefore = session.peer.reads();
    session.scheduler.runDue();
    await eventually(
      () => session.peer.reads() === readsBefore + 1 && session.scheduler.waiting().length === 1,
      'a second poll is scheduled',
    );
    expect(store.state().model?.state).toBe('building');

    session.peer.finishBuild(['zyxel']);
    session.scheduler.runDue();
    await eventually(() => store.state().model?.state === 'in-use', "the store reads 'in-use'");
    expect(store.state().model).toMatchObject({ addedWords: ['zyxel'], sentences: 1, domainWeight: 0.5 });
    expect(session.scheduler.waiting()).toEqual([]);
  });

  it('stops polling when a build fails, showing why', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    await store.save();
    session.peer.failBuild('letter-to-sound failed for "zzz"');
    session.scheduler.runDue();
    await eventually(() => store.state().model?.state === 'failed', "the store reads 'failed'");
    expect(store.state().model?.error).toBe('letter-to-sound failed for "zzz"');
    expect(session.scheduler.waiting()).toEqual([]);
  });

  it('stops polling when the page that provided it goes away', async () => {
    await store.load();
    store.change('domainText', 'my router is down');
    await store.save();
    expect(session.scheduler.waiting()).toHaveLength(1);
    TestBed.resetTestingModule();
    expect(session.scheduler.waiting()).toEqual([]);
  });
});
