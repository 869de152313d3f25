import type { ClientMessageType } from '@tnt/protocol';
import { ERROR_CODES } from '@tnt/protocol';
import { validateSync, type ValidationError } from 'class-validator';
import { PingDto, SubscribeDto, UnsubscribeDto } from './inbound-messages.dto';
import { ProtocolError } from './protocol-error';

const DTO_OF_TYPE: Record<ClientMessageType, new () => object> = {
  ping: PingDto,
  subscribe: SubscribeDto,
  unsubscribe: UnsubscribeDto,
};

function describe(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((constraint) => `${prefix}${constraint}`),
    ...describe(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/**
 * `message`'s fields on a new `Dto`, values as parsed. A shallow copy on purpose: class-transformer's
 * deep copy drops keys named `constructor` or `__proto__` inside nested objects and throws on some
 * (`{"constructor":1}`), and the call ids that key `since` of `subscribe '*'` may be any such word.
 * At the top level those two keys are never fields of a message, and copied they would replace the
 * DTO's prototype or the constructor class-validator looks its rules up by: they are left out.
 */
function instanceOf(Dto: new () => object, message: object): object {
  const dto = new Dto() as Record<string, unknown>;
  for (const [key, value] of Object.entries(message)) {
    if (key !== '__proto__' && key !== 'constructor') dto[key] = value;
  }
  return dto;
}

/**
 * Validates a client message of a known `type` with class-validator. Runs synchronously while
 * the frame is parsed, so messages are handled strictly in the order they arrived.
 * @returns the validated DTO (unknown fields stripped), or the `VALIDATION_FAILED` error naming each field.
 */
export function validateClientMessage(type: ClientMessageType, message: object): object | ProtocolError {
  const dto = instanceOf(DTO_OF_TYPE[type], message);
  const errors = validateSync(dto, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length === 0) return dto;
  return new ProtocolError(ERROR_CODES.VALIDATION_FAILED, `${type}: ${describe(errors, '').join('; ')}`);
}
