/** The one place XML text and attribute values are escaped, for feeds and sitemaps alike. */

// Characters XML 1.0 forbids outright (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/U+FFFF):
// an escaped form is not allowed either, so they are dropped.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML content (feed descriptions, ninjs `bodies`): the five special characters as entities. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);

/** Plain paragraphs as HTML, for feeds and ninjs bodies. */
export const htmlParagraph = (text: string): string => `<p>${escapeHtml(text)}</p>`;

export const escapeXml = (value: unknown): string =>
  String(value ?? '')
    .replace(FORBIDDEN, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);

export type XmlAttributes = Record<string, string | number | null | undefined>;

const attributes = (attrs: XmlAttributes): string =>
  Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');

/** `<name attrs>text</name>`; nothing at all when there is no text, so optional elements simply vanish. */
export function element(name: string, text: string | number | null | undefined, attrs: XmlAttributes = {}): string {
  if (text === null || text === undefined || text === '') return '';
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** `<name attrs/>` */
export const emptyElement = (name: string, attrs: XmlAttributes): string => `<${name}${attributes(attrs)}/>`;

/** `<name attrs>` + already-built children + `</name>` */
export const parentElement = (name: string, children: string[], attrs: XmlAttributes = {}): string =>
  `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
