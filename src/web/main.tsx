import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { isApiError } from './api.ts';
import { i18n } from './i18n/i18n.ts';
import { createAppRouter } from './router.tsx';
import { meQuery } from './session.ts';
import { LanguageSync } from './shell/LanguageSync.tsx';
import { keepFocusThroughBusyControls } from './ui/focus.ts';
import { cssVariablesResolver, theme } from './ui/theme.ts';

/** The session ended (expired, or signed out elsewhere): back to sign-in, then to where the user was. */
function onError(error: unknown) {
  if (!isApiError(error, 401) || !queryClient.getQueryData(meQuery.queryKey)) return;
  queryClient.setQueryData(meQuery.queryKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  void router.navigate({ to: '/sign-in', search: { redirect: router.state.location.href } });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createAppRouter(queryClient);
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
keepFocusThroughBusyControls(document.body);

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <LanguageSync />
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
