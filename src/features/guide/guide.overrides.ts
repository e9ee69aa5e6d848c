import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, editConflict, invalid, notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditEvent } from '../audit/audit.table.ts';
import { authUser } from '../auth/auth.table.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import { type Guide, type GuideDoc, getGuide } from './guide.content.ts';
import type {
  GuideItem,
  GuideItemKind,
  GuideItemSummary,
  GuideOverview,
  GuidePreview,
  PutGuideItemBody,
} from './guide.contract.ts';
import { guideOverride } from './guide.table.ts';
import { type GuideLanguage, guideLanguages, guidePaths, heiGuidePaths } from './guide.text.ts';
import { checkOverride, heiGuide, linksTo, type OverrideContent } from './guide.version.ts';

/**
 * An HEI's version of the process guide: its administrators adapt shared pages and templates and add pages
 * of their own (`guide_override`, one row per item and language), without forking the shared content. Each
 * adaptation remembers the shared item's `updated` date it was based on, so the administrators see when
 * the shared one has changed since. Saves are checked like the shared content, guarded by a revision
 * (optimistic concurrency) and audited. Consortium-level adaptations are not offered: a consortium has no
 * administrators yet (its only role is `analyst`), though the table can hold them.
 */

const readers = ['admin', 'manager'] as const;
const writers = ['admin'] as const;

type Hei = { id: string; name: string };

/** The actor's HEI with one of `roles`; another organisation, or a customer's, is 404. */
function requireHei(actor: Actor, organisationId: string, roles: readonly ('admin' | 'manager')[]): Hei {
  const membership = requireOrganisationRole(actor, organisationId, []);
  if (membership.tenant.kind !== 'hei') throw notFound("The organisation's version of the guide");
  requireOrganisationRole(actor, organisationId, roles);
  return { id: membership.tenant.id, name: membership.tenant.name };
}

export type StoredOverride = OverrideContent & {
  id: string;
  basedOn: string | null;
  updatedByName: string | null;
};

const columns = {
  id: guideOverride.id,
  kind: guideOverride.kind,
  itemId: guideOverride.itemId,
  language: guideOverride.language,
  title: guideOverride.title,
  body: guideOverride.body,
  basedOn: guideOverride.basedOn,
  revision: guideOverride.revision,
  updatedAt: guideOverride.updatedAt,
  updatedByName: authUser.name,
};

/** An HEI's adaptations and own pages, in every language. */
export async function overridesOf(db: Db, organisationId: string): Promise<StoredOverride[]> {
  return db
    .select(columns)
    .from(guideOverride)
    .leftJoin(authUser, eq(authUser.id, guideOverride.updatedBy))
    .where(eq(guideOverride.organisationId, organisationId));
}

const sharedItemOf = (shared: Guide, kind: GuideItemKind, lang: GuideLanguage, id: string) =>
  kind === 'page' ? shared.page(lang, id) : shared.template(lang, id);

const subjectId = (kind: GuideItemKind, itemId: string, lang: GuideLanguage) => `${kind}/${itemId}/${lang}`;

function summaryOf(
  hei: Hei,
  kind: GuideItemKind,
  lang: GuideLanguage,
  id: string,
  sharedDoc: GuideDoc | undefined,
  row: StoredOverride | undefined,
): GuideItemSummary {
  const changed = !!(row && sharedDoc && (row.basedOn === null || sharedDoc.updated > row.basedOn));
  const paths = heiGuidePaths(hei.id);
  return {
    kind,
    id,
    language: lang,
    title: row?.title ?? sharedDoc?.title ?? id,
    state: row ? (sharedDoc ? 'adapted' : 'own') : 'shared',
    part: kind === 'template' ? null : sharedDoc?.kind === 'page' ? sharedDoc.part : 'own',
    stage: sharedDoc?.stage ?? null,
    shared: sharedDoc
      ? {
          title: sharedDoc.title,
          updated: sharedDoc.updated,
          path: kind === 'page' ? guidePaths.page(lang, id) : guidePaths.template(lang, id),
        }
      : null,
    override: row
      ? {
          title: row.title,
          revision: row.revision,
          basedOn: row.basedOn,
          updatedAt: row.updatedAt.toISOString(),
          updatedBy: row.updatedByName,
        }
      : null,
    sharedChangedSince: changed,
    changesSince:
      changed && sharedDoc ? sharedDoc.changes.filter((c) => !row?.basedOn || c.date > row.basedOn) : [],
    path: kind === 'page' ? paths.page(lang, id) : paths.template(lang, id),
  };
}

function itemOf(
  hei: Hei,
  kind: GuideItemKind,
  lang: GuideLanguage,
  id: string,
  sharedDoc: GuideDoc | undefined,
  row: StoredOverride | undefined,
): GuideItem {
  const summary = summaryOf(hei, kind, lang, id, sharedDoc, row);
  return {
    ...summary,
    shared:
      summary.shared && sharedDoc
        ? { ...summary.shared, changes: sharedDoc.changes, body: sharedDoc.source }
        : null,
    override: summary.override && row ? { ...summary.override, body: row.body } : null,
  };
}

const find = (rows: StoredOverride[], kind: GuideItemKind, itemId: string, lang: GuideLanguage) =>
  rows.find((r) => r.kind === kind && r.itemId === itemId && r.language === lang);

/** Every shared page and template with the HEI's state of it, and the HEI's own pages, in both languages. */
export async function guideOverview(db: Db, actor: Actor, organisationId: string): Promise<GuideOverview> {
  const hei = requireHei(actor, organisationId, readers);
  const shared = getGuide();
  const rows = await overridesOf(db, hei.id);
  const items: GuideItemSummary[] = [];
  for (const lang of guideLanguages) {
    for (const page of shared.pages[lang])
      items.push(summaryOf(hei, 'page', lang, page.id, page, find(rows, 'page', page.id, lang)));
    const own = rows
      .filter((r) => r.kind === 'page' && r.language === lang && !shared.page(lang, r.itemId))
      .sort((a, b) => a.title.localeCompare(b.title, lang));
    for (const row of own) items.push(summaryOf(hei, 'page', lang, row.itemId, undefined, row));
    for (const template of shared.templates[lang])
      items.push(
        summaryOf(hei, 'template', lang, template.id, template, find(rows, 'template', template.id, lang)),
      );
  }
  const paths = heiGuidePaths(hei.id);
  return { organisation: hei, home: { sv: paths.home('sv'), en: paths.home('en') }, items };
}

/** One page or template: the shared one (with its Markdown) and the HEI's adaptation or own page. */
export async function guideItem(
  db: Db,
  actor: Actor,
  organisationId: string,
  kind: GuideItemKind,
  itemId: string,
  lang: GuideLanguage,
): Promise<GuideItem> {
  const hei = requireHei(actor, organisationId, readers);
  const sharedDoc = sharedItemOf(getGuide(), kind, lang, itemId);
  const row = find(await overridesOf(db, hei.id), kind, itemId, lang);
  if (!sharedDoc && !row)
    throw notFound(kind === 'page' ? 'A shared or own page with this id' : 'A shared template with this id');
  return itemOf(hei, kind, lang, itemId, sharedDoc, row);
}

/** Checks a text for an item of the HEI's version; refuses it (400) naming every problem. */
function check(
  shared: Guide,
  hei: Hei,
  rows: StoredOverride[],
  kind: GuideItemKind,
  itemId: string,
  lang: GuideLanguage,
  input: { title: string; body: string },
) {
  if (kind === 'template' && !shared.template(lang, itemId))
    throw notFound('A shared template with this id (own templates are not offered)');
  const version = heiGuide(shared, hei, rows);
  const { errors, parsed } = checkOverride(shared, version, { kind, itemId, language: lang, ...input });
  if (errors.length || !parsed) throw invalid(errors);
  return parsed;
}

/** What a save based on a stale revision is told: who saved in between, and when. */
function savedMeanwhile(kind: GuideItemKind, row: StoredOverride) {
  return editConflict(`this ${kind} (revision ${row.revision})`, row.updatedByName, row.updatedAt);
}

/** What a save based on a revision that no longer exists is told: who reset it to the shared one. */
async function removedConflict(
  db: Pick<Db, 'select'>,
  organisationId: string,
  kind: GuideItemKind,
  id: string,
) {
  const [removal] = await db
    .select({ at: auditEvent.at, name: authUser.name })
    .from(auditEvent)
    .leftJoin(authUser, eq(authUser.id, auditEvent.actorUserId))
    .where(
      and(
        eq(auditEvent.organisationId, organisationId),
        eq(auditEvent.action, 'guide_override.deleted'),
        eq(auditEvent.subjectId, id),
      ),
    )
    .orderBy(desc(auditEvent.at))
    .limit(1);
  return new AppError(
    409,
    'edit_conflict',
    `${removal?.name ?? 'Someone'} removed this ${kind === 'template' ? 'adapted template' : 'page'}${removal ? ` at ${removal.at.toISOString()}` : ''} after you opened it. Reload to start from what is there now; nothing was saved.`,
  );
}

/**
 * Saves the HEI's adaptation of a shared page or template, or its own page (an id no shared page has).
 * Without `revision` it creates; with it, it changes that revision. Anything else is a conflict (409).
 */
export async function putGuideItem(
  db: Db,
  actor: Actor,
  organisationId: string,
  kind: GuideItemKind,
  itemId: string,
  lang: GuideLanguage,
  input: PutGuideItemBody,
): Promise<GuideItem> {
  const hei = requireHei(actor, organisationId, writers);
  const shared = getGuide();
  const sharedDoc = sharedItemOf(shared, kind, lang, itemId);
  check(shared, hei, await overridesOf(db, hei.id), kind, itemId, lang, input);
  const subject = subjectId(kind, itemId, lang);
  const values = {
    title: input.title.trim(),
    body: input.body,
    basedOn: sharedDoc?.updated ?? null,
    updatedBy: actor.userId,
    updatedAt: new Date(),
  };
  try {
    await db.transaction(async (tx) => {
      const [existing] = await tx
        .select(columns)
        .from(guideOverride)
        .leftJoin(authUser, eq(authUser.id, guideOverride.updatedBy))
        .where(
          and(
            eq(guideOverride.organisationId, hei.id),
            eq(guideOverride.kind, kind),
            eq(guideOverride.itemId, itemId),
            eq(guideOverride.language, lang),
          ),
        )
        .for('update', { of: guideOverride });
      let revision = 1;
      if (existing) {
        if (input.revision !== existing.revision) throw savedMeanwhile(kind, existing);
        revision = existing.revision + 1;
        const updated = await tx
          .update(guideOverride)
          .set({ ...values, revision })
          .where(and(eq(guideOverride.id, existing.id), eq(guideOverride.revision, existing.revision)))
          .returning({ id: guideOverride.id });
        if (updated.length === 0) throw savedMeanwhile(kind, existing);
      } else {
        if (input.revision !== undefined) throw await removedConflict(tx, hei.id, kind, subject);
        await tx
          .insert(guideOverride)
          .values({ organisationId: hei.id, kind, itemId, language: lang, ...values, revision });
      }
      await recordAudit(tx, {
        actor,
        organisationId: hei.id,
        action: existing ? 'guide_override.updated' : 'guide_override.created',
        subjectType: 'guide_override',
        subjectId: subject,
        data: {
          kind,
          itemId,
          language: lang,
          title: values.title,
          revision,
          basedOn: values.basedOn,
          own: !sharedDoc,
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone else created it at the same moment.
    const row = find(await overridesOf(db, hei.id), kind, itemId, lang);
    throw row
      ? savedMeanwhile(kind, row)
      : conflict('Someone else saved this at the same moment; try again.');
  }
  const row = find(await overridesOf(db, hei.id), kind, itemId, lang);
  return itemOf(hei, kind, lang, itemId, sharedDoc, row);
}

/**
 * Removes the HEI's adaptation (the shared item shows again) or own page. An own page that other pages of
 * the HEI link to stays until those links are gone (409), so no link leads nowhere.
 */
export async function deleteGuideItem(
  db: Db,
  actor: Actor,
  organisationId: string,
  kind: GuideItemKind,
  itemId: string,
  lang: GuideLanguage,
  revision: number | undefined,
): Promise<void> {
  const hei = requireHei(actor, organisationId, writers);
  const shared = getGuide();
  const rows = await overridesOf(db, hei.id);
  const row = find(rows, kind, itemId, lang);
  if (!row) throw notFound(kind === 'page' ? 'An adapted or own page with this id' : 'An adapted template');
  if (revision !== undefined && revision !== row.revision) throw savedMeanwhile(kind, row);
  const sharedDoc = sharedItemOf(shared, kind, lang, itemId);
  if (!sharedDoc) {
    const linking = linksTo(heiGuide(shared, hei, rows), lang, itemId);
    if (linking.length)
      throw conflict(
        `${linking.map((d) => `"${d.title}"`).join(', ')} link${linking.length === 1 ? 's' : ''} to this page; remove those links first.`,
      );
  }
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(guideOverride)
      .where(and(eq(guideOverride.id, row.id), eq(guideOverride.revision, row.revision)))
      .returning({ id: guideOverride.id });
    if (removed.length === 0) throw savedMeanwhile(kind, row);
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'guide_override.deleted',
      subjectType: 'guide_override',
      subjectId: subjectId(kind, itemId, lang),
      data: { kind, itemId, language: lang, title: row.title, revision: row.revision, own: !sharedDoc },
    });
  });
}

/** The text as the HEI's version would show it, checked as a save would be; nothing is stored. */
export async function previewGuideItem(
  db: Db,
  actor: Actor,
  organisationId: string,
  kind: GuideItemKind,
  itemId: string,
  lang: GuideLanguage,
  input: { title: string; body: string },
): Promise<GuidePreview> {
  const hei = requireHei(actor, organisationId, writers);
  const parsed = check(getGuide(), hei, await overridesOf(db, hei.id), kind, itemId, lang, input);
  return { title: input.title.trim(), html: parsed.html };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VERSIONS = 32;

/**
 * The HEIs' versions of the guide for the public pages, each built when first asked for and kept while
 * its adaptations stay the same: every request reads the HEI's name and its adaptations' revisions (two
 * small queries), and a change to either builds the version again. The most recently used 32 are kept.
 */
export function heiVersions<T>(
  db: Db,
  shared: Guide,
  make: (guide: Guide) => T,
  onSkipped: (hei: Hei, override: OverrideContent, why: string) => void = () => {},
) {
  const cache = new Map<string, { key: string; value: Promise<{ guide: Guide; made: T }> }>();
  return {
    /** The HEI's version, or null when `organisationId` is not an HEI. */
    async get(organisationId: string): Promise<{ guide: Guide; made: T } | null> {
      if (!uuid.test(organisationId)) return null;
      const [hei] = await db
        .select({ id: organisation.id, name: organisation.name, kind: organisation.kind })
        .from(organisation)
        .where(eq(organisation.id, organisationId));
      if (hei?.kind !== 'hei') return null;
      const stamps = await db
        .select({ id: guideOverride.id, revision: guideOverride.revision, at: guideOverride.updatedAt })
        .from(guideOverride)
        .where(eq(guideOverride.organisationId, hei.id));
      const key = createHash('sha256')
        .update(
          [hei.name, ...stamps.map((s) => `${s.id}/${s.revision}/${s.at.toISOString()}`).sort()].join('\n'),
        )
        .digest('hex');
      const hit = cache.get(hei.id);
      cache.delete(hei.id);
      if (hit?.key === key) {
        cache.set(hei.id, hit);
        return hit.value;
      }
      const value = (async () => {
        const guide = heiGuide(
          shared,
          { id: hei.id, name: hei.name },
          await overridesOf(db, hei.id),
          (o, why) => onSkipped(hei, o, why),
        );
        return { guide, made: make(guide) };
      })();
      value.catch(() => cache.delete(hei.id));
      cache.set(hei.id, { key, value });
      for (const oldest of cache.keys()) {
        if (cache.size <= MAX_VERSIONS) break;
        cache.delete(oldest);
      }
      return value;
    },
  };
}
