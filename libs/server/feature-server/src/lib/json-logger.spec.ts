import { JsonLogger } from './json-logger';

function capture(levels: ('log' | 'warn' | 'error' | 'debug')[]) {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(levels, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with the context and the fields of a structured message', () => {
    const { logger, lines } = capture(['error', 'warn', 'log']);
    logger.log({ msg: 'call started', callId: 'CA1', agentId: 'agent-1' }, 'CallSessionService');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'call started',
        callId: 'CA1',
        agentId: 'agent-1',
        context: 'CallSessionService',
        service: 'tnt-gateway',
      }),
    ]);
    expect(Date.parse(lines[0]['time'] as string)).not.toBeNaN();
  });

  it('keeps an error stack as a field and drops levels that are not enabled', () => {
    const { logger, lines } = capture(['error', 'warn']);
    logger.log('routine', 'Somewhere');
    logger.error('failed', 'Error: boom\n    at x', 'Somewhere');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'failed', stack: 'Error: boom\n    at x', context: 'Somewhere' });
  });
});
