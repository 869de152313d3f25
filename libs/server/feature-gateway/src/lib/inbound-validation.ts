import { CLIENT_MESSAGE_SCHEMAS, ERROR_CODES, TntError, type ClientMessageType } from '@tnt/protocol';
import { validateSync, type ValidationError } from 'class-validator';
import { PingDto, SubscribeDto, UnsubscribeDto } from './inbound-messages.dto';

const DTO_OF_TYPE: Record<ClientMessageType, new () => object> = {
  ping: PingDto,
  subscribe: SubscribeDto,
  unsubscribe: UnsubscribeDto,
};

/**
 * The declared fields of `message` on a new `Dto`, values as parsed. Not class-transformer: its deep
 * copy drops keys named `constructor` or `__proto__` inside nested objects and throws on some, and
 * the call ids that key `since` of `subscribe '*'` may be any such word. Copying only the schema's
 * fields also strips undeclared ones and can never replace the DTO's prototype.
 */
function instanceOf(type: ClientMessageType, message: object): object {
  const dto = new DTO_OF_TYPE[type]() as Record<string, unknown>;
  for (const field of Object.keys(CLIENT_MESSAGE_SCHEMAS[type].shape)) {
    if (Object.prototype.hasOwnProperty.call(message, field)) dto[field] = (message as Record<string, unknown>)[field];
  }
  return dto;
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

/**
 * Validates a client message of a known `type` with class-validator, through DTOs generated from
 * the protocol's schemas. Runs synchronously while the frame is parsed, so messages are handled
 * strictly in the order they arrived.
 * @returns the validated DTO (unknown fields stripped), or the `VALIDATION_FAILED` error naming the field.
 */
export function validateClientMessage(type: ClientMessageType, message: object): object | TntError {
  const dto = instanceOf(type, message);
  const errors = validateSync(dto, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length === 0) return dto;
  return new TntError(ERROR_CODES.VALIDATION_FAILED, `${type}: ${describe(errors).join('; ')}`);
}
