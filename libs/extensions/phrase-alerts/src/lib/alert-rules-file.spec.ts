import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAlertRulesFile } from './alert-rules-file';

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tnt-rules-')), 'rules.json');
  writeFileSync(file, content);
  return file;
}

describe('TNT_ALERT_RULES_FILE', () => {
  it('reads a list of rules', () => {
    const file = fileWith(
      JSON.stringify([
        { name: 'refund', phrases: ['refund'] },
        { name: 'legal', regex: 'lawyer', severity: 'critical' },
      ]),
    );
    expect(readAlertRulesFile(file)).toEqual([
      { name: 'refund', phrases: ['refund'] },
      { name: 'legal', regex: 'lawyer', severity: 'critical' },
    ]);
  });

  it.each([
    ['not JSON', '[{', /TNT_ALERT_RULES_FILE must hold JSON/],
    ['a rule without phrases or regex', '[{"name":"x"}]', /\[0\]\.phrases must be at least one phrase when no regex is given/],
    ['an unknown field', '[{"name":"x","phrases":["a"],"level":"high"}]', /\[0\]\.level is not a known field/],
    [
      'two rules of one name',
      '[{"name":"x","phrases":["a"]},{"name":"x","phrases":["b"]}]',
      /rules\[1\]\.name must differ from rules\[0\]\.name \(both "x"\)/,
    ],
    [
      'a regex that does not compile',
      '[{"name":"x","regex":"(a"}]',
      /rules\[0\]\.regex must compile \(alert rule "x": regex does not compile/,
    ],
  ])('stops the start on %s, naming the variable', (_case, content, message) => {
    expect(() => readAlertRulesFile(fileWith(content))).toThrow(message);
  });

  it('stops the start on a file that is not there', () => {
    expect(() => readAlertRulesFile('/nonexistent/rules.json')).toThrow(/TNT_ALERT_RULES_FILE must name a readable file/);
  });
});
