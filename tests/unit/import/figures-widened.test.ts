/**
 * Figure rules widened for whole saved pages (issue 27): 逾/超/近 before counts and shares, 农户 and
 * 住房 totals, '每4户中就有1户', a population right before its share, English number words, 'N in M',
 * 'a lane of N households', '2,400-odd households', 'Of the estate's N households, M have moved in'.
 */
import { parseCountEn, statedFiguresEn, statedFiguresZh } from '../../../src/plugins/newsroom/server/src/import/figures-text';

const CN = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九'];

describe('Chinese figures', () => {
  it.each([
    ['中丰村共有农户三百八十余户，其中六十岁以上的老人占到了一半以上。', 380],
    ['民乐家园于2017年建成交付，共有住房1,800户，目前已入住1,620户。', 1800],
    ['这个建于上世纪80年代的老小区，有居民逾1500户，60岁以上老人超过三成。', 1500],
  ])('households: %s', (text, households) => {
    expect(statedFiguresZh([text]).households).toBe(households);
  });

  it('reads M of every N households as a share, for every M < N ≤ 10 (property)', () => {
    for (let n = 2; n <= 10; n++) {
      for (let m = 1; m < n; m++) {
        const arabic = statedFiguresZh([`小区共有居民800户，每${n}户中就有${m}户是租户。`]);
        expect(arabic.shares.find((s) => s.population === 'tenants')?.value).toBeCloseTo(m / n, 6);
        if (n < 10) {
          const numerals = statedFiguresZh([`小区共有居民800户，每${CN[n]}户里有${CN[m]}户是租户。`]);
          expect(numerals.shares.find((s) => s.population === 'tenants')?.value).toBeCloseTo(m / n, 6);
        }
      }
    }
  });

  it.each([
    ['景星里建于1926年，现有居民约五百户，其中60岁以上老人逾六成。', 0.6, '逾'],
    ['凤南一村建于一九九五年，共有居民一千二百余户，其中六十岁以上的老人近四成。', 0.4, '近'],
    ['石泉五村建于1981年，小区户籍居民1,460户，其中60岁以上老人超过百分之三十五。', 0.35, '超过'],
  ])('a population right before its share: %s', (text, value, qualifier) => {
    const elderly = statedFiguresZh([text]).shares.find((s) => s.population === 'elderly');
    expect(elderly?.value).toBeCloseTo(value, 6);
    expect(elderly?.qualifier).toBe(qualifier);
  });
});

describe('English figures', () => {
  it.each([
    ['nine hundred', 900],
    ['twelve hundred', 1200],
    ['two thousand five hundred', 2500],
    ['forty-two', 42],
    ['1,600', 1600],
    ['2,400-odd', 2400],
  ])('parseCountEn(%s) = %d', (raw, n) => expect(parseCountEn(raw)).toBe(n));

  it.each([
    ['The compound, built in 1993, is home to nine hundred households.', 900],
    ['Baochao Hutong, a lane of about 720 households in Dongcheng District, is typical.', 720],
    ['When the relocation notice went up this spring, 286 households still lived there.', 286],
    ['Today, more than half of its 2,400-odd households rent out their flats.', 2400],
  ])('households: %s', (text, n) => expect(statedFiguresEn([text]).households).toBe(n));

  it("reads 'Of the estate's N households, M have moved in'", () => {
    expect(statedFiguresEn(["Of the estate's 1,960 households, 1,540 have moved in so far."]).occupiedHouseholds).toBe(1540);
  });

  it('reads N in M as a share, words or digits, for every N < M ≤ 10 (property)', () => {
    const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    for (let m = 2; m <= 10; m++) {
      for (let n = 1; n < m; n++) {
        for (const [a, b] of [
          [words[n], words[m]],
          [words[n], String(m)],
        ]) {
          const f = statedFiguresEn([`Nearly ${a} in ${b} residents are tenants.`]);
          expect(f.shares.find((s) => s.population === 'tenants')?.value).toBeCloseTo(n / m, 6);
        }
      }
    }
  });
});
