import { Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { authFailure, AUTH_ERROR_CODES, AuthHttpError } from './auth-errors';

function firstProblem(errors: ValidationError[]): string {
  const error = errors[0];
  const constraint = Object.values(error.constraints ?? {})[0];
  return constraint ?? `${error.property} is not valid`;
}

/**
 * Validates a JSON body against a class-validator DTO and answers 400 `VALIDATION_FAILED` naming
 * the first bad field (`username must be a string`); unknown fields are refused too, so typos
 * do not pass silently. The value itself is never echoed (it may be a password).
 */
@Injectable()
export class ValidatedBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly dto: new () => T) {}

  transform(body: unknown): T {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AuthHttpError(authFailure(AUTH_ERROR_CODES.VALIDATION_FAILED, 'the body must be a JSON object (Content-Type: application/json)'));
    }
    const instance = plainToInstance(this.dto, body);
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) throw new AuthHttpError(authFailure(AUTH_ERROR_CODES.VALIDATION_FAILED, firstProblem(errors)));
    return instance;
  }
}
