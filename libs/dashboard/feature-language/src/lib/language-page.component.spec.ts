import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { GENERIC_STATUS, startLanguageTestSession, type LanguageTestSession } from '@tnt/dashboard/data-access-language/testing';
import type { LanguageModelStatus } from '@tnt/protocol';
import { eventually } from '@tnt/shared/util-testing/eventually';
import { LanguagePageComponent } from './language-page.component';

describe('LanguagePageComponent against a real HTTP peer', () => {
  let session: LanguageTestSession;
  let fixture: ComponentFixture<LanguagePageComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const settle = (check: () => boolean, what: string) => eventually(() => (fixture.detectChanges(), check()), what);
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const shownState = () => host().querySelector('[data-role="model"]')?.getAttribute('data-state');
  const textarea = (name: string) => host().querySelector(`textarea[name="${name}"]`) as HTMLTextAreaElement;
  function type(name: string, value: string): void {
    textarea(name).value = value;
    textarea(name).dispatchEvent(new Event('input'));
  }
  const save = () => (host().querySelector('button[data-action="save"]') as HTMLButtonElement).click();

  async function open(status: LanguageModelStatus): Promise<void> {
    session = await startLanguageTestSession(status);
    TestBed.configureTestingModule({ providers: session.providers });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    fixture = TestBed.createComponent(LanguagePageComponent);
    await settle(() => shownState() !== undefined, 'the page shows the model');
  }
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  it('shows the generic model with empty texts', async () => {
    await open(GENERIC_STATUS);
    expect(shownState()).toBe('generic');
    expect(text('[data-role="state"]')).toBe('Generic model');
    expect(text('[data-role="decoding"]')).toBe('New calls are decoded with the generic model.');
    expect(textarea('domainText').value).toBe('');
    expect(textarea('vocabulary').value).toBe('');
    expect(host().querySelector('[data-role="added-words"]')).toBeNull();
  });

  it('fills the texts from the model in use and lists what its build gave', async () => {
    await open({
      ...GENERIC_STATUS,
      state: 'in-use',
      domainTextFile: '/data/support.txt',
      domainText: 'my router is down\n',
      vocabulary: 'zyxel\n',
      vocabularyFile: '/data/vocabulary.txt',
      domainWeight: 0.42,
      sentences: 450,
      addedWords: ['zyxel', 'ont'],
    });
    expect(text('[data-role="state"]')).toBe('In use');
    expect(text('[data-role="decoding"]')).toBe('New calls are decoded with the domain model.');
    expect(text('[data-role="source"]')).toBe('/data/support.txt and /data/vocabulary.txt');
    expect(text('[data-role="weight"]')).toBe('0.42');
    expect(text('[data-role="sentences"]')).toBe('450');
    expect([...host().querySelectorAll('[data-role="added-words"] li')].map((item) => item.textContent)).toEqual(['zyxel', 'ont']);
    expect(textarea('domainText').value).toBe('my router is down\n');
    expect(textarea('vocabulary').value).toBe('zyxel\n');
  });

  it('shows the refusal naming the line beside the vocabulary, and the model stays as it was', async () => {
    await open(GENERIC_STATUS);
    type('domainText', 'my router is down');
    type('vocabulary', 'gigabit\nzyxel  Z AY X');
    save();
    await settle(() => host().querySelector('[data-role="refusal"]') !== null, 'the page shows the refusal');
    const refusal = host().querySelector('[data-role="refusal"]');
    expect(refusal?.getAttribute('data-field')).toBe('vocabulary');
    expect(refusal?.textContent?.trim()).toBe('api vocabulary line 2: unknown phones X');
    expect(textarea('vocabulary').getAttribute('aria-invalid')).toBe('true');
    expect(textarea('domainText').getAttribute('aria-invalid')).toBe('false');
    expect(shownState()).toBe('generic');
    expect(session.peer.status()).toEqual(GENERIC_STATUS);
  });

  it('saves good texts, shows the build, and follows it until the model is in use', async () => {
    await open(GENERIC_STATUS);
    type('domainText', 'my router is down\nthe light on my modem is red');
    type('vocabulary', 'zyxel');
    save();
    await settle(() => shownState() === 'building', 'the page shows the build');
    expect(session.peer.saves()).toEqual([{ domainText: 'my router is down\nthe light on my modem is red', vocabulary: 'zyxel' }]);
    expect(text('[data-role="decoding"]')).toMatch(/^New calls are decoded with the generic model until this build is in use\./);
    expect(host().querySelector('[data-role="refusal"]')).toBeNull();

    session.peer.finishBuild(['zyxel']);
    session.scheduler.runDue();
    await settle(() => shownState() === 'in-use', 'the page shows the model in use');
    expect([...host().querySelectorAll('[data-role="added-words"] li')].map((item) => item.textContent)).toEqual(['zyxel']);
    expect(text('[data-role="sentences"]')).toBe('2');
    expect(text('[data-role="source"]')).toBe('saved on this page or through PUT /api/language');
    expect(session.scheduler.waiting()).toEqual([]);
  });

  it('shows why a build failed, and that the previous domain model still decodes new calls', async () => {
    await open({
      ...GENERIC_STATUS,
      state: 'in-use',
      domainTextFile: 'api domain text',
      domainText: 'hello',
      domainWeight: 0.5,
      sentences: 1,
    });
    type('domainText', 'my router is down');
    save();
    await settle(() => shownState() === 'building', 'the page shows the build');
    expect(text('[data-role="decoding"]')).toMatch(/^New calls are decoded with the previous domain model until this build is in use\./);

    session.peer.failBuild('api domain text line 1: flite gave no phones for "zzz"');
    session.scheduler.runDue();
    await settle(() => shownState() === 'failed', 'the page shows the failed build');
    expect(text('[data-role="state"]')).toBe('Build failed');
    expect(text('[data-role="build-error"]')).toBe('The build failed: api domain text line 1: flite gave no phones for "zzz"');
    expect(text('[data-role="decoding"]')).toBe('New calls are decoded with the previous domain model.');
  });

  it('stops following the build when the page is destroyed', async () => {
    await open(GENERIC_STATUS);
    type('domainText', 'my router is down');
    save();
    await settle(() => shownState() === 'building', 'the page shows the build');
    expect(session.scheduler.waiting()).toHaveLength(1);
    fixture.destroy();
    expect(session.scheduler.waiting()).toEqual([]);
  });
});
