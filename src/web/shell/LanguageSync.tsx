import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyUserLanguage, meQuery } from '../session.ts';

/** When the signed-in user has a remembered language, the interface follows it. */
export function LanguageSync() {
  const { data: me } = useQuery(meQuery);
  const locale = me?.user.locale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the user's language changes, not on every refetch
  useEffect(() => {
    applyUserLanguage(me ?? null);
  }, [locale]);
  return null;
}
