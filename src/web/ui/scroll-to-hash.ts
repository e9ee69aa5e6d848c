import { useIsFetching } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

/** How long after arriving the page keeps the part in view while the rest loads. */
const SETTLING_MS = 10_000;

/**
 * Keeps the part a link points to (`/cases/…#case-delivery`, from a notification or the page's own list of
 * parts) in view while the page's data loads. The router scrolls to it at once, but the parts above it are still
 * loading, and as they arrive they push it down, out of view: each time loading ends it is brought back. Only
 * until the reader scrolls, types or touches the page themselves, and for at most a few seconds.
 */
export function useScrollToHashOnceLoaded() {
  const hash = useLocation({ select: (location) => location.hash });
  const fetching = useIsFetching();
  const keep = useRef<{ hash: string; until: number } | null>(null);

  useEffect(() => {
    if (!hash) return;
    keep.current = { hash, until: Date.now() + SETTLING_MS };
    const letGo = () => {
      keep.current = null;
    };
    const events = ['wheel', 'touchmove', 'keydown', 'mousedown'] as const;
    for (const event of events) window.addEventListener(event, letGo, { passive: true });
    return () => {
      for (const event of events) window.removeEventListener(event, letGo);
    };
  }, [hash]);

  useEffect(() => {
    const target = keep.current;
    if (fetching > 0 || !target || Date.now() > target.until) return;
    document.getElementById(target.hash)?.scrollIntoView();
  }, [fetching]);
}
