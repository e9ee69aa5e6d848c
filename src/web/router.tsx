import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { z } from 'zod';
import { stages } from '../features/cases/stages.ts';
import { courseFormats, courseLevels } from '../features/catalog/catalog.fields.ts';
import { customerSorts } from '../features/customers/customers.contract.ts';
import { sectors } from '../features/inquiries/inquiries.contract.ts';
import { figurePeriods, isOfferedYear } from '../shared/periods.ts';
import { counties } from '../shared/subject-areas.ts';
import { MembersPage } from './features/admin/MembersPage.tsx';
import { OrganisationPage } from './features/admin/OrganisationPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { inquiryViews } from './features/inquiries/inquiries.api.ts';
import { InvitationPage } from './features/invitations/InvitationPage.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { meQuery } from './session.ts';
import { AppFrame } from './shell/AppFrame.tsx';
import { rememberListSearches } from './ui/BackToList.tsx';

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

// The front door: an organisation describes its need, then follows it (no account)

const frontDoorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/c/$slug/inquiry',
  // from=portal: a signed-in customer contact came from the portal, so the form starts from their account
  validateSearch: z.object({ from: z.enum(['portal']).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./features/frontdoor/InquiryFormPage.tsx'), 'InquiryFormPage'),
});

const followRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/follow/$token',
  component: lazyRouteComponent(() => import('./features/frontdoor/FollowPage.tsx'), 'FollowPage'),
});

const selfServiceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/s/$token',
  component: lazyRouteComponent(() => import('./features/analyses/SelfServicePage.tsx'), 'SelfServicePage'),
});

const surveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/survey/$token',
  component: lazyRouteComponent(() => import('./features/analyses/SurveyPage.tsx'), 'SurveyPage'),
});

const feedbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/feedback/$token',
  component: lazyRouteComponent(() => import('./features/evaluation/FeedbackPage.tsx'), 'FeedbackPage'),
});

const credentialRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/credentials/$code',
  component: lazyRouteComponent(() => import('./features/credentials/CredentialPage.tsx'), 'CredentialPage'),
});

const verifyCredentialRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/credentials/verify',
  component: lazyRouteComponent(
    () => import('./features/credentials/CredentialPage.tsx'),
    'VerifyCredentialPage',
  ),
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

const evaluationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/evaluation',
  component: lazyRouteComponent(() => import('./features/evaluation/EvaluationPage.tsx'), 'EvaluationPage'),
});

/** A figures page's period in its address: a rolling one, or a calendar year (typed in, it comes as a number). */
const periodInAddress = z
  .union([
    z.enum(figurePeriods),
    z.coerce
      .string()
      .refine((year) => isOfferedYear(year))
      .transform((year) => year as `${number}`),
  ])
  .default('12m')
  .catch('12m');

const regionalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/analysis',
  validateSearch: z.object({
    period: periodInAddress,
    county: z.enum(counties).optional().catch(undefined),
    sector: z.enum(sectors).optional().catch(undefined),
  }),
  component: lazyRouteComponent(() => import('./features/regional/RegionalPage.tsx'), 'RegionalPage'),
});

const keyFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/analysis/hei',
  validateSearch: z.object({
    period: periodInAddress,
  }),
  component: lazyRouteComponent(() => import('./features/dashboard/KeyFiguresPage.tsx'), 'KeyFiguresPage'),
});

const processGuideRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/process-guide',
  component: lazyRouteComponent(
    () => import('./features/guide/ProcessGuideRedirect.tsx'),
    'ProcessGuideRedirect',
  ),
});

/**
 * A searched, paged list's place in the address: its search and page (page 1 is the address without one, so
 * a bad or missing value opens the first page rather than an error).
 */
const listSearch = z.object({
  q: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(2).optional().catch(undefined),
});

const inquiriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inquiries',
  validateSearch: listSearch.extend({ view: z.enum(inquiryViews).default('inbox').catch('inbox') }),
  component: lazyRouteComponent(() => import('./features/inquiries/InquiriesPage.tsx'), 'InquiriesPage'),
});
const inquiryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inquiries/$inquiryId',
  component: lazyRouteComponent(() => import('./features/inquiries/InquiryPage.tsx'), 'InquiryPage'),
});

export const caseSearchSchema = z.object({
  view: z.enum(['list', 'board']).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  stage: z.enum(stages).optional().catch(undefined),
  owner: z.literal('me').optional().catch(undefined),
  sector: z.enum(sectors).optional().catch(undefined),
  /** "all" of the person's HEIs, or one by id; none means the active HEI. */
  hei: z
    .union([z.literal('all'), z.uuid()])
    .optional()
    .catch(undefined),
  overdue: z.boolean().optional().catch(undefined),
  sort: z.enum(['updated', 'created', 'customer', 'stage']).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
});
export type CaseSearch = z.infer<typeof caseSearchSchema>;

const casesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases',
  validateSearch: caseSearchSchema,
  component: lazyRouteComponent(() => import('./features/cases/CasesPage.tsx'), 'CasesPage'),
});
const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  component: lazyRouteComponent(() => import('./features/cases/CasePage.tsx'), 'CasePage'),
});
const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  validateSearch: z.object({ q: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./features/search/SearchPage.tsx'), 'SearchPage'),
});
const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  validateSearch: listSearch.extend({ sort: z.enum(customerSorts).default('recent').catch('recent') }),
  component: lazyRouteComponent(() => import('./features/customers/CustomersPage.tsx'), 'CustomersPage'),
});
const customerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId',
  component: lazyRouteComponent(() => import('./features/customers/CustomerPage.tsx'), 'CustomerPage'),
});
const frameworksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/framework-agreements',
  component: lazyRouteComponent(() => import('./features/frameworks/FrameworksPage.tsx'), 'FrameworksPage'),
});
const frameworkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/framework-agreements/$frameworkId',
  component: lazyRouteComponent(() => import('./features/frameworks/FrameworkPage.tsx'), 'FrameworkPage'),
});
const analysesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/needs',
  validateSearch: listSearch,
  component: lazyRouteComponent(() => import('./features/analyses/AnalysesPage.tsx'), 'AnalysesPage'),
});
const analysisRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/needs/$analysisId',
  component: lazyRouteComponent(() => import('./features/analyses/AnalysisPage.tsx'), 'AnalysisPage'),
});
const analysisMatchesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/needs/$analysisId/matches',
  component: lazyRouteComponent(
    () => import('./features/matching/AnalysisMatchesPage.tsx'),
    'AnalysisMatchesPage',
  ),
});
const matchingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/matching',
  component: lazyRouteComponent(() => import('./features/matching/MatchingPage.tsx'), 'MatchingPage'),
});
const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses',
  // the search and filters in the address too: back from a course finds the list as it was left
  validateSearch: listSearch.extend({
    hei: z.uuid().optional().catch(undefined),
    language: z.enum(['sv', 'en']).optional().catch(undefined),
    format: z.enum(courseFormats).optional().catch(undefined),
    level: z.enum(courseLevels).optional().catch(undefined),
  }),
  component: lazyRouteComponent(() => import('./features/catalog/CatalogPage.tsx'), 'CatalogPage'),
});
const catalogImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses/import',
  component: lazyRouteComponent(
    () => import('./features/catalog/CatalogImportPage.tsx'),
    'CatalogImportPage',
  ),
});
const catalogTagReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses/tags',
  component: lazyRouteComponent(
    () => import('./features/catalog/CatalogTagReviewPage.tsx'),
    'CatalogTagReviewPage',
  ),
});
const courseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses/$courseId',
  component: lazyRouteComponent(() => import('./features/catalog/CoursePage.tsx'), 'CoursePage'),
});
const portalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal',
  component: lazyRouteComponent(() => import('./features/portal/PortalPage.tsx'), 'PortalPage'),
});
const portalCaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portal/cases/$caseId',
  component: lazyRouteComponent(() => import('./features/portal/PortalCasePage.tsx'), 'PortalCasePage'),
});
const checklistRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/checklist',
  component: lazyRouteComponent(() => import('./features/admin/ChecklistPage.tsx'), 'ChecklistPage'),
});
const dialogueGuidesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/dialogue-guides',
  component: lazyRouteComponent(
    () => import('./features/admin/DialogueGuidesPage.tsx'),
    'DialogueGuidesPage',
  ),
});
const guideAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/guide',
  component: lazyRouteComponent(() => import('./features/guide-admin/GuideAdminPage.tsx'), 'GuideAdminPage'),
});
const guideAdminItemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/guide/$kind/$itemId/$language',
  component: lazyRouteComponent(() => import('./features/guide-admin/GuideItemPage.tsx'), 'GuideItemPage'),
});
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/audit',
  // the filters and the page in the address: a record's history is a link, and back finds the log as it was
  validateSearch: z.object({
    from: z.iso.date().optional().catch(undefined),
    to: z.iso.date().optional().catch(undefined),
    action: z.string().optional().catch(undefined),
    actor: z.string().optional().catch(undefined),
    subject: z.string().optional().catch(undefined),
    page: listSearch.shape.page,
  }),
  component: lazyRouteComponent(() => import('./features/admin/AuditPage.tsx'), 'AuditPage'),
});
const subjectAccessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/subject-access',
  component: lazyRouteComponent(() => import('./features/admin/SubjectAccessPage.tsx'), 'SubjectAccessPage'),
});
const taxonomiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/taxonomies',
  component: lazyRouteComponent(
    () => import('./features/admin/TaxonomyImportPage.tsx'),
    'TaxonomyImportPage',
  ),
});
const costsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/costs',
  component: lazyRouteComponent(() => import('./features/costs/CostsPage.tsx'), 'CostsPage'),
});
const incentivesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/incentives',
  component: lazyRouteComponent(() => import('./features/incentives/IncentivesPage.tsx'), 'IncentivesPage'),
});
const selfAssessmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/self-assessment',
  component: lazyRouteComponent(
    () => import('./features/self-assessment/SelfAssessmentPage.tsx'),
    'SelfAssessmentPage',
  ),
});

// Staff profiles: one's own ("Min profil"), finding teachers by expertise (optionally for a design), one person's
const myProfileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('./features/staff/MyProfilePage.tsx'), 'MyProfilePage'),
});
const staffRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/staff',
  validateSearch: z.object({ designId: z.uuid().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./features/staff/StaffPage.tsx'), 'StaffPage'),
});
const staffProfileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/staff/$userId',
  component: lazyRouteComponent(() => import('./features/staff/StaffProfilePage.tsx'), 'StaffProfilePage'),
});

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
  frontDoorRoute,
  followRoute,
  selfServiceRoute,
  surveyRoute,
  feedbackRoute,
  credentialRoute,
  verifyCredentialRoute,
  appRoute.addChildren([
    homeRoute,
    casesRoute,
    caseRoute,
    inquiriesRoute,
    inquiryRoute,
    customersRoute,
    customerRoute,
    frameworksRoute,
    frameworkRoute,
    searchRoute,
    portalRoute,
    portalCaseRoute,
    analysesRoute,
    analysisRoute,
    analysisMatchesRoute,
    catalogRoute,
    catalogImportRoute,
    catalogTagReviewRoute,
    courseRoute,
    matchingRoute,
    evaluationRoute,
    regionalRoute,
    keyFiguresRoute,
    processGuideRoute,
    membersRoute,
    organisationRoute,
    checklistRoute,
    dialogueGuidesRoute,
    guideAdminRoute,
    guideAdminItemRoute,
    auditRoute,
    subjectAccessRoute,
    taxonomiesRoute,
    costsRoute,
    myProfileRoute,
    staffRoute,
    staffProfileRoute,
    incentivesRoute,
    selfAssessmentRoute,
  ]),
]);

/** Only same-site paths: never send someone to another origin after signing in. */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/sign-in')) return '/';
  return target;
}

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultErrorComponent: ErrorPage,
  });
  rememberListSearches(router);
  return router;
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
