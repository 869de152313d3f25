import { CLOSE_CODES } from '@tnt/protocol';
import { checkFrameSize, FRAME_LIMIT_DEFAULTS, frameByteLength } from './frame-limits';

describe('frame limits', () => {
  it('defaults to 64 KiB for the UI socket and 256 KiB for ingest', () => {
    expect(FRAME_LIMIT_DEFAULTS).toEqual({ ui: 65_536, ingest: 262_144 });
  });

  it('measures text frames in UTF-8 bytes, not characters', () => {
    expect(frameByteLength('héllo')).toBe(6);
    expect(frameByteLength(Buffer.alloc(10))).toBe(10);
    expect(frameByteLength([Buffer.alloc(3), Buffer.alloc(4)])).toBe(7);
    expect(frameByteLength(new ArrayBuffer(5))).toBe(5);
  });

  it('answers MESSAGE_TOO_LARGE with close 1009 only above the limit', () => {
    expect(checkFrameSize(1024, 1024)).toBeUndefined();
    const error = checkFrameSize(1025, 1024);
    expect(error?.code).toBe('MESSAGE_TOO_LARGE');
    expect(error?.closeCode).toBe(CLOSE_CODES.MESSAGE_TOO_BIG);
    expect(error?.httpStatus).toBe(413);
    expect(error?.message).toBe('frame of 1025 bytes exceeds the limit of 1024 bytes');
  });
});
