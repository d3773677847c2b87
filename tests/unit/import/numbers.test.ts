/**
 * Numbers as news copy writes them (import/numbers.ts), through its exported parsers only:
 * generated counts, years, shares and clock times, written the way a Chinese or English page
 * writes them by an encoder in this file, must read back as the number they were made from.
 * (Kept to the exported behaviour: the module's internals are being reorganised.)
 */
import { parseClock, parseCount, parseShareText, parseYear } from '../../../src/plugins/newsroom/server/src/import/numbers';
import { forEachSeed } from '../../helpers/random';

const DIGITS = '零一二三四五六七八九';

/** 0 < n < 10,000 in standard Chinese numerals: 一千零八十, 八百六十二, 十二 (leading 一十 written 十 at the top). */
function section(n: number, top: boolean): string {
  const units = ['千', '百', '十', ''];
  const ds = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += top && out === '' && d === 1 && units[i] === '十' ? '十' : DIGITS[d] + units[i];
  });
  return out;
}

/** 0 < n < 100,000,000: 三万二千, 一万零五百, 一千六百四十四. */
function chinese(n: number): string {
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  if (!high) return section(low, true);
  return `${section(high, true)}万${low === 0 ? '' : `${low < 1000 ? '零' : ''}${section(low, false)}`}`;
}

const withCommas = (n: number) => n.toLocaleString('en-US');

describe('parseCount reads back generated counts', () => {
  it('in Chinese numerals, Arabic digits with and without thousands separators, and N万 (100 seeds x 50 numbers)', () => {
    forEachSeed(100, (rng) => {
      for (let i = 0; i < 50; i += 1) {
        const n = rng.pick([rng.between(1, 99), rng.between(100, 9999), rng.between(10_000, 99_999_999)]);
        for (const written of [chinese(n), String(n), withCommas(n)]) expect({ written, n: parseCount(written) }).toEqual({ written, n });
        const wan = rng.between(1, 999) / 10; // 1.2万, 35万
        expect(parseCount(`${wan}万`)).toBe(Math.round(wan * 10_000));
      }
    });
  });

  it('gives null for what is not a count', () => {
    for (const text of ['', '户', 'abc', '一万万二', '1,2,3x']) expect({ text, n: parseCount(text) }).toEqual({ text, n: null });
  });
});

describe('parseYear', () => {
  it('reads four-digit years in Arabic and digit-by-digit Chinese (二〇二一), and only from 1000 to 2999', () => {
    forEachSeed(50, (rng) => {
      const year = rng.between(1000, 2999);
      const digitByDigit = [...String(year)].map((d) => (d === '0' ? rng.pick(['〇', '零']) : DIGITS[Number(d)])).join('');
      expect([parseYear(String(year)), parseYear(digitByDigit)]).toEqual([year, year]);
      expect(parseYear(String(rng.between(3000, 9999)))).toBeNull();
      expect(parseYear(String(rng.between(1, 999)))).toBeNull();
    });
  });
});

describe('parseShareText', () => {
  it('reads N%, 百分之N and N成 as the share they write (1 to 99 percent)', () => {
    forEachSeed(50, (rng) => {
      const pct = rng.between(1, 99);
      expect(parseShareText(`${pct}%`)).toBeCloseTo(pct / 100, 10);
      expect(parseShareText(`百分之${chinese(pct)}`)).toBeCloseTo(pct / 100, 10);
      const tenths = rng.between(1, 9);
      expect(parseShareText(`${DIGITS[tenths]}成`)).toBeCloseTo(tenths / 10, 10);
    });
    expect([parseShareText('一半'), parseShareText('half'), parseShareText('one third'), parseShareText('三分之一')]).toEqual([0.5, 0.5, 1 / 3, 1 / 3]);
    expect(parseShareText('150%')).toBeNull();
  });
});

describe('parseClock', () => {
  it('reads HH:MM, and 上午/下午 N点[M分|半] on a 24-hour clock', () => {
    forEachSeed(50, (rng) => {
      const hour = rng.between(1, 11);
      const minute = rng.between(1, 59);
      const hh = (h: number) => String(h).padStart(2, '0');
      expect(parseClock(`${hour}:${hh(minute)}`)).toBe(`${hh(hour)}:${hh(minute)}`);
      expect(parseClock(`上午${chinese(hour)}点`)).toBe(`${hh(hour)}:00`);
      expect(parseClock(`下午${chinese(hour)}点半`)).toBe(`${hh(hour + 12)}:30`);
      expect(parseClock(`下午${hour}点${minute}分`)).toBe(`${hh(hour + 12)}:${hh(minute)}`);
    });
    expect([parseClock('25点'), parseClock('十点六十分'), parseClock('昨天')]).toEqual([null, null, null]);
  });
});
