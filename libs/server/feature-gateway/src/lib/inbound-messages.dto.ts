import { ALL_CALLS, CALL_ID_RULE, isCallId, MAX_ALL_CALLS_POSITIONS, type AllCallsPositions } from '@tnt/protocol';
import {
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

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

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** What is wrong with `value` as the `since` of `subscribe '*'`, or `undefined` when it is a valid map. */
function allCallsPositionsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object mapping call ids to seqs';
  const entries = Object.entries(value);
  if (entries.length > MAX_ALL_CALLS_POSITIONS) return `names ${entries.length} calls; at most ${MAX_ALL_CALLS_POSITIONS} are allowed`;
  for (const [callId, seq] of entries) {
    const key: string = callId;
    if (!isCallId(callId)) return `key ${JSON.stringify(key.slice(0, 64))} is not a call id (${CALL_ID_RULE})`;
    if (!isSeq(seq)) return `${callId} must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`;
  }
  return undefined;
}

/**
 * `since` of `subscribe`: for one call the last seq held (an integer from 0); for `'*'` a map of
 * call ids to those seqs ({@link AllCallsPositions}), at most {@link MAX_ALL_CALLS_POSITIONS} of them.
 */
function IsSinceOfSubscription(options?: ValidationOptions): PropertyDecorator {
  const isForAllCalls = (args: ValidationArguments) => (args.object as { callId?: unknown }).callId === ALL_CALLS;
  return ValidateBy(
    {
      name: 'isSinceOfSubscription',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          args !== undefined && isForAllCalls(args) ? allCallsPositionsProblem(value) === undefined : isSeq(value),
        defaultMessage: (args?: ValidationArguments) =>
          args !== undefined && isForAllCalls(args)
            ? `$property for ${JSON.stringify(ALL_CALLS)} ${allCallsPositionsProblem(args.value)}`
            : `$property must be an integer number from 0 to ${Number.MAX_SAFE_INTEGER}`,
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

  // Absent means "no since"; unlike @IsOptional, null is checked (and refused), not taken for absent.
  @ValidateIf((_body: SubscribeDto, since: unknown) => since !== undefined)
  @IsSinceOfSubscription()
  since?: number | AllCallsPositions;
}

/** Body of an `unsubscribe` message. */
export class UnsubscribeDto {
  @Matches(CALL_ID_PATTERN, { message: `callId must be ${JSON.stringify(ALL_CALLS)} or letters, digits, '.', '_', ':' and '-'` })
  @Length(1, 128)
  @IsString()
  callId!: string;
}
