/** XML text and attribute escaping; control characters XML 1.0 forbids are dropped. */
export const xml = (value: unknown): string =>
  String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export const tag = (name: string, value: unknown, attrs = ''): string =>
  value === null || value === undefined || value === '' ? '' : `<${name}${attrs}>${xml(value)}</${name}>`;
