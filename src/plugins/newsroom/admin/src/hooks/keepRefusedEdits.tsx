/**
 * A refused save keeps the form as the editor left it.
 *
 * Strapi 5.54's Content Manager writes the submitted values into its cached document as soon as Save
 * is clicked (`updateDocument`'s optimistic update) and rolls the cache back when the server refuses
 * the save. The edit form takes the rolled-back document as new initial values and replaces every
 * value with the stored one (`Form`: SET_INITIAL_VALUES), so the editor loses what they typed, components
 * included, while the error still names it. This is Strapi's behaviour, not our rules'; we work around
 * it here: for a few seconds after a save that ended with errors, whenever the form is reset to a
 * cached document, the editor's values are put back (the errors stay, the form stays modified).
 *
 * Registered as an edit-view side panel that renders nothing, so it runs on every content type.
 */
import * as React from 'react';
import { useForm } from '@strapi/strapi/admin';

/** How long after a save ends a reset is still taken for the rollback of that save. */
const ROLLBACK_WINDOW_MS = 5_000;

function useRestoreAfterRefusal() {
  const isSubmitting = useForm('NewsroomKeepRefusedEdits', (s: any) => s.isSubmitting) as boolean;
  const values = useForm('NewsroomKeepRefusedEdits', (s: any) => s.values) as unknown;
  const initialValues = useForm('NewsroomKeepRefusedEdits', (s: any) => s.initialValues) as unknown;
  const errors = useForm('NewsroomKeepRefusedEdits', (s: any) => s.errors) as Record<string, unknown> | undefined;
  const setValues = useForm('NewsroomKeepRefusedEdits', (s: any) => s.setValues) as (v: unknown) => void;

  const submitted = React.useRef<{ values: unknown; endedAt: number | null } | null>(null);
  const wasSubmitting = React.useRef(false);

  React.useEffect(() => {
    const started = isSubmitting && !wasSubmitting.current;
    const ended = !isSubmitting && wasSubmitting.current;
    wasSubmitting.current = isSubmitting;
    // What the editor submitted: the values when Save started, before any cache write reached the form.
    if (started) submitted.current = { values, endedAt: null };
    const pending = submitted.current;
    if (!pending) return;
    if (ended) pending.endedAt = Date.now();
    if (isSubmitting) return;
    const refused = !!errors && Object.keys(errors).length > 0;
    const expired = pending.endedAt !== null && Date.now() - pending.endedAt > ROLLBACK_WINDOW_MS;
    // A save that went through (no errors), or a rollback that never came: nothing to put back.
    if (!refused || expired) {
      submitted.current = null;
      return;
    }
    // The form holds exactly its initial values again (the same object): the cache was written or
    // rolled back under it (this can happen more than once), not edited by the editor. Put back what
    // they had; anything they type meanwhile is what gets put back next time.
    if (values === initialValues) {
      if (values !== pending.values) setValues(pending.values);
    } else {
      pending.values = values;
    }
  }, [isSubmitting, values, initialValues, errors, setValues]);
}

/** Side-panel description: restores refused edits, shows nothing. */
export const KeepRefusedEdits = () => {
  useRestoreAfterRefusal();
  return null;
};
