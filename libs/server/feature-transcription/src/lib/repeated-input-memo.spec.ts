import { RepeatedInputMemo } from './repeated-input-memo';

function countingStep() {
  const calls: string[] = [];
  return { calls, step: (text: string) => (calls.push(text), text.toUpperCase()) };
}

describe('RepeatedInputMemo', () => {
  it('answers the same input again without running the step', () => {
    const memo = new RepeatedInputMemo<string, string>(10, (held, given) => held === given);
    const { calls, step } = countingStep();
    expect([memo.get('call-1/agent', 'hi there', step), memo.get('call-1/agent', 'hi there', step)]).toEqual(['HI THERE', 'HI THERE']);
    expect(calls).toEqual(['hi there']);
  });

  it('runs the step for new input and keeps one last input per key', () => {
    const memo = new RepeatedInputMemo<string, string>(10, (held, given) => held === given);
    const { calls, step } = countingStep();
    memo.get('call-1/agent', 'hi', step);
    memo.get('call-1/customer', 'hi', step);
    memo.get('call-1/agent', 'hi there', step);
    memo.get('call-1/agent', 'hi', step);
    expect(calls).toEqual(['hi', 'hi', 'hi there', 'hi']);
    expect(memo.size).toBe(2);
  });

  it('forgets the key set longest ago past maxKeys, and answers it right again', () => {
    const memo = new RepeatedInputMemo<string, string>(2, (held, given) => held === given);
    const { calls, step } = countingStep();
    memo.get('a', 'one', step);
    memo.get('b', 'two', step);
    memo.get('c', 'three', step);
    expect(memo.size).toBe(2);
    expect(memo.get('a', 'one', step)).toBe('ONE');
    expect(memo.get('c', 'three', step)).toBe('THREE');
    expect(calls).toEqual(['one', 'two', 'three', 'one']);
  });

  it("forgets one call's keys and keeps the others", () => {
    const memo = new RepeatedInputMemo<string, string>(10, (held, given) => held === given);
    const { calls, step } = countingStep();
    memo.get('call-1\u0000agent', 'hi', step);
    memo.get('call-1\u0000caller', 'hello', step);
    memo.get('call-10\u0000agent', 'hey', step);
    memo.forget('call-1\u0000');
    expect(memo.size).toBe(1);
    memo.get('call-10\u0000agent', 'hey', step);
    memo.get('call-1\u0000agent', 'hi', step);
    expect(calls).toEqual(['hi', 'hello', 'hey', 'hi']);
  });

  it('refuses a size that holds nothing', () => {
    expect(() => new RepeatedInputMemo<string, string>(0, () => true)).toThrow('maxKeys must be a positive integer (got 0)');
  });
});
