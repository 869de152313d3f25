import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { ALERT_RULES_API_URL } from '@tnt/dashboard/data-access-alert-rules';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertRulesPageComponent } from './alert-rules-page.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

/**
 * A real HTTP server on 127.0.0.1 playing `/api/alert-rules` for the page: one stored rule at version
 * 1; a save is answered as the gateway would (a regex `(` → 400 naming the field, an old version →
 * 409, otherwise saved at the next version). A test peer, not the gateway: the dashboard e2e uses that.
 */
async function startRulesPeer(accepts: (token: string) => boolean): Promise<{ server: Server; url: string; saves: unknown[] }> {
  let stored = { rules: [{ name: 'refund', phrases: ['refund'], severity: 'info' }] as unknown[], version: 1 };
  const saves: unknown[] = [];
  const server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    response.setHeader('Access-Control-Allow-Methods', 'GET, PUT');
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') return reply(204);
    if (!accepts((request.headers.authorization ?? '').replace(/^Bearer /, ''))) return reply(401, { code: 'UNAUTHORIZED', message: 'no' });
    if (request.method === 'GET') return reply(200, stored);
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text) as { rules: { regex?: string }[]; version: number };
      saves.push(body);
      const broken = body.rules.findIndex((rule) => rule.regex === '(');
      if (broken >= 0)
        return reply(400, { code: 'VALIDATION_FAILED', message: `rules[${broken}].regex must compile (unterminated group)` });
      if (body.version !== stored.version)
        return reply(409, { code: 'SETTINGS_VERSION_CONFLICT', message: `now version ${stored.version}` });
      stored = { rules: body.rules, version: stored.version + 1 };
      return reply(200, stored);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alert-rules`, saves };
}

describe('AlertRulesPageComponent with real HTTP peers', () => {
  let auth: AuthTestPeer;
  let rules: Awaited<ReturnType<typeof startRulesPeer>>;

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    rules = await startRulesPeer((token) => auth.accepts(token));
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideAuth({ apiUrl: auth.apiUrl }), { provide: ALERT_RULES_API_URL, useValue: rules.url }],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await new Promise((resolve) => rules.server.close(resolve));
    await auth.stop();
  });

  async function page() {
    const fixture = TestBed.createComponent(AlertRulesPageComponent);
    const host = fixture.nativeElement as HTMLElement;
    const settle = async (check: () => boolean) => {
      await eventually(() => {
        fixture.detectChanges();
        return check();
      }, '{ fixture.detectChanges(); return check(); }');
    };
    await settle(() => host.querySelector('li[data-rule-index="0"]') !== null);
    const field = (index: number, name: string) =>
      host.querySelector(`li[data-rule-index="${index}"] [data-field="${name}"]`) as HTMLInputElement | HTMLTextAreaElement;
    const type = (index: number, name: string, value: string) => {
      const input = field(index, name);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    const click = (selector: string) => {
      (host.querySelector(selector) as HTMLButtonElement).click();
      fixture.detectChanges();
    };
    return { host, settle, field, type, click };
  }

  it('lists the stored rules, then saves an added one over the version it read', async () => {
    const { host, settle, field, type, click } = await page();
    expect(field(0, 'name').value).toBe('refund');
    click('button[data-action="add"]');
    type(1, 'name', 'cancel');
    type(1, 'phrases', 'cancel my subscription\nclose my account');
    click('button[data-action="save"]');
    await settle(() => host.querySelector('[data-role="saved"]') !== null);
    expect(host.querySelector('[data-role="saved"]')?.textContent).toContain('version 2');
    expect(rules.saves).toEqual([
      {
        rules: [
          { name: 'refund', phrases: ['refund'], severity: 'info' },
          { name: 'cancel', phrases: ['cancel my subscription', 'close my account'], severity: 'warning' },
        ],
        version: 1,
      },
    ]);
  });

  it("shows the server's validation error beside the field it names", async () => {
    const { host, settle, type, click } = await page();
    type(0, 'regex', '(');
    click('button[data-action="save"]');
    await settle(() => host.querySelector('li[data-rule-index="0"] [data-error="regex"]') !== null);
    expect(host.querySelector('[data-error="regex"]')?.textContent).toContain('rules[0].regex must compile');
    expect(host.querySelector('[data-role="problem"]')).toBeNull();
  });
});
