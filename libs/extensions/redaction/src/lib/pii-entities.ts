import { REDACTION_ENTITY_NAMES, type RedactionEntityName } from '@tnt/server/util-config';

/** The kinds of personal data the redactor finds (as `TNT_REDACTION_ENTITIES` names them); each has its own placeholder. */
export const PII_ENTITIES = REDACTION_ENTITY_NAMES;

/** One kind of personal data, see {@link PII_ENTITIES}. */
export type PiiEntity = RedactionEntityName;

/** What replaces each kind in the text: the original is not kept anywhere. */
export const PLACEHOLDERS: Readonly<Record<PiiEntity, string>> = {
  card: '[CARD]',
  phone: '[PHONE]',
  ssn: '[SSN]',
  dob: '[DOB]',
  email: '[EMAIL]',
  number: '[NUMBER]',
};

/** True when `value` names a kind of personal data. */
export function isPiiEntity(value: string): value is PiiEntity {
  return (PII_ENTITIES as readonly string[]).includes(value);
}

/** The Luhn checksum of payment card numbers (ISO/IEC 7812-1): true when `digits` passes it. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}
