import { useIsFetching } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

/** How long after arriving the page keeps the part in view while the rest loads. */
const SETTLING_MS = 10_000;

/**
 * Keeps the part an address points to (`/cases/…#case-delivery`, `/portal/cases/…#portal-delivery`: from a
 * notification, the overview or a page's own list of parts) in view while the page's data loads. The router
 * scrolls to it at once, but the parts above it are still loading, and as they arrive they push it down, out of
 * view: each time loading ends it is brought back. Only until the reader scrolls, types or clicks, and for at most
 * ten seconds. Used once, by the signed-in frame, for every page.
 */
export function useKeepLinkedPartInView() {
  // the page and the part: the same part of another case is another arrival
  const address = useLocation({ select: (location) => `${location.pathname}#${location.hash}` });
  const hash = address.slice(address.indexOf('#') + 1);
  const fetching = useIsFetching();
  const keepUntil = useRef(0);

  useEffect(() => {
    if (address.endsWith('#')) return;
    keepUntil.current = Date.now() + SETTLING_MS;
    const letGo = () => {
      keepUntil.current = 0;
    };
    const events = ['wheel', 'touchmove', 'keydown', 'mousedown'] as const;
    for (const event of events) window.addEventListener(event, letGo, { passive: true });
    return () => {
      for (const event of events) window.removeEventListener(event, letGo);
    };
  }, [address]);

  useEffect(() => {
    if (!hash || fetching > 0 || Date.now() > keepUntil.current) return;
    document.getElementById(hash)?.scrollIntoView();
  }, [hash, fetching]);
}
