import {
  countdown,
  embargoChangeProblems,
  isEmbargoed,
  nextWakeDelay,
  parseInstant,
  publishProblems,
  readyLocales,
} from '../../../src/plugins/newsroom/server/src/workflow/embargo';

const now = new Date('2026-11-28T12:00:00Z');

describe('embargo rules', () => {
  it('parses instants and tells malformed values apart from none', () => {
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant('')).toBeNull();
    expect(parseInstant('2026-11-28T12:00:00Z')?.toISOString()).toBe('2026-11-28T12:00:00.000Z');
    for (const bad of ['nope', '2026-13-45T99:00:00Z', {}, [], true, { $gt: 1 }]) expect(parseInstant(bad)).toBeUndefined();
  });

  it('holds strictly before the time and lifts at it', () => {
    expect(isEmbargoed('2026-11-28T12:00:01Z', now)).toBe(true);
    expect(isEmbargoed('2026-11-28T12:00:00Z', now)).toBe(false);
    expect(isEmbargoed(null, now)).toBe(false);
    // The refusal names the time at the newsroom's offset, as the rights panel shows it.
    expect(publishProblems('2026-11-28T13:00:00Z', now, '+08:00')).toEqual([
      { path: ['embargoUntil'], message: 'embargoed until 2026-11-28 21:00:00 (UTC+08:00): no locale may be published before then' },
    ]);
    expect(publishProblems('2026-11-28T13:00:00Z', now, '+00:00')[0].message).toContain('2026-11-28 13:00:00 (UTC+00:00)');
    expect(publishProblems('2026-11-28T11:00:00Z', now, '+08:00')).toEqual([]);
  });

  it('refuses a future embargo on a published story, but not resending the same value or lifting it', () => {
    const future = '2026-11-29T00:00:00Z';
    expect(embargoChangeProblems({ before: null, after: future, publishedLocales: ['zh-Hans'], now })[0].path).toEqual(['embargoUntil']);
    expect(embargoChangeProblems({ before: null, after: future, publishedLocales: [], now })).toEqual([]);
    expect(embargoChangeProblems({ before: future, after: '2026-11-29T00:00:00.000Z', publishedLocales: ['en'], now })).toEqual([]);
    expect(embargoChangeProblems({ before: future, after: null, publishedLocales: ['en'], now })).toEqual([]);
    expect(embargoChangeProblems({ before: null, after: '2026-11-27T00:00:00Z', publishedLocales: ['en'], now })).toEqual([]);
    expect(embargoChangeProblems({ before: null, after: 'soon', publishedLocales: [], now })[0].message).toMatch(/date-time/);
  });

  it('publishes ready locales, source first, never a stale translation or an empty title', () => {
    expect(
      readyLocales(
        [
          { locale: 'en', title: 'Ready', translationStatus: 'current' },
          { locale: 'zh-Hans', title: '就绪', translationStatus: 'source' },
          { locale: 'fr', title: 'Périmé', translationStatus: 'stale' },
          { locale: 'de', title: '  ' },
        ],
        'zh-Hans',
      ),
    ).toEqual(['zh-Hans', 'en']);
  });

  it('wakes at the nearest due time, bounded by the interval', () => {
    expect(nextWakeDelay(null, now, 2000)).toBe(2000);
    expect(nextWakeDelay('2026-11-28T12:00:00.500Z', now, 2000)).toBe(500);
    expect(nextWakeDelay('2026-11-28T11:00:00Z', now, 2000)).toBe(0);
    expect(nextWakeDelay('2026-11-29T11:00:00Z', now, 2000)).toBe(2000);
  });

  it('counts down in days, hours, minutes and seconds', () => {
    expect(countdown('2026-11-30T15:04:05Z', now)).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5, totalSeconds: 2 * 86400 + 3 * 3600 + 245 });
    expect(countdown('2026-11-28T12:00:00Z', now)).toBeNull();
  });
});
