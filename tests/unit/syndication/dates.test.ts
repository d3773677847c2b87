import {
  editorTime,
  instantFromWallClock,
  minuteInputValue,
  toOffsetIso,
  toRfc822,
  wallClock,
} from '../../../src/plugins/newsroom/server/src/syndication/dates';
import { RFC3339, RFC822 } from '../../helpers/xml-check';

describe('newsroom dates', () => {
  it('expresses a UTC instant at the configured offset', () => {
    expect(toOffsetIso('2021-12-28T07:14:00.000Z', '+08:00')).toBe('2021-12-28T15:14:00+08:00');
    expect(toOffsetIso(new Date('2021-12-28T07:14:09.999Z'), '+00:00')).toBe('2021-12-28T07:14:09+00:00');
    expect(toOffsetIso('2021-12-28T07:14:00Z', '-05:30')).toBe('2021-12-28T01:44:00-05:30');
  });

  it('gives editors the wall clock at the newsroom offset, whatever the host time zone', () => {
    expect(wallClock('2021-12-28T07:14:00.000Z', '+08:00')).toBe('2021-12-28 15:14:00');
    expect(wallClock('2021-12-31T20:00:00Z', '+08:00')).toBe('2022-01-01 04:00:00');
    expect(wallClock(new Date('2021-12-28T07:14:00Z'), '-05:30')).toBe('2021-12-28 01:44:00');
    expect(() => wallClock('2021-12-28T07:14:00Z', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('labels every editor-facing time with its offset, and reads a typed wall clock back at the offset', () => {
    expect(editorTime('2026-12-02T10:00:59.237Z', '+08:00')).toBe('2026-12-02 18:00:59 (UTC+08:00)');
    expect(minuteInputValue('2026-12-02T10:00:59.237Z', '+08:00')).toBe('2026-12-02T18:00');
    expect(instantFromWallClock('2026-12-02T18:00', '+08:00')?.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(instantFromWallClock('2026-01-01T02:30', '+08:00')?.toISOString()).toBe('2025-12-31T18:30:00.000Z');
    expect(instantFromWallClock('2026-12-02T18:00', '-05:30')?.toISOString()).toBe('2026-12-02T23:30:00.000Z');
    // Round trip: what the input shows is what it stores, to the minute.
    expect(instantFromWallClock(minuteInputValue('2026-12-02T10:07:00Z', '+08:00'), '+08:00')?.toISOString()).toBe('2026-12-02T10:07:00.000Z');
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-12-02T25:00', '2026-12-02 18:00']) expect(instantFromWallClock(bad, '+08:00')).toBeNull();
  });

  it('rolls the calendar over at the offset, not at UTC', () => {
    expect(toOffsetIso('2021-12-31T20:00:00Z', '+08:00')).toBe('2022-01-01T04:00:00+08:00');
    expect(toRfc822('2021-12-31T20:00:00Z', '+08:00')).toBe('Sat, 01 Jan 2022 04:00:00 +0800');
  });

  it('writes RFC 822 dates for RSS', () => {
    expect(toRfc822('2021-12-28T07:14:00.000Z', '+08:00')).toBe('Tue, 28 Dec 2021 15:14:00 +0800');
    expect(toRfc822('2021-03-01T00:00:00Z', '-03:00')).toBe('Sun, 28 Feb 2021 21:00:00 -0300');
  });

  it('produces strings the RFC 3339 and RFC 822 patterns accept', () => {
    for (const iso of ['2021-01-01T00:00:00Z', '2024-02-29T23:59:59.5Z', '1999-12-31T16:00:00Z']) {
      expect(toOffsetIso(iso, '+08:00')).toMatch(RFC3339);
      expect(toRfc822(iso, '+08:00')).toMatch(RFC822);
    }
  });

  it('refuses dates and offsets it cannot express', () => {
    expect(() => toOffsetIso('not a date', '+08:00')).toThrow(RangeError);
    expect(() => toOffsetIso('2021-12-28T07:14:00Z', '8')).toThrow(/\+08:00/);
    expect(() => toRfc822('2021-12-28T07:14:00Z', '+24:00')).toThrow(RangeError);
  });
});
