import { toFullTextQuery } from './full-text-query';

describe('toFullTextQuery', () => {
  it('quotes every word of a search so FTS5 operators are plain text', () => {
    expect(toFullTextQuery('refund AND "card"*')).toBe('"refund" "AND" "card"');
    expect(toFullTextQuery('número 4271')).toBe('"número" "4271"');
    expect(() => toFullTextQuery('x'.repeat(201))).toThrow('q must be at most 200 characters (got 201)');
  });
});
