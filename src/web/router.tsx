import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { z } from 'zod';
import { MembersPage } from './features/admin/MembersPage.tsx';
import { OrganisationPage } from './features/admin/OrganisationPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { InvitationPage } from './features/invitations/InvitationPage.tsx';
import { type AreaKey, ComingSoonPage } from './pages/ComingSoonPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { meQuery } from './session.ts';
import { AppFrame } from './shell/AppFrame.tsx';

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

// Public pages

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: z.string().optional() }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: SignInPage,
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation/$token',
  component: InvitationPage,
});

// Pages that need a signed-in user, inside the app shell

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
  component: () => (
    <AppFrame>
      <Outlet />
    </AppFrame>
  ),
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const area = <const P extends string>(path: P, key: AreaKey) =>
  createRoute({ getParentRoute: () => appRoute, path, component: () => <ComingSoonPage area={key} /> });

const membersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/members',
  component: MembersPage,
});
const organisationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/organisation',
  component: OrganisationPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  invitationRoute,
  appRoute.addChildren([
    homeRoute,
    area('/cases', 'cases'),
    area('/inquiries', 'inquiries'),
    area('/needs', 'needs'),
    area('/courses', 'courses'),
    area('/matching', 'matching'),
    area('/evaluation', 'evaluation'),
    area('/analysis', 'analysis'),
    area('/process-guide', 'processGuide'),
    membersRoute,
    organisationRoute,
  ]),
]);

/** Only same-site paths: never send someone to another origin after signing in. */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/sign-in')) return '/';
  return target;
}

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
