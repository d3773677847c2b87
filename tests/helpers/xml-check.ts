/**
 * A small XML well-formedness checker for generated feeds and sitemaps (no parser package): tags balance,
 * one root, quoted attributes without duplicates, only the five predefined or numeric entities,
 * no raw `<`/`&` in text, every prefix declared.
 */
const NAME = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
const OPEN = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>$`);
const CLOSE = new RegExp(`^</(${NAME})\\s*>$`);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g');
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function xmlProblems(doc: string): string[] {
  const problems: string[] = [];
  const body = doc.replace(/^<\?xml\s[^?]*\?>/, '');
  if (body.length === doc.length) problems.push('no XML declaration');
  const stack: Array<{ name: string; prefixes: Set<string> }> = [];
  let roots = 0;
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      if (!stack.length && token.trim()) problems.push(`text outside the root: ${token.slice(0, 40)}`);
      if (BAD_AMP.test(token)) problems.push(`unescaped & in text: ${token.slice(0, 60)}`);
      if (token.includes('>')) problems.push(`raw > in text: ${token.slice(0, 60)}`);
      continue;
    }
    const close = CLOSE.exec(token);
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== close[1]) problems.push(`</${close[1]}> closes <${top?.name ?? 'nothing'}>`);
      continue;
    }
    const open = OPEN.exec(token);
    if (!open) {
      problems.push(`malformed tag: ${token.slice(0, 80)}`);
      continue;
    }
    const [, name, attrText, selfClosing] = open;
    if (!stack.length && roots++ > 0) problems.push(`second root <${name}>`);
    const prefixes = new Set(stack.length ? stack[stack.length - 1].prefixes : ['xml']);
    const seen = new Set<string>();
    const attrs = [...attrText.matchAll(ATTR)];
    for (const [, attr, value] of attrs) {
      if (seen.has(attr)) problems.push(`duplicate attribute ${attr} on <${name}>`);
      seen.add(attr);
      if (BAD_AMP.test(value)) problems.push(`unescaped & in ${attr}="${value}"`);
      if (attr.startsWith('xmlns:')) prefixes.add(attr.slice(6));
    }
    for (const qualified of [name, ...attrs.map((a) => a[1]).filter((a) => !a.startsWith('xmlns'))]) {
      const prefix = qualified.includes(':') ? qualified.split(':')[0] : null;
      if (prefix && !prefixes.has(prefix)) problems.push(`undeclared prefix ${prefix}: in ${qualified}`);
    }
    if (!selfClosing) stack.push({ name, prefixes });
  }
  if (stack.length) problems.push(`unclosed: ${stack.map((s) => s.name).join(' > ')}`);
  if (roots === 0) problems.push('no root element');
  return problems;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const decodeXml = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e],
  );

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The decoded text of every leaf element with this name, in document order. */
export const textsOf = (doc: string, name: string): string[] =>
  [...doc.matchAll(new RegExp(`<${escapeRe(name)}(?:\\s[^>]*)?>([^<]*)</${escapeRe(name)}>`, 'g'))].map((m) => decodeXml(m[1]));

/** The raw source of every element with this name (not nested in itself). */
export const elementsOf = (doc: string, name: string): string[] =>
  [...doc.matchAll(new RegExp(`<${escapeRe(name)}(?:\\s[^>]*)?>[\\s\\S]*?</${escapeRe(name)}>`, 'g'))].map((m) => m[0]);

/** The decoded attributes of the first tag with this name. */
export function attributesOf(doc: string, name: string): Record<string, string> {
  const tag = new RegExp(`<${escapeRe(name)}(\\s[^>]*?)?/?>`).exec(doc);
  if (!tag) return {};
  return Object.fromEntries([...(tag[1] ?? '').matchAll(ATTR)].map(([, k, v]) => [k, decodeXml(v)]));
}

export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
