import { element, emptyElement, escapeXml, parentElement } from '../../../src/plugins/newsroom/server/src/syndication/xml';
import { decodeXml, xmlProblems } from '../../helpers/xml-check';

describe('XML escaping', () => {
  it('escapes the five special characters in text and attributes', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(element('title', 'a < b & c', { note: '"q"' })).toBe('<title note="&quot;q&quot;">a &lt; b &amp; c</title>');
  });

  it('drops characters XML 1.0 cannot carry even escaped, and keeps the rest of Unicode', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\tok\n\uFFFE😀\uD800x')).toBe('abcd\tok\n😀x');
    expect(escapeXml('文汇独家稿件,转载请注明出处。')).toBe('文汇独家稿件,转载请注明出处。');
  });

  it('leaves out empty optional elements and attributes', () => {
    expect(element('dc:rights', null)).toBe('');
    expect(element('dc:rights', '')).toBe('');
    expect(element('n', 0)).toBe('<n>0</n>');
    expect(emptyElement('link', { href: 'h', type: undefined })).toBe('<link href="h"/>');
    expect(parentElement('a', [element('b', 'x'), ''])).toBe('<a><b>x</b></a>');
  });

  it('round-trips through the test checker', () => {
    const nasty = '</title><script>alert(1)</script> & "quotes" \'apos\'';
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\n${parentElement('root', [element('title', nasty, { a: nasty })])}`;
    expect(xmlProblems(doc)).toEqual([]);
    expect(decodeXml(escapeXml(nasty))).toBe(nasty);
  });

  it('has a checker that does catch broken XML', () => {
    const decl = '<?xml version="1.0"?>';
    expect(xmlProblems(`${decl}<a><b></a></b>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<a>x & y</a>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<a><b></a>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<a/><b/>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<a x=1/>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<dc:rights>x</dc:rights>`)).not.toEqual([]);
    expect(xmlProblems(`${decl}<a xmlns:dc="u"><dc:rights>x &amp; &#20013;</dc:rights></a>`)).toEqual([]);
  });
});
