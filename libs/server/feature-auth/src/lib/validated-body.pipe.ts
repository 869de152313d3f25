import { Injectable, type PipeTransform } from '@nestjs/common';
import { validate, type Schema } from '@tnt/protocol';
import { authError, AUTH_ERROR_CODES } from './auth-errors';

/**
 * Validates a JSON body against a protocol schema (e.g. `LOGIN_REQUEST`) and answers 400
 * `VALIDATION_FAILED` naming the first bad field (`username must be a string of 1 to 64 characters`);
 * unknown fields are refused when the schema says so, so typos do not pass silently. The value
 * itself is never echoed (it may be a password).
 */
@Injectable()
export class ValidatedBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: Schema<T>) {}

  transform(body: unknown): T {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw authError({
        code: AUTH_ERROR_CODES.VALIDATION_FAILED,
        message: 'the body must be a JSON object (Content-Type: application/json)',
      });
    }
    const result = validate(this.schema, body);
    if (!result.ok) throw authError({ code: AUTH_ERROR_CODES.VALIDATION_FAILED, message: result.message });
    return result.value;
  }
}
