/**
 * How hard a write invalidates what readers were served.
 *
 *   soft  an edit to published text: the previous answer may still be served, marked stale, for a
 *         few seconds while one refresh runs (readers see the fix a moment later; nothing waits).
 *   hard  what must never be served again once the write is acknowledged: an unpublish, a delete,
 *         an embargo set, a change to rights (exclusive, notice, credit, origin), a new correction.
 *         The write answers only after every instance and the edge have dropped the old answer.
 */
export type Strength = 'soft' | 'hard';

/** A change one write made, as the rights history records it (workflow/history.ts). */
export interface RecordedChange {
  change: string;
  after: unknown;
}

/** Document actions whose result readers must never see the old version of. */
const HARD_ACTIONS = new Set(['unpublish', 'delete']);
/** Recorded changes that are hard whatever their value (rights and corrections). */
const HARD_CHANGES = new Set(['exclusive', 'origin', 'unpublish', 'correction']);

/**
 * The strength of one Document Service write, from its action and what it changed (`changes`: the
 * rights history's entries; empty for kinds without rights, whose only hard writes are the actions).
 */
export function invalidationStrength(action: string, changes: readonly RecordedChange[]): Strength {
  if (HARD_ACTIONS.has(action)) return 'hard';
  for (const { change, after } of changes) {
    if (HARD_CHANGES.has(change)) return 'hard';
    // An embargo set (or moved) withdraws the story; lifting one only adds it.
    if (change === 'embargoUntil' && after !== null && after !== undefined) return 'hard';
  }
  return 'soft';
}

/** Several writes merged (a burst, a transaction): hard if any is. */
export const strongest = (strengths: Iterable<Strength>): Strength => {
  for (const s of strengths) if (s === 'hard') return 'hard';
  return 'soft';
};
