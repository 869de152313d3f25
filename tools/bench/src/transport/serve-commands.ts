import type { CommandReply, CommandRequest } from './node-child';

/** What a child process does for each command it understands. */
export type CommandHandlers = Record<string, (payload: never) => unknown>;

/**
 * Child side of the IPC channel: runs the handler named by each request and replies with its
 * result or its error message. The child exits when the benchmark process goes away.
 */
export function serveCommands(handlers: CommandHandlers): void {
  if (!process.send) throw new Error('this script runs as a child of the transport benchmark (no IPC channel)');
  process.on('message', (request: CommandRequest) => {
    const handler = handlers[request.command] as ((payload: unknown) => unknown) | undefined;
    const reply = (answer: Omit<CommandReply, 'id'>) => process.send?.({ id: request.id, ...answer } satisfies CommandReply);
    if (!handler) {
      reply({ error: `unknown command ${request.command}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(request.payload))
      .then(
        (result) => reply({ result: result ?? null }),
        (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}
