// @ts-check
/**
 * DOM building for the preview. Text from the API goes in through textContent or an attribute,
 * never innerHTML; links from data are kept only when they are http(s).
 */

/** @typedef {string | number | boolean | null | undefined} AttrValue */
/** @typedef {Node | string | null | undefined | false} Child */

/**
 * @param {Element} node
 * @param {Record<string, AttrValue>} attrs `text` sets textContent, `className` the class
 */
function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.setAttribute('class', String(value));
    else node.setAttribute(key, String(value));
  }
}

/**
 * @param {Node} node
 * @param {Child[]} children
 */
function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * An HTML element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue>} [attrs]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue>} [attrs]
 * @param {Child[]} [children]
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(tag, attrs = {}, children = []) {
  const node = /** @type {SVGElementTagNameMap[K]} */ (document.createElementNS(SVG_NS, tag));
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/**
 * The page's element with this id (the page always has it).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the preview page has no #${id}`);
  return node;
}

/**
 * Only http(s) and same-site links from data; anything else (javascript:, data:) is dropped.
 * @param {unknown} url
 * @returns {string | null}
 */
export function safeUrl(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url, window.location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
