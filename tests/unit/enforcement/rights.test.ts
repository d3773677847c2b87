import { defaultConfig as config } from '../../../src/plugins/newsroom/server/src/config/schema';
import {
  articleProblems,
  articleRights,
  creditLine,
  isReprint,
  newsItemCredit,
  newsItemProblems,
  outletName,
} from '../../../src/plugins/newsroom/server/src/enforcement/rights';

describe('rights rules', () => {
  it('gives an exclusive the notice of its locale and no credit', () => {
    expect(articleRights(config, { exclusive: true }, 'zh-Hans')).toEqual({ reprintNotice: '文汇独家稿件,转载请注明出处。', creditLine: null });
    expect(articleRights(config, { exclusive: true }, 'en')).toEqual({
      reprintNotice: 'Wenhui exclusive. Credit the source when republishing.',
      creditLine: null,
    });
  });

  it('falls back to the default locale notice for a locale without text', () => {
    expect(articleRights(config, { exclusive: true }, 'fr').reprintNotice).toBe('文汇独家稿件,转载请注明出处。');
  });

  it('gives a non-exclusive no notice', () => {
    expect(articleRights(config, { exclusive: false }, 'zh-Hans')).toEqual({ reprintNotice: null, creditLine: null });
  });

  it('credits a reprint through the outlet map, else the name as given', () => {
    expect(articleRights(config, { origin: { outlet: '中新网' } }, 'zh-Hans').creditLine).toBe('来源:中新网');
    expect(articleRights(config, { origin: { outlet: ' 中新网 ' } }, 'en').creditLine).toBe('Source: China News Service');
    expect(creditLine(config, '某某晚报', 'en')).toBe('Source: 某某晚报');
    expect(outletName(config, '央视网', 'en')).toBe('CCTV.com');
  });

  it('does not treat our own outlet as a reprint', () => {
    for (const outlet of ['文汇报', '文汇', 'Wenhui Daily', 'wenhui daily']) expect(isReprint(config, { outlet })).toBe(false);
    expect(isReprint(config, { outlet: '中新网' })).toBe(true);
    expect(isReprint(config, null)).toBe(false);
  });

  it('refuses an exclusive reprint, naming both fields', () => {
    const problems = articleProblems(config, { exclusive: true, origin: { outlet: '中新网' } });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['exclusive', 'origin.outlet']);
  });

  it('refuses a reprint with no outlet name', () => {
    expect(articleProblems(config, { origin: { url: 'https://example.com' } }).map((p) => p.path.join('.'))).toEqual(['origin.outlet']);
    expect(articleProblems(config, { origin: { outlet: '   ' } })).toHaveLength(1);
    expect(articleProblems(config, { exclusive: true, origin: { outlet: '文汇报' } })).toEqual([]);
  });

  it('credits every news item from its outlet and refuses one without', () => {
    expect(newsItemCredit(config, '央视网', 'zh-Hans')).toBe('来源:央视网');
    expect(newsItemCredit(config, '', 'zh-Hans')).toBeNull();
    expect(newsItemProblems({ outlet: '' }).map((p) => p.path)).toEqual([['outlet']]);
    expect(newsItemProblems({ outlet: '中新网' })).toEqual([]);
  });
});
