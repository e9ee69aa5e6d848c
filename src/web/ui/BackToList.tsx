import type { AnyRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AnchorLink } from './links.tsx';
import { readTabState, writeTabState } from './tab-state.ts';

/** The lists whose search, filters and page live in the address, and that a record page leads back to. */
const LISTS = ['/courses', '/cases', '/inquiries'] as const;
type ListPath = (typeof LISTS)[number];

const key = (list: ListPath) => `list:${list}`;

/**
 * Keeps, for the browser tab, the search of the last visit to each list, so that a record's "back to the
 * list" link finds the list as it was left — as the browser's back does — and not its first page unfiltered.
 */
export function rememberListSearches(router: AnyRouter) {
  router.subscribe('onResolved', ({ toLocation }) => {
    const list = LISTS.find((path) => path === toLocation.pathname);
    if (list) writeTabState(key(list), toLocation.search);
  });
}

/** A link back to `to`, with the search that list had when it was last shown in this tab. */
export function BackToList({ to, children }: { to: ListPath; children: ReactNode }) {
  // the list's route validates the search again (every field has a fallback), so a stale one is harmless
  const search = readTabState<Record<string, unknown>>(key(to)) ?? {};
  return (
    <AnchorLink to={to} search={search as never}>
      {children}
    </AnchorLink>
  );
}
