import type { ClientMessageType } from '@tnt/protocol';
import { ERROR_CODES } from '@tnt/protocol';
import { plainToInstance } from 'class-transformer';
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
 * Validates a client message of a known `type` with class-validator. Runs synchronously while
 * the frame is parsed, so messages are handled strictly in the order they arrived.
 * @returns the validated DTO (unknown fields stripped), or the `VALIDATION_FAILED` error naming each field.
 */
export function validateClientMessage(type: ClientMessageType, message: object): object | ProtocolError {
  const dto = plainToInstance(DTO_OF_TYPE[type], message, { excludeExtraneousValues: false });
  const errors = validateSync(dto, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length === 0) return dto;
  return new ProtocolError(ERROR_CODES.VALIDATION_FAILED, `${type}: ${describe(errors, '').join('; ')}`);
}
