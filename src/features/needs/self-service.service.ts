import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound } from '../../server/http/problem.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { searchConcepts, suggestConcepts } from '../taxonomy/taxonomy.service.ts';
import { getOrganisation } from '../tenancy/tenancy.service.ts';
import { type Access, auditChange, type NeedsActor } from './needs.service.ts';
import { selfServiceLink } from './needs.table.ts';

/**
 * The customer's self-service link: the HEI makes it for one analysis, the customer opens /s/<token>
 * and works on the organisation level, roles, needs and surveys of that analysis without an account.
 * The token (32 random bytes) is shown once; only its sha256 is stored.
 */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const invalidLink = () =>
  new AppError(
    404,
    'self_service_link_invalid',
    'This link is unknown, revoked or expired. Ask your contact at the university for a new one.',
  );

export async function createSelfServiceLink(
  db: Db,
  access: Access<'write'>,
  publicUrl: string,
  input: { sendTo?: string; expiresInDays: number },
) {
  if (access.actor.kind !== 'hei') throw forbidden('Only the HEI makes self-service links.');
  const user = access.actor.user;
  const token = newToken();
  const path = `/s/${token}`;
  const hei = await getOrganisation(db, access.analysis.heiId);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(selfServiceLink)
      .values({
        analysisId: access.analysis.id,
        tokenHash: hashToken(token),
        createdBy: user.userId,
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning();
    if (!created) throw new AppError(500, 'internal_error', 'link was not written');
    if (input.sendTo) {
      await enqueueMail(tx, {
        kind: 'self_service_link',
        to: input.sendTo,
        subject: `Kompetensbehovsanalys – ${hei.name} / Competence-needs analysis`,
        text: linkMail(user.name, hei.name, access.analysis.title, `${publicUrl}${path}`, created.expiresAt),
      });
    }
    await auditChange(tx, access, 'analysis.self_service_link_created', {
      linkId: created.id,
      expiresAt: created.expiresAt.toISOString(),
      sentTo: input.sendTo ?? null,
    });
    return created;
  });
  return { id: row.id, url: path, expiresAt: row.expiresAt.toISOString() };
}

function linkMail(sender: string, hei: string, title: string, link: string, expiresAt: Date): string {
  const day = expiresAt.toISOString().slice(0, 10);
  return [
    'Hej!',
    '',
    `${sender} på ${hei} ber er fylla i kompetensbehovsanalysen "${title}": organisationens strategi och drivkrafter, roller och kompetensbehov.`,
    `Öppna länken (den gäller till och med ${day} och fungerar utan konto; dela den bara med dem som ska arbeta med analysen):`,
    link,
    '',
    '---',
    '',
    'Hello,',
    '',
    `${sender} at ${hei} asks you to fill in the competence-needs analysis "${title}": your strategy and drivers of change, roles and competence needs.`,
    `Open the link (valid until ${day}, no account needed; share it only with those who work on the analysis):`,
    link,
  ].join('\n');
}

export async function listSelfServiceLinks(db: Db, access: Access) {
  const rows = await db
    .select()
    .from(selfServiceLink)
    .where(eq(selfServiceLink.analysisId, access.analysis.id))
    .orderBy(desc(selfServiceLink.createdAt));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeSelfServiceLink(db: Db, access: Access<'write'>, linkId: string) {
  if (access.actor.kind !== 'hei') throw forbidden('Only the HEI revokes self-service links.');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(selfServiceLink)
      .where(and(eq(selfServiceLink.id, linkId), eq(selfServiceLink.analysisId, access.analysis.id)))
      .for('update');
    if (!row) throw notFound('The link');
    if (row.revokedAt) throw conflict('The link is already revoked.');
    await tx.update(selfServiceLink).set({ revokedAt: new Date() }).where(eq(selfServiceLink.id, linkId));
    await auditChange(tx, access, 'analysis.self_service_link_revoked', { linkId });
  });
}

/**
 * The actor behind a self-service token: the link, scoped to its analysis. An unknown, revoked or
 * expired token is a 404 with code `self_service_link_invalid`. Each use is noted (lastUsedAt).
 */
export async function selfServiceActor(db: Db, token: string): Promise<NeedsActor> {
  const [row] = await db
    .update(selfServiceLink)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(selfServiceLink.tokenHash, hashToken(token)),
        sql`${selfServiceLink.revokedAt} is null`,
        sql`${selfServiceLink.expiresAt} > now()`,
      ),
    )
    .returning({ id: selfServiceLink.id, analysisId: selfServiceLink.analysisId });
  if (!row) throw invalidLink();
  return { kind: 'self_service', linkId: row.id, analysisId: row.analysisId };
}

/** Concept suggestions and search for the customer's picker (the text is not stored). */
export async function conceptSuggestions(db: Db, input: { text: string; types?: string[] }) {
  const suggestions =
    input.text.length >= 3
      ? await suggestConcepts(db, { text: input.text, types: input.types, limit: 10 })
      : [];
  const concepts = await searchConcepts(db, { q: input.text, types: input.types, limit: 20 });
  return { suggestions, concepts: concepts.map(({ score: _score, ...concept }) => concept) };
}
