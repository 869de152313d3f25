import { ALL_CALLS } from '@tnt/protocol';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';

/** Call ids: telephony ids, UUIDs or `'*'`; no spaces or control characters. */
// class-validator runs a property's decorators bottom-up and stops at the first failure here,
// so the type check is written last to be reported first.
const CALL_ID_PATTERN = /^(\*|[A-Za-z0-9._:-]+)$/;

/** Validates a string of at most 128 characters or a finite number (ping correlation ids). */
function IsStringOrNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringOrNumber',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && value.length <= 128) || (typeof value === 'number' && Number.isFinite(value)),
        defaultMessage: () => '$property must be a string (at most 128 characters) or a number',
      },
    },
    options,
  );
}

/** Body of a `ping` message. */
export class PingDto {
  @IsOptional()
  @IsStringOrNumber()
  id?: string | number;
}

/** Body of a `subscribe` message. */
export class SubscribeDto {
  @Matches(CALL_ID_PATTERN, { message: `callId must be ${JSON.stringify(ALL_CALLS)} or letters, digits, '.', '_', ':' and '-'` })
  @Length(1, 128)
  @IsString()
  callId!: string;

  @IsOptional()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  @IsInt()
  since?: number;
}

/** Body of an `unsubscribe` message. */
export class UnsubscribeDto {
  @Matches(CALL_ID_PATTERN, { message: `callId must be ${JSON.stringify(ALL_CALLS)} or letters, digits, '.', '_', ':' and '-'` })
  @Length(1, 128)
  @IsString()
  callId!: string;
}
