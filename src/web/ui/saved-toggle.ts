import { useState } from 'react';

/**
 * A checkbox whose state is saved on the server shows its new state at once and holds it until the
 * save has settled. The pending value is kept in React state set inside the change handler (so the
 * controlled input never flips back for a moment, as it would if it waited for the mutation's own
 * state), and only one toggle in the group is in flight at a time.
 */
export function useSavedToggle() {
  const [pending, setPending] = useState<{ key: string; value: boolean } | null>(null);
  return {
    busy: pending !== null,
    /** The value to show for `key`: the one being saved, else the saved one. */
    shown: (key: string, saved: boolean) => (pending?.key === key ? pending.value : saved),
    /** Shows `value` for `key` until `save` has finished, whether it worked or not. */
    start: (key: string, value: boolean, save: (done: () => void) => void) => {
      setPending({ key, value });
      save(() => setPending(null));
    },
  };
}
