/** Strapi 5 `blocks` rich text: built from paragraphs, read back as plain text. */
export interface TextNode {
  type: 'text';
  text: string;
  [mark: string]: unknown;
}
export interface Block {
  type: string;
  children?: Array<Block | TextNode>;
  [key: string]: unknown;
}

export const paragraphsToBlocks = (paragraphs: string[]): Block[] => paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

const nodeText = (node: Block | TextNode): string =>
  node.type === 'text' ? String((node as TextNode).text ?? '') : ((node as Block).children ?? []).map(nodeText).join('');

/** One string per top-level block (paragraphs, headings, list items joined). */
export const blocksToParagraphs = (blocks: unknown): string[] =>
  Array.isArray(blocks) ? (blocks as Block[]).map(nodeText).filter((t) => t.trim() !== '') : [];

export const blocksToPlainText = (blocks: unknown): string => blocksToParagraphs(blocks).join('\n\n');
