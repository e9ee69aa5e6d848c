import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  type HeiRole,
  type Me,
  type Membership,
  meSchema,
  type Role,
} from '../features/tenancy/tenancy.contract.ts';
import { ApiError, api } from './api.ts';
import { currentLanguage, i18n, type Language, rememberLanguage } from './i18n/i18n.ts';
import { forgetTabState } from './ui/tab-state.ts';

/** The signed-in user, or null when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: ['me'] as const,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get('/api/me', meSchema);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const useMe = () => useQuery(meQuery).data ?? null;

export function activeMembershipOf(me: Me | null): Membership | null {
  if (!me) return null;
  return me.memberships.find((m) => m.id === me.activeMembershipId) ?? null;
}

/** The active membership when it is in an organisation (not a consortium). */
export function activeOrganisationOf(me: Me | null): (Membership & { scope: 'organisation' }) | null {
  const m = activeMembershipOf(me);
  return m && m.scope === 'organisation' ? (m as Membership & { scope: 'organisation' }) : null;
}

export const hasRole = (membership: Membership | null, ...roles: (Role | HeiRole)[]) =>
  !!membership && membership.roles.some((r) => roles.includes(r));

/** Applies the user's remembered language, if they have one. */
export function applyUserLanguage(me: Me | null) {
  const locale = me?.user.locale;
  if (locale && locale !== currentLanguage()) {
    rememberLanguage(locale);
    void i18n.changeLanguage(locale);
  }
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      await api.post('/api/auth/sign-in/email', input);
      return queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    },
    onSuccess: (me) => {
      // Data of whoever was signed in before must not leak into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      forgetTabState();
      applyUserLanguage(me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out', {}),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      forgetTabState();
      queryClient.setQueryData(meQuery.queryKey, null);
    },
  });
}

export function useSwitchMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api.put('/api/me/active-membership', { membershipId }, meSchema),
    onSuccess: async (me) => {
      queryClient.setQueryData(meQuery.queryKey, me);
      // Everything else belongs to the previous organisation: fetch it again.
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

/** Changes the interface language, remembers it in this browser and, when signed in, for the user. */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useCallback(
    async (language: Language) => {
      rememberLanguage(language);
      await i18n.changeLanguage(language);
      const me = queryClient.getQueryData(meQuery.queryKey);
      if (!me) return;
      const optimistic: Me = { ...me, user: { ...me.user, locale: language } };
      queryClient.setQueryData(meQuery.queryKey, optimistic);
      try {
        const updated = await api.put('/api/me/preferences', { locale: language }, meSchema);
        queryClient.setQueryData(meQuery.queryKey, updated);
      } catch {
        // The language still applies in this browser; the server copy is a convenience.
      }
    },
    [queryClient],
  );
}
