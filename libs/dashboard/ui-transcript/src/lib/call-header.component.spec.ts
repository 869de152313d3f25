import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CallInfo } from '@tnt/protocol';
import { aCallInfo } from '@tnt/dashboard/util-model/testing';
import { CallHeaderComponent, type CopyOutcome } from './call-header.component';

describe('CallHeaderComponent', () => {
  let fixture: ComponentFixture<CallHeaderComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  function show(call: CallInfo, options: { now?: number; simulated?: boolean; held?: boolean; copy?: CopyOutcome; level?: 1 | 2 } = {}): void {
    fixture.componentRef.setInput('call', call);
    fixture.componentRef.setInput('now', options.now ?? Date.parse('2026-03-02T10:00:30.000Z'));
    fixture.componentRef.setInput('simulated', options.simulated ?? false);
    fixture.componentRef.setInput('heldByServer', options.held ?? true);
    fixture.componentRef.setInput('copyOutcome', options.copy ?? 'idle');
    fixture.componentRef.setInput('headingLevel', options.level ?? 1);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(CallHeaderComponent);
  });

  it('names agent and caller in the page heading, with a ticking duration and live status', () => {
    show(aCallInfo({ id: 'demo-2', agentId: 'agent-2', from: '+15550102' }));
    expect(text('h1')).toBe('agent-2 with +15550102');
    expect(text('.subtitle')).toContain('Call demo-2');
    expect(text('.duration')).toBe('0:30');
    expect(text('.status')).toBe('Live');
    show(aCallInfo({ id: 'demo-2', agentId: 'agent-2', from: '+15550102' }), { now: Date.parse('2026-03-02T10:01:31.000Z') });
    expect(text('.duration')).toBe('1:31');
  });

  it('shows how the call ended, or that the server no longer holds it', () => {
    show(aCallInfo({ status: 'ended', endReason: 'caller-hangup', endedAt: '2026-03-02T10:00:12.000Z' }));
    expect(text('.status')).toBe('Ended (caller hangup)');
    expect(text('.duration')).toBe('0:12');
    show(aCallInfo(), { held: false });
    expect(text('.status')).toBe('No longer on the server');
  });

  it('uses a second-level heading inside another page and labels simulations', () => {
    show(aCallInfo(), { level: 2, simulated: true });
    expect(host().querySelector('h1')).toBeNull();
    expect(text('h2')).toBe('agent-1 with +15550100');
    expect(text('.badge')).toBe('Simulation');
  });

  it('asks for copy and download, and shows how the copy went', () => {
    show(aCallInfo(), { copy: 'copied' });
    const asked: string[] = [];
    fixture.componentInstance.copyTranscript.subscribe(() => asked.push('copy'));
    fixture.componentInstance.downloadTranscript.subscribe(() => asked.push('download'));
    const [copy, download] = [...host().querySelectorAll('button')];
    copy.click();
    download.click();
    expect(asked).toEqual(['copy', 'download']);
    expect(copy.textContent?.trim()).toBe('Copied');
  });
});
