import { Logger } from '@nestjs/common';
import { TntError } from '@tnt/protocol';
import { MemoryExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import type { Response } from 'express';
import { AlertRuleSet } from './alert-rule-set';
import { AlertRulesController } from './alert-rules.controller';
import { StoredAlertRules } from './stored-alert-rules';

/** The headers a handler set, in place of Express's response (the controller only sets headers on it). */
class HeaderRecorder {
  readonly headers = new Map<string, string>();
  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }
}

const refund = { name: 'refund', phrases: ['refund'] };

describe('AlertRulesController', () => {
  let controller: AlertRulesController;
  let response: HeaderRecorder;

  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const noTimer = { every: () => () => undefined };
    const rules = new StoredAlertRules(
      new AlertRuleSet(),
      new MemoryExtensionSettingsStore(),
      [refund],
      new PrometheusMetrics(),
      noTimer,
      2_000,
    );
    await rules.onModuleInit();
    controller = new AlertRulesController(rules);
    response = new HeaderRecorder();
  });
  afterEach(() => jest.restoreAllMocks());

  const put = (body: unknown, ifMatch?: string) => controller.replace(body, ifMatch, response as unknown as Response);
  const refusal = (body: unknown, ifMatch?: string) =>
    put(body, ifMatch).then(
      () => undefined,
      (error: TntError) => ({ code: error.code, status: error.httpStatus, message: error.message }),
    );

  it('answers the rules with their version, and the version as ETag', async () => {
    expect(await controller.list(response as unknown as Response)).toEqual({ rules: [refund], version: 1 });
    expect(response.headers.get('ETag')).toBe('"1"');
  });

  it('saves over the version If-Match names, in any of its spellings', async () => {
    expect(await put({ rules: [] }, '"1"')).toEqual({ rules: [], version: 2 });
    expect(await put({ rules: [refund] }, 'W/"2"')).toEqual({ rules: [refund], version: 3 });
    expect(await put({ rules: [] }, '3')).toEqual({ rules: [], version: 4 });
    expect(await put({ rules: [refund] }, '*')).toEqual({ rules: [refund], version: 5 });
    expect(response.headers.get('ETag')).toBe('"5"');
  });

  it('refuses a stale version with 409 SETTINGS_VERSION_CONFLICT, from the body or If-Match', async () => {
    await put({ rules: [], version: 1 });
    const expected = {
      code: 'SETTINGS_VERSION_CONFLICT',
      status: 409,
      message: expect.stringMatching(/since version 1 \(now version 2\)/),
    };
    expect(await refusal({ rules: [refund], version: 1 })).toEqual(expected);
    expect(await refusal({ rules: [refund] }, '"1"')).toEqual(expected);
  });

  it.each([
    ['a rule without phrases or regex', { rules: [{ name: 'x' }] }, undefined, /^rules\[0\]\.phrases must be/],
    ['a repeated name', { rules: [refund, refund] }, undefined, /^rules\[1\]\.name must differ from rules\[0\]\.name/],
    ['a version that is not one', { rules: [], version: -1 }, undefined, /^version must be an integer/],
    ['an If-Match that names no version', { rules: [] }, 'yesterday', /^If-Match must be a version/],
    ['a body and If-Match that disagree', { rules: [], version: 1 }, '"2"', /^version must agree with If-Match/],
  ])('refuses %s with 400 naming the field', async (_case, body, ifMatch, message) => {
    expect(await refusal(body, ifMatch)).toEqual({ code: 'VALIDATION_FAILED', status: 400, message: expect.stringMatching(message) });
  });
});
