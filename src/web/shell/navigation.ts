import type { Membership } from '../../features/tenancy/tenancy.contract.ts';
import type { sv } from '../i18n/sv.ts';
import { hasRole } from '../session.ts';

export type NavItem = { to: string; label: keyof typeof sv.nav; exact?: boolean };

/** The areas of Lupp, in the order the main menu shows them. */
export const areaItems = [
  { to: '/', label: 'home', exact: true },
  { to: '/cases', label: 'cases' },
  { to: '/inquiries', label: 'inquiries' },
  { to: '/needs', label: 'needs' },
  { to: '/courses', label: 'courses' },
  { to: '/matching', label: 'matching' },
  { to: '/evaluation', label: 'evaluation' },
  { to: '/analysis', label: 'analysis' },
  { to: '/process-guide', label: 'processGuide' },
] as const satisfies readonly NavItem[];

/** What a customer organisation's contact people see: their own inquiries and cases. */
export const customerItems = [
  { to: '/', label: 'home', exact: true },
  { to: '/portal', label: 'portal' },
] as const satisfies readonly NavItem[];

/** A customer contact acts for a customer organisation: the HEI areas are not theirs. */
export const isCustomerContact = (membership: Membership | null) =>
  membership?.tenant.kind === 'customer' && hasRole(membership, 'customer_contact');

/** The main menu's areas for the active membership. */
export const menuItems = (
  membership: Membership | null,
): readonly ((typeof areaItems)[number] | (typeof customerItems)[number])[] =>
  isCustomerContact(membership) ? customerItems : areaItems;

export const adminItems = [
  { to: '/admin/members', label: 'members' },
  { to: '/admin/organisation', label: 'organisation' },
  { to: '/admin/checklist', label: 'checklist' },
  { to: '/admin/dialogue-guides', label: 'dialogueGuides' },
  { to: '/admin/audit', label: 'audit' },
  { to: '/admin/taxonomies', label: 'taxonomies' },
] as const satisfies readonly NavItem[];

/** Administration is for an organisation's administrators, and its managers (who may look). */
export const showsAdministration = (membership: Membership | null) =>
  membership?.scope === 'organisation' && hasRole(membership, 'admin', 'manager');

/** The HEI's cost configuration and calculator: for those who price contract education. */
export const costsItem = { to: '/admin/costs', label: 'costs' } as const satisfies NavItem;

export const showsCosts = (membership: Membership | null) =>
  membership?.scope === 'organisation' &&
  membership.tenant.kind === 'hei' &&
  hasRole(membership, 'admin', 'coordinator', 'economist', 'manager');

/** The administration menu of the active membership (empty: no administration heading at all). */
export const administrationItems = (membership: Membership | null): readonly NavItem[] => [
  ...(showsAdministration(membership) ? adminItems : []),
  ...(showsCosts(membership) ? [costsItem] : []),
];
