import { useState } from 'react';

const PREFIX = 'lupp.tab.';

/**
 * State kept for the browser tab (sessionStorage) while the user is signed in: there again when they come
 * back to the page — with back from a result, or a reload — where React state would start empty. For what
 * is too long for the address (a need's text of up to 4 000 characters).
 */
export function useTabState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => readTabState(key) ?? initial);
  const set = (next: T) => {
    setValue(next);
    writeTabState(key, next);
  };
  return [value, set];
}

/** What the tab keeps under `key`, or undefined when it keeps nothing there. */
export function readTabState<T>(key: string): T | undefined {
  try {
    const stored = sessionStorage.getItem(PREFIX + key);
    return stored === null ? undefined : (JSON.parse(stored) as T);
  } catch {
    return undefined; // storage disabled, or an unreadable value: start empty
  }
}

export function writeTabState(key: string, value: unknown) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the page still works, it just forgets
  }
}

/** Forgets what the tab kept: on sign-in and sign-out, so one user's searches never show to the next. */
export function forgetTabState() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // storage disabled: nothing was kept
  }
}
