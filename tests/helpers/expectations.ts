/** What the newsroom's rules promise, written out by hand so tests do not reuse the code under test. */
import { UID, rowsOf } from './http';

export const NOTICE: Record<string, string> = {
  'zh-Hans': '文汇独家稿件,转载请注明出处。',
  en: 'Wenhui exclusive. Credit the source when republishing.',
};

const OUTLET_EN: Record<string, string> = { 中新网: 'China News Service', 央视网: 'CCTV.com' };

export const credit = (outlet: string, locale: string) => (locale === 'en' ? `Source: ${OUTLET_EN[outlet] ?? outlet}` : `来源:${outlet}`);

/** Every row of an article (each locale, draft and published) carries exactly the notice and credit its flags call for. */
export async function expectArticleRows(documentId: string, expected: { exclusive: boolean; outlet?: string | null }, minRows = 1) {
  const rows = await rowsOf(UID.article, documentId, ['origin']);
  expect(rows.length).toBeGreaterThanOrEqual(minRows);
  for (const row of rows) {
    const label = `${row.locale}/${row.publishedAt ? 'published' : 'draft'}`;
    expect({ label, exclusive: !!row.exclusive }).toEqual({ label, exclusive: expected.exclusive });
    expect({ label, reprintNotice: row.reprintNotice }).toEqual({ label, reprintNotice: expected.exclusive ? NOTICE[row.locale] : null });
    expect({ label, creditLine: row.creditLine }).toEqual({
      label,
      creditLine: expected.outlet ? credit(expected.outlet, row.locale) : null,
    });
  }
  return rows;
}

export const paragraphs = (...texts: string[]) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
