// @ts-check
/** The article body (Strapi's blocks editor) as HTML elements, text through text nodes only. */
import { el, safeUrl } from './dom.js';

/** @typedef {import('./types.js').Block} Block */

/**
 * Inline content (text with marks, links) appended to a parent.
 * @param {Block | null | undefined} node
 * @param {Node} parent
 */
function renderInline(node, parent) {
  if (!node) return;
  if (node.type === 'text') {
    /** @type {Node} */
    let wrapped = document.createTextNode(String(node.text ?? ''));
    if (node.code) wrapped = el('code', {}, [wrapped]);
    if (node.bold) wrapped = el('strong', {}, [wrapped]);
    if (node.italic) wrapped = el('em', {}, [wrapped]);
    if (node.underline) wrapped = el('u', {}, [wrapped]);
    if (node.strikethrough) wrapped = el('s', {}, [wrapped]);
    parent.appendChild(wrapped);
    return;
  }
  if (node.type === 'link') {
    const href = safeUrl(node.url);
    const link = href ? el('a', { href, rel: 'noopener' }) : el('span');
    for (const child of node.children ?? []) renderInline(child, link);
    parent.appendChild(link);
    return;
  }
  for (const child of node.children ?? []) renderInline(child, parent);
}

/**
 * @param {Block} block
 * @returns {HTMLElement}
 */
function renderList(block) {
  const list = el(block.format === 'ordered' ? 'ol' : 'ul');
  for (const item of block.children ?? []) {
    const li = el('li');
    for (const child of item.children ?? []) {
      if (child.type === 'list') li.appendChild(renderList(child));
      else renderInline(child, li);
    }
    list.appendChild(li);
  }
  return list;
}

/**
 * One block, or null for one the preview does not show (an image without a safe URL).
 * @param {Block | null | undefined} block
 * @returns {HTMLElement | null}
 */
export function renderBlock(block) {
  if (!block) return null;
  /** @type {HTMLElement} */
  let node;
  switch (block.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, Number(block.level) || 2));
      node = el(/** @type {'h2' | 'h3' | 'h4' | 'h5' | 'h6'} */ (`h${level}`));
      break;
    }
    case 'quote':
      node = el('blockquote');
      break;
    case 'code':
      return el('pre', {}, [el('code', { text: (block.children ?? []).map((c) => c.text ?? '').join('') })]);
    case 'list':
      return renderList(block);
    case 'image': {
      const src = safeUrl(block.image?.url);
      if (!src) return null;
      return el('figure', { className: 'body-image' }, [el('img', { src, alt: block.image?.alternativeText ?? '' })]);
    }
    default:
      node = el('p');
  }
  for (const child of block.children ?? []) renderInline(child, node);
  return node;
}
