import type { CallMessage, ServerMessage, StatusMessage } from '@tnt/protocol';
import { runGatewayToExit, startGateway } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

describe('gateway process: graceful shutdown and configuration', () => {
  it('on SIGTERM flushes live calls, tells every client disconnecting, closes with 1001 and exits 0', async () => {
    const gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '2', TNT_DEMO_SPEED: '4' });
    const supervisor = await TestClient.connect(gateway.wsUrl);
    const agent = await TestClient.connect(gateway.wsUrl);
    supervisor.send({ type: 'subscribe', callId: '*' });
    const { calls } = await supervisor.waitFor(ofType('subscribed'));
    await supervisor.waitFor(ofType('transcript'));
    const liveCallId = calls?.find((call) => call.status === 'active')?.id ?? (await supervisor.waitFor(ofType('call'))).call.id;
    agent.send({ type: 'subscribe', callId: liveCallId });
    await agent.waitFor(ofType('subscribed'));

    const exitCode = await gateway.stop('SIGTERM');

    for (const client of [supervisor, agent]) {
      const closed = await client.closed;
      expect(closed.code).toBe(1001);
      const last = client.messages.at(-1) as StatusMessage;
      expect(last).toMatchObject({ type: 'status', status: 'disconnecting' });
      const ended = client.messages.find(
        (message: ServerMessage): message is CallMessage =>
          message.type === 'call' && message.event === 'ended' && message.call.id === liveCallId,
      );
      expect(ended?.call.endReason).toBe('shutdown');
      const openInterims = new Set<string>();
      for (const event of client.eventsOf(liveCallId)) {
        if (event.type !== 'transcript') continue;
        if (event.transcript.isFinal) openInterims.delete(event.transcript.id);
        else openInterims.add(event.transcript.id);
      }
      expect([...openInterims]).toEqual([]);
    }
    expect(exitCode).toBe(0);
  });

  it('exits 1 naming the variable when a configuration value is invalid', async () => {
    const { code, output } = await runGatewayToExit({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be an integer from 0 to 65535 (got "abc")');
  });

  it('exits 1 naming the variable for a bad engine name', async () => {
    const { code, output } = await runGatewayToExit({ PORT: '0', TNT_ENGINE: 'whisper' });
    expect(code).toBe(1);
    expect(output).toContain('TNT_ENGINE must be one of');
  });
});
