/**
 * Unit tests exercise services that log every call start and end; keep warnings and errors
 * (they matter when a test fails) and drop the routine lines.
 */
const { Logger } = require('@nestjs/common');

Logger.overrideLogger(['error', 'warn']);
