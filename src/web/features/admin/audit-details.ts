import type { TFunction } from 'i18next';
import { isAuditDetailKey } from '../../../features/audit/audit.contract.ts';
import { outcomes, stages } from '../../../features/cases/stages.ts';
import { allRoles } from '../../../features/tenancy/tenancy.contract.ts';
import type { formatFor } from '../../ui/format.ts';

type Format = ReturnType<typeof formatFor>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const oneOf = <Code extends string>(codes: readonly Code[], value: string): value is Code =>
  (codes as readonly string[]).includes(value);

/**
 * An event's details as the administrator reads them: each name in the interface language ("Ärende",
 * "Pris"), amounts in kronor, shares as percentages, dates and times as elsewhere, stages, outcomes, roles and
 * languages by their names, ids shortened to their first eight characters (as the subject column does).
 * A name or value Lupp does not know (written by another version) shows as it is stored.
 */
export function auditDetails(data: Record<string, unknown>, t: TFunction, format: Format): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) => `${isAuditDetailKey(key) ? t(`audit.detailKeys.${key}`) : key}: ${shown(key, value)}`,
    )
    .join(' · ');

  function shown(key: string, value: unknown): string {
    if (value === null) return '–';
    if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
    if (typeof value === 'number') {
      if (key.endsWith('Ore')) return format.kronor(value);
      if (key.endsWith('Bp')) return format.percent(value);
      return format.number(value);
    }
    if (typeof value === 'string') return textOf(key, value);
    if (Array.isArray(value)) return value.map((item) => shown(key, item)).join(', ') || '–';
    return JSON.stringify(value);
  }

  function textOf(key: string, value: string): string {
    if (UUID.test(value)) return value.slice(0, 8);
    if (DATE.test(value)) return format.date(value);
    if (DATE_TIME.test(value)) return format.dateTime(value);
    if (oneOf(stages, value) && ['before', 'after', 'from', 'to'].includes(key))
      return t(`labels.stage.${value}`);
    if (key === 'outcome' && oneOf(outcomes, value)) return t(`labels.outcome.${value}`);
    if (['roles', 'from', 'to'].includes(key) && oneOf(allRoles, value)) return t(`roles.${value}`);
    if (key === 'language' && (value === 'sv' || value === 'en')) return t(`labels.language.${value}`);
    return value;
  }
}
