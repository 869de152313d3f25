import type { Infer, Schema } from '@tnt/protocol';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/** A message schema whose fields are known, as `object(...)` (refined or not) makes it. */
type MessageSchema = Schema<object> & { readonly shape: Record<string, Schema<unknown>> };

/** The top-level field a schema issue is about: `since` for `since.call-1`, `tracks` for `tracks[0]`. */
function topField(path: string): string {
  return path.split(/[.[]/, 1)[0];
}

/**
 * A class-validator DTO generated from a protocol schema, so the UI socket keeps Nest's
 * class-validator pipeline while the schema stays the only definition of the message. Each field
 * gets one validator that runs the whole message schema and fails when the schema's first issue is
 * about that field, so refinements across fields (`since` as a map only for `'*'`) hold too and the
 * message is the schema's own (`callId must be …`). Fields the schema does not declare carry no
 * decorator, so `whitelist` strips them.
 */
export function dtoFromSchema<S extends MessageSchema>(name: string, schema: S): new () => Infer<S> {
  const dto = { [name]: class {} }[name];
  const issueOf = (message: unknown) => {
    const result = schema.check(message, '');
    return result.ok ? undefined : result.issue;
  };
  // No @IsOptional: it would let `null` through where the schema refuses it. The schema decides
  // what may be absent, so an absent optional field simply raises no issue.
  for (const field of Object.keys(schema.shape)) {
    ValidateBy({
      name: 'protocolSchema',
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => {
          const issue = issueOf(args?.object);
          return issue === undefined || topField(issue.path) !== field;
        },
        defaultMessage: (args?: ValidationArguments) => issueOf(args?.object)?.message ?? `${field} is not valid`,
      },
    })(dto.prototype, field);
  }
  return dto as unknown as new () => Infer<S>;
}
