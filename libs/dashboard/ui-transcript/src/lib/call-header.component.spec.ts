import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CallInfo } from '@tnt/protocol';
import { aCallInfo } from '@tnt/dashboard/util-model/testing';
import { CallHeaderComponent, type CallHeaderAction } from './call-header.component';

const EXPORTS: CallHeaderAction[] = ['txt', 'vtt'].map((format) => ({
  id: format,
  label: format.toUpperCase(),
  detail: `.${format}`,
  description: `Download as ${format}`,
}));

describe('CallHeaderComponent', () => {
  let fixture: ComponentFixture<CallHeaderComponent>;
  let asked: string[];
  const host = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (actionId: string) => host().querySelector(`button[data-action="${actionId}"]`) as HTMLButtonElement;

  function show(call: CallInfo, inputs: Partial<Record<keyof CallHeaderComponent, unknown>> = {}): void {
    fixture.componentRef.setInput('call', call);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(CallHeaderComponent);
    asked = [];
    fixture.componentInstance.act.subscribe((actionId) => asked.push(actionId));
  });

  describe('for a live call', () => {
    it('names agent and caller in the page heading, with a ticking duration and live status', () => {
      show(aCallInfo({ id: 'demo-2', agentId: 'agent-2', from: '+15550102' }), { now: Date.parse('2026-03-02T10:00:30.000Z') });
      expect(text('h1')).toBe('agent-2 with +15550102');
      expect(text('.subtitle')).toContain('Call demo-2');
      expect(text('.subtitle')).not.toContain('language');
      expect(text('.duration')).toBe('0:30');
      expect(text('.status')).toBe('Live');
      show(aCallInfo({ id: 'demo-2', agentId: 'agent-2', from: '+15550102' }), { now: Date.parse('2026-03-02T10:01:31.000Z') });
      expect(text('.duration')).toBe('1:31');
      expect(host().querySelector('.lines')).toBeNull();
    });

    it('shows how the call ended, or that the server no longer holds it', () => {
      show(aCallInfo({ status: 'ended', endReason: 'caller-hangup', endedAt: '2026-03-02T10:00:12.000Z' }), {
        now: Date.parse('2026-03-02T11:00:00.000Z'),
      });
      expect(text('.status')).toBe('Ended (caller hangup)');
      expect(text('.duration')).toBe('0:12');
      show(aCallInfo(), { heldByServer: false });
      expect(text('.status')).toBe('No longer on the server');
    });

    it('uses a second-level heading inside another page and labels simulations', () => {
      show(aCallInfo(), { headingLevel: 2, simulated: true });
      expect(host().querySelector('h1')).toBeNull();
      expect(text('h2')).toBe('agent-1 with +15550100');
      expect(text('.badge')).toBe('Simulation');
    });
  });

  describe('for a past call', () => {
    it('tells how long the call lasted, how it ended, how many lines were stored, and the day it started', () => {
      const ended = { status: 'ended', endReason: 'shutdown', endedAt: '2026-03-02T10:02:05.000Z' } as const;
      show(aCallInfo({ to: '+18005550100', language: 'es-ES', ...ended }), {
        storedLines: 1,
        withDate: true,
      });
      expect(text('.duration')).toBe('2:05');
      expect(text('.status')).toBe('Ended (shutdown)');
      expect(text('.lines')).toBe('1 line');
      expect(text('.subtitle')).toContain('to +18005550100 · language es-ES');
      expect(text('.subtitle time')).toContain('2026');
    });

    it('says a stored call that is not followed live is still going, instead of guessing its length', () => {
      show(aCallInfo({ status: 'active' }), { storedLines: 12 });
      expect(text('.duration')).toBe('still going');
      expect(text('.lines')).toBe('12 lines');
    });
  });

  describe('actions', () => {
    it('offers the buttons given, under their label, and says which one was clicked', () => {
      show(aCallInfo(), { actions: EXPORTS, actionsLabel: 'Download' });
      expect(text('.actions-label')).toBe('Download');
      expect(button('vtt').getAttribute('title')).toBe('Download as vtt');
      expect(button('vtt').getAttribute('aria-label')).toBe('Download as vtt');
      expect(text('button[data-action="vtt"] .detail')).toBe('.vtt');
      button('vtt').click();
      button('txt').click();
      expect(asked).toEqual(['vtt', 'txt']);
    });

    it('shows the action in progress and takes no other click meanwhile', () => {
      show(aCallInfo(), { actions: EXPORTS, busyAction: 'vtt' });
      button('txt').click();
      expect(asked).toEqual([]);
      expect(button('vtt').textContent).toContain('Preparing…');
      expect(button('vtt').getAttribute('aria-busy')).toBe('true');
      expect(button('txt').getAttribute('aria-disabled')).toBe('true');
    });

    it('shows why the last action failed in an alert, and no button row when there are no actions', () => {
      show(aCallInfo(), { problem: 'The download did not work.' });
      expect(text('[role="alert"] .problem')).toBe('The download did not work.');
      expect(host().querySelector('.actions')).toBeNull();
    });
  });
});
