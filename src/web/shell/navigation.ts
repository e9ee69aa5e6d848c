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

export const adminItems = [
  { to: '/admin/members', label: 'members' },
  { to: '/admin/organisation', label: 'organisation' },
  { to: '/admin/checklist', label: 'checklist' },
  { to: '/admin/audit', label: 'audit' },
] as const satisfies readonly NavItem[];

/** Administration is for an organisation's administrators, and its managers (who may look). */
export const showsAdministration = (membership: Membership | null) =>
  membership?.scope === 'organisation' && hasRole(membership, 'admin', 'manager');
