import { isSpeaker } from './speaker';

describe('isSpeaker', () => {
  it('accepts caller and agent only', () => {
    expect(isSpeaker('caller')).toBe(true);
    expect(isSpeaker('agent')).toBe(true);
    expect(isSpeaker('supervisor')).toBe(false);
    expect(isSpeaker(undefined)).toBe(false);
  });
});
