import { ALL_CALLS, CALL_ID_PATTERN, CALL_ID_RULE } from '@tnt/protocol';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';

/** `'*'` (every call) or a call id by the one rule of `@tnt/protocol`, which also bounds its length. */
// class-validator runs a property's decorators bottom-up and stops at the first failure here,
// so the type check is written last to be reported first.
const CALL_ID_OR_ALL_CALLS = new RegExp(`^\\*$|${CALL_ID_PATTERN.source}`);
const CALL_ID_MESSAGE = `callId must be ${JSON.stringify(ALL_CALLS)} or ${CALL_ID_RULE}`;

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
  @Matches(CALL_ID_OR_ALL_CALLS, { message: CALL_ID_MESSAGE })
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
  @Matches(CALL_ID_OR_ALL_CALLS, { message: CALL_ID_MESSAGE })
  @IsString()
  callId!: string;
}
