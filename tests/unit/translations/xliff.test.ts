/**
 * XLIFF and source snapshots, pure: our files read by a third-party library (`xliff`) and by xmllint,
 * a file that library writes imports back unchanged, hostile files are refused with the unit named.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { js2xliff, jsToXliff12, xliff12ToJs, xliff2js } from 'xliff';
import { snapshotOf, sourceChanges, sourceRecord, translatableSegments } from '../../../src/plugins/newsroom/server/src/translations/source-text';
import {
  XLIFF_MAX_BYTES,
  documentUnits,
  planFile,
  readXliff,
  translationData,
  unitId,
  writeXliff,
} from '../../../src/plugins/newsroom/server/src/translations/xliff';
import { describeWith, xmllint } from '../../helpers/requirements';

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const source = {
  documentId: 'abc123',
  title: '普陀区居民品出温暖',
  standfirst: '一个安置小区的故事',
  body: [paragraph('第一段。'), { type: 'heading', level: 2, children: [{ type: 'text', text: '小标题' }] }, paragraph('第二段 & <更多>。')],
  bylines: [{ id: 7, name: '张三', role: 'reporter' }],
  keywords: ['普陀', '安置'],
  reprintNotice: '文汇独家稿件,转载请注明出处。',
};
const translation = {
  title: 'Putuo residents feel the warmth',
  body: [paragraph('First paragraph.'), { type: 'heading', level: 2, children: [{ type: 'text', text: 'Subhead' }] }, paragraph('Second & <more>.')],
  bylines: [{ name: 'Zhang San', role: 'reporter' }],
  reprintNotice: 'Wenhui exclusive. Credit the source when republishing.',
  translationStatus: 'current',
};
const bundle = (target: Record<string, unknown> | null) => ({
  sourceLocale: 'zh-Hans',
  targetLocale: 'en',
  documents: [{ kind: 'article' as const, documentId: 'abc123', units: documentUnits('article', source, target, 'en') }],
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('source snapshots', () => {
  it('keeps text per field, rich text by paragraph, component text and list items by index', () => {
    expect(snapshotOf('article', source)).toEqual({
      title: '普陀区居民品出温暖',
      standfirst: '一个安置小区的故事',
      'body.0': '第一段。',
      'body.1': '小标题',
      'body.2': '第二段 & <更多>。',
      'bylines.0.name': '张三',
      'keywords.0': '普陀',
      'keywords.1': '安置',
    });
    expect(sourceRecord('article', null)).toEqual({});
    expect(sourceRecord('article', source).translatedFrom).toEqual(snapshotOf('article', source));
  });

  it('shows paragraphs added, removed and changed, with character-level parts (Chinese)', () => {
    const before = snapshotOf('article', source);
    const now = snapshotOf('article', { ...source, body: [paragraph('第一段落。'), paragraph('第二段 & <更多>。'), paragraph('新的一段。')] });
    const [body] = sourceChanges('article', before, now);
    expect(body.field).toBe('body');
    expect(body.changes.map((c) => c.status)).toEqual(['changed', 'removed', 'added']);
    expect(body.changes[0].parts).toEqual([{ text: '第一段' }, { text: '落', added: true }, { text: '。' }]);
    expect(body.changes[1].before).toBe('小标题');
    expect(body.changes[2].after).toBe('新的一段。');
  });
});

describe('XLIFF export', () => {
  it('writes one unit per segment with states, and rights texts as translate="no" with a note', async () => {
    const xml = writeXliff(bundle({ ...translation, translationStatus: 'stale', translatedFrom: { ...snapshotOf('article', source), title: '旧标题' } }));
    expect(xml).toContain(`<unit id="${unitId('title', source.title)}" name="title">`);
    expect(xml).toMatch(
      /<unit id="reprintNotice" name="reprintNotice" translate="no">\s*<notes><note category="rights">Not for translation: the en exclusive notice comes from the newsroom configuration \(reprintNotice.en\)/,
    );
    const js = await xliff2js(xml);
    const units = js.resources['article.abc123'];
    expect(js.sourceLanguage).toBe('zh-Hans');
    expect(units[unitId('body.2', '第二段 & <更多>。')]).toMatchObject({ source: '第二段 & <更多>。', target: 'Second & <more>.' });
    expect(xml).toMatch(new RegExp(`id="${unitId('title', source.title)}"[^]*?subState="newsroom:stale"`));
    expect(xml).toMatch(new RegExp(`id="${unitId('body.0', '第一段。')}"[^]*?subState="newsroom:current"`));
    expect(xml).toMatch(new RegExp(`id="${unitId('standfirst', source.standfirst)}"[^]*?state="initial" subState="newsroom:new"`));
    const js12 = await xliff12ToJs(writeXliff(bundle(translation), '1.2'));
    expect(js12.resources['article.abc123'][unitId('title', source.title)].target).toBe('Putuo residents feel the warmth');
  });
});

describeWith([xmllint()])('XLIFF files pass xmllint', () => {
  it('is well-formed, namespace-correct XML for 2.1 and 1.2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-'));
    for (const version of ['2.1', '1.2'] as const) {
      const file = path.join(dir, `doc-${version}.xlf`);
      fs.writeFileSync(file, writeXliff(bundle(translation), version));
      const run = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('XLIFF import, pure part', () => {
  const exists = () => source;
  const read = (xml: string) => readXliff(bytes(xml), 'test.xlf');

  it('imports back a file the xliff library wrote, unchanged (2.0 and 1.2)', async () => {
    const js = await xliff2js(writeXliff(bundle(translation)));
    for (const xml of [await js2xliff(js), await jsToXliff12(js)]) {
      const file = read(xml).files[0];
      const { plan, problems } = planFile(file, exists);
      expect(problems).toEqual([]);
      expect(plan!.changedSince).toEqual([]);
      const data = translationData('article', source, translation, plan!.targets);
      expect(data.title).toBe(translation.title);
      expect(data.body).toEqual(translation.body);
      expect(data.bylines).toEqual([{ name: 'Zhang San', role: 'reporter' }]);
      expect(data).not.toHaveProperty('reprintNotice');
    }
  });

  it('refuses units not of the document and edited sources, naming the unit', () => {
    const xml = writeXliff(bundle(translation))
      .replace(`id="${unitId('title', source.title)}"`, 'id="title-00000000"')
      .replace('<source>一个安置小区的故事</source>', '<source>改过的原文</source>')
      .replace(`id="${unitId('keywords.0', '普陀')}"`, 'id="origin.outlet-12345678"');
    const { plan, problems } = planFile(read(xml).files[0], exists);
    expect(plan).toBeNull();
    const messages = problems.map((p) => p.path.join('/') + ': ' + p.message).join('\n');
    expect(messages).toMatch(/title-00000000: the <source> of unit title-00000000 is not the text it was exported with/);
    expect(messages).toMatch(/standfirst-[0-9a-f]{8}: the <source> .* is not the text/);
    expect(messages).toMatch(/origin.outlet-12345678: unit origin.outlet-12345678 does not belong to article.abc123/);
  });

  it('marks units whose source changed in the newsroom since the export', () => {
    const file = read(writeXliff(bundle(translation))).files[0];
    const { plan } = planFile(file, () => ({ ...source, title: '新标题' }));
    expect(plan!.changedSince).toEqual([unitId('title', source.title)]);
    expect(plan!.exportedSources).toEqual({ title: source.title });
  });

  it.each([
    [
      'a DTD with an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">&e;</xliff>',
      /DOCTYPE/,
    ],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">&b;</xliff>',
      /DOCTYPE/,
    ],
    ['an undeclared entity', '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">&e;</xliff>', /not accepted as XLIFF/],
    ['malformed XML', '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file>', /not accepted as XLIFF/],
    ['a wrong version', '<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', /version "3.0"/],
    ['another encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', /must be UTF-8/],
  ])('refuses %s', (_name, xml, message) => {
    expect(() => read(xml)).toThrow(message);
  });

  it('refuses invalid UTF-8 and files over the size limit before parsing', () => {
    const valid = bytes(writeXliff(bundle(translation)));
    const broken = new Uint8Array([...valid.slice(0, 200), 0xc3, 0x28, ...valid.slice(200)]);
    expect(() => readXliff(broken, 'bad.xlf')).toThrow('bad.xlf: not valid UTF-8');
    expect(() => readXliff(new Uint8Array(50 * 1024 * 1024), 'big.xlf')).toThrow(`over the limit of ${XLIFF_MAX_BYTES} bytes`);
  });

  it('segments a list block item by item and rebuilds it in the source shape', () => {
    const list = {
      type: 'list',
      format: 'unordered',
      children: [
        { type: 'list-item', children: [{ type: 'text', text: '甲' }] },
        { type: 'list-item', children: [{ type: 'text', text: '乙' }] },
      ],
    };
    const withList = { ...source, body: [list] };
    expect(translatableSegments('article', withList).find((s) => s.path === 'body.0')?.text).toBe('甲\n乙');
    const data = translationData('article', withList, null, { 'body.0': 'A\nB' });
    expect(data.body).toEqual([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'A' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'B' }] },
        ],
      },
    ]);
  });
});
