import type { Membership } from '../../features/tenancy/tenancy.contract.ts';
import type { sv } from '../i18n/sv.ts';
import { hasRole } from '../session.ts';

export type NavItem = { to: string; label: keyof typeof sv.nav; exact?: boolean };

/** The areas of Lupp, in the order the main menu shows them. */
export const areaItems = [
  { to: '/', label: 'home', exact: true },
  { to: '/cases', label: 'cases' },
  { to: '/inquiries', label: 'inquiries' },
  { to: '/customers', label: 'customers' },
  { to: '/needs', label: 'needs' },
  { to: '/courses', label: 'courses' },
  { to: '/matching', label: 'matching' },
  { to: '/evaluation', label: 'evaluation' },
  { to: '/analysis', label: 'analysis' },
  { to: '/process-guide', label: 'processGuide' },
] as const satisfies readonly NavItem[];

/**
 * A consortium's regional analyst works in no HEI: the consortium's catalogues, its pooled analysis and the
 * guide are theirs (cases, inquiries, needs analyses, matching and evaluations are an HEI's).
 */
export const analystItems = [
  { to: '/', label: 'home', exact: true },
  { to: '/courses', label: 'courses' },
  { to: '/analysis', label: 'analysis' },
  { to: '/process-guide', label: 'processGuide' },
] as const satisfies readonly NavItem[];

/** The areas of the active membership's menu and start page (customers have the portal instead). */
export const homeAreaItems = (membership: Membership | null) =>
  membership?.scope === 'consortium' ? analystItems : areaItems;

/** What a customer organisation's contact people see: their own inquiries and cases. */
export const customerItems = [
  { to: '/', label: 'home', exact: true },
  { to: '/portal', label: 'portal' },
] as const satisfies readonly NavItem[];

/** A customer contact acts for a customer organisation: the HEI areas are not theirs. */
export const isCustomerContact = (membership: Membership | null) =>
  membership?.tenant.kind === 'customer' && hasRole(membership, 'customer_contact');

/** A person's own collaboration-skills self-assessment: for staff of an HEI. */
export const selfAssessmentItem = {
  to: '/self-assessment',
  label: 'selfAssessment',
} as const satisfies NavItem;

export const isHeiMembership = (membership: Membership | null) =>
  membership?.scope === 'organisation' && membership.tenant.kind === 'hei';

/** Finding teachers by expertise (staff profiles): for those who staff contract education. */
export const findTeachersItem = { to: '/staff', label: 'findTeachers' } as const satisfies NavItem;
/** A person's own staff profile and merit record: for staff of an HEI. */
export const myProfileItem = { to: '/profile', label: 'myProfile' } as const satisfies NavItem;

const findsTeachers = (membership: Membership | null) =>
  isHeiMembership(membership) && hasRole(membership, 'admin', 'coordinator', 'manager');

type MenuItem =
  | (typeof areaItems)[number]
  | (typeof customerItems)[number]
  | typeof selfAssessmentItem
  | typeof findTeachersItem
  | typeof myProfileItem;

/** The main menu's areas for the active membership. */
export const menuItems = (membership: Membership | null): readonly MenuItem[] =>
  isCustomerContact(membership)
    ? customerItems
    : isHeiMembership(membership)
      ? [
          ...areaItems,
          ...(findsTeachers(membership) ? [findTeachersItem] : []),
          selfAssessmentItem,
          myProfileItem,
        ]
      : homeAreaItems(membership);

export const adminItems = [
  { to: '/admin/members', label: 'members' },
  { to: '/admin/organisation', label: 'organisation' },
  { to: '/admin/checklist', label: 'checklist' },
  { to: '/admin/dialogue-guides', label: 'dialogueGuides' },
] as const satisfies readonly NavItem[];

/** What only administrators open — a manager would only be refused there: the audit log, and an HEI's taxonomies. */
export const auditItem = { to: '/admin/audit', label: 'audit' } as const satisfies NavItem;
export const taxonomiesItem = { to: '/admin/taxonomies', label: 'taxonomies' } as const satisfies NavItem;

/** Administration is for an organisation's administrators, and its managers (who may look). */
export const showsAdministration = (membership: Membership | null) =>
  membership?.scope === 'organisation' && hasRole(membership, 'admin', 'manager');

/** The HEI's cost configuration and calculator: for those who price contract education. */
export const costsItem = { to: '/admin/costs', label: 'costs' } as const satisfies NavItem;

export const showsCosts = (membership: Membership | null) =>
  membership?.scope === 'organisation' &&
  membership.tenant.kind === 'hei' &&
  hasRole(membership, 'admin', 'coordinator', 'economist', 'manager');

/** The HEI's incentive model: everyone at the HEI reads it; admins and economists add versions. */
export const incentivesItem = { to: '/admin/incentives', label: 'incentives' } as const satisfies NavItem;

/** The HEI's version of the process guide: its administrators adapt it, its managers may look. */
export const guideAdminItem = { to: '/admin/guide', label: 'guideAdmin' } as const satisfies NavItem;

/** Subject access reports (registerutdrag): an HEI's administrators make them. */
export const subjectAccessItem = {
  to: '/admin/subject-access',
  label: 'subjectAccess',
} as const satisfies NavItem;

/** The administration menu of the active membership (empty: no administration heading at all). */
export const administrationItems = (membership: Membership | null): readonly NavItem[] => [
  ...(showsAdministration(membership) ? adminItems : []),
  ...(membership?.scope === 'organisation' && hasRole(membership, 'admin') ? [auditItem] : []),
  ...(isHeiMembership(membership) && hasRole(membership, 'admin') ? [taxonomiesItem] : []),
  ...(isHeiMembership(membership) && showsAdministration(membership) ? [guideAdminItem] : []),
  ...(isHeiMembership(membership) && hasRole(membership, 'admin') ? [subjectAccessItem] : []),
  ...(showsCosts(membership) ? [costsItem] : []),
  ...(isHeiMembership(membership) ? [incentivesItem] : []),
];
