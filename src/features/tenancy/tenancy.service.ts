import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../server/http/problem.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authSession, authUser } from '../auth/auth.table.ts';
import { checkLogo, logoMessages, logoUnreadableMessage } from './logo.ts';
import { formatOrgNumber } from './org-number.ts';
import {
  addressFields,
  consortiumRoles,
  customerRoles,
  heiRoles,
  type Member,
  type Membership,
  type NotificationEmail,
  type Organisation,
  type Role,
  type UpdateOrganisation,
} from './tenancy.contract.ts';
import { consortium, membership, organisation } from './tenancy.table.ts';

/** The signed-in user as every use case sees them. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  locale: 'sv' | 'en' | null;
  notificationEmail: NotificationEmail;
  sessionId: string;
  activeMembershipId: string | null;
  memberships: Membership[];
};

export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({
      id: membership.id,
      roles: membership.roles,
      orgId: organisation.id,
      orgName: organisation.name,
      orgKind: organisation.kind,
      consortiumId: consortium.id,
      consortiumName: consortium.name,
    })
    .from(membership)
    .leftJoin(organisation, eq(membership.organisationId, organisation.id))
    .leftJoin(consortium, eq(membership.consortiumId, consortium.id))
    .where(eq(membership.userId, userId))
    .orderBy(sql`coalesce(${organisation.name}, ${consortium.name})`);
  return rows.map((r) =>
    r.orgId
      ? {
          id: r.id,
          scope: 'organisation',
          tenant: { id: r.orgId, name: r.orgName ?? '', kind: r.orgKind ?? 'hei' },
          roles: r.roles as Role[],
        }
      : {
          id: r.id,
          scope: 'consortium',
          tenant: { id: r.consortiumId ?? '', name: r.consortiumName ?? '', kind: 'consortium' },
          roles: r.roles as Role[],
        },
  );
}

/** The active membership: the one chosen in this session, else the first. */
export function activeMembership(actor: Actor): Membership | undefined {
  return actor.memberships.find((m) => m.id === actor.activeMembershipId) ?? actor.memberships[0];
}

/**
 * The gate for every organisation-scoped use case. A user who is not a member of the organisation
 * gets "not found" (its existence is not revealed); a member without one of `roles` gets "forbidden".
 */
export function requireOrganisationRole(
  actor: Actor,
  organisationId: string,
  roles: readonly Role[],
): Membership {
  const m = actor.memberships.find((x) => x.scope === 'organisation' && x.tenant.id === organisationId);
  if (!m) throw notFound('The organisation');
  if (roles.length && !m.roles.some((r) => roles.includes(r))) {
    throw forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
  }
  return m;
}

export async function setActiveMembership(db: Db, actor: Actor, membershipId: string): Promise<void> {
  if (!actor.memberships.some((m) => m.id === membershipId)) throw notFound('The membership');
  await db
    .update(authSession)
    .set({ activeMembershipId: membershipId })
    .where(eq(authSession.id, actor.sessionId));
}

export async function setPreferences(
  db: Db,
  actor: Actor,
  preferences: { locale?: 'sv' | 'en'; notificationEmail?: NotificationEmail },
): Promise<void> {
  await db
    .update(authUser)
    .set({ ...preferences, updatedAt: new Date() })
    .where(eq(authUser.id, actor.userId));
}

export async function getOrganisation(db: Db, organisationId: string): Promise<Organisation> {
  const [row] = await db
    .select({
      id: organisation.id,
      kind: organisation.kind,
      name: organisation.name,
      orgNumber: organisation.orgNumber,
      consortiumId: organisation.consortiumId,
      consortiumName: consortium.name,
      streetAddress: organisation.streetAddress,
      postalCode: organisation.postalCode,
      city: organisation.city,
      bankgiro: organisation.bankgiro,
      // Not the logo itself (up to 200 kB): GET …/logo returns it.
      hasLogo: sql<boolean>`${organisation.logo} is not null`,
    })
    .from(organisation)
    .leftJoin(consortium, eq(organisation.consortiumId, consortium.id))
    .where(eq(organisation.id, organisationId));
  if (!row) throw notFound('The organisation');
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    orgNumber: formatOrgNumber(row.orgNumber),
    consortium: row.consortiumId ? { id: row.consortiumId, name: row.consortiumName ?? '' } : null,
    streetAddress: row.streetAddress,
    postalCode: row.postalCode,
    city: row.city,
    bankgiro: row.bankgiro,
    hasLogo: row.hasLogo === true,
  };
}

/**
 * What documents and invoices say about a party: legal name, organisationsnummer (ten digits), postal
 * address, bankgiro and logo. For other features' documents; no access check (the caller has made one).
 */
export async function organisationParty(db: Db, organisationId: string) {
  const [row] = await db.select().from(organisation).where(eq(organisation.id, organisationId));
  if (!row) throw notFound('The organisation');
  return {
    name: row.name,
    orgNumber: row.orgNumber,
    streetAddress: row.streetAddress,
    postalCode: row.postalCode,
    city: row.city,
    bankgiro: row.bankgiro,
    logo: row.logo,
  };
}
export type OrganisationParty = Awaited<ReturnType<typeof organisationParty>>;

/**
 * Changes an organisation's details. Name, organisationsnummer and bankgiro (HEIs only) are the admin's;
 * the postal address is the admin's too and, in a customer organisation, its contact people's (they give
 * the address invoices go to).
 */
export async function updateOrganisation(
  db: Db,
  actor: Actor,
  organisationId: string,
  changes: UpdateOrganisation,
): Promise<Organisation> {
  const member = requireOrganisationRole(actor, organisationId, []);
  const given = Object.keys(changes).filter((k) => changes[k as keyof UpdateOrganisation] !== undefined);
  const addressOnly = given.every((k) => (addressFields as readonly string[]).includes(k));
  const mayChange =
    member.roles.includes('admin') ||
    (addressOnly && member.tenant.kind === 'customer' && member.roles.includes('customer_contact'));
  if (!mayChange) {
    const others = given.filter((k) => !(addressFields as readonly string[]).includes(k));
    throw forbidden(
      member.tenant.kind === 'customer' && member.roles.includes('customer_contact')
        ? `Contact people may change the postal address only; changing ${others.join(', ')} needs the role admin.`
        : 'This needs one of the roles: admin.',
    );
  }
  if (changes.bankgiro && member.tenant.kind !== 'hei')
    throw invalid([
      {
        field: 'body.bankgiro',
        message: 'only an HEI has a bankgiro number in Lupp (the one customers pay its invoices to)',
      },
    ]);
  if (changes.orgNumber) {
    const [other] = await db
      .select({ id: organisation.id })
      .from(organisation)
      .where(
        and(eq(organisation.orgNumber, changes.orgNumber), sql`${organisation.id} <> ${organisationId}`),
      );
    if (other)
      throw invalid([
        { field: 'body.orgNumber', message: 'another organisation in Lupp already has this number' },
      ]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(organisation)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(organisation.id, organisationId));
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'organisation.updated',
      subjectType: 'organisation',
      subjectId: organisationId,
      data: changes,
    });
  });
  return getOrganisation(db, organisationId);
}

/**
 * Sets an HEI's logo (admin): a PNG or JPEG data URL, checked by its bytes (logo.ts) and by rendering it
 * once as the proposal and agreement PDFs will, so a logo that is accepted never breaks a PDF.
 */
export async function setLogo(
  db: Db,
  actor: Actor,
  organisationId: string,
  dataUrl: string,
): Promise<Organisation> {
  const member = requireOrganisationRole(actor, organisationId, ['admin']);
  if (member.tenant.kind !== 'hei')
    throw invalid([
      {
        field: 'body.dataUrl',
        message: 'only an HEI has a logo in Lupp (printed on its proposals and agreements)',
      },
    ]);
  const logo = checkLogo(dataUrl);
  if (!logo.ok) throw invalid([{ field: 'body.dataUrl', message: logoMessages[logo.reason] }]);
  try {
    await renderPdf({ language: 'sv', content: [{ image: logo.dataUrl, fit: [140, 50] }] });
  } catch {
    throw invalid([{ field: 'body.dataUrl', message: logoUnreadableMessage }]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(organisation)
      .set({ logo: logo.dataUrl, updatedAt: new Date() })
      .where(eq(organisation.id, organisationId));
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'organisation.logo_set',
      subjectType: 'organisation',
      subjectId: organisationId,
      data: { type: logo.type, bytes: logo.bytes.length, width: logo.width, height: logo.height },
    });
  });
  return getOrganisation(db, organisationId);
}

/** Removes the logo (admin); removing a logo that is not there changes nothing. */
export async function removeLogo(db: Db, actor: Actor, organisationId: string): Promise<void> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  await db.transaction(async (tx) => {
    const removed = await tx
      .update(organisation)
      .set({ logo: null, updatedAt: new Date() })
      .where(and(eq(organisation.id, organisationId), sql`${organisation.logo} is not null`))
      .returning({ id: organisation.id });
    if (removed.length)
      await recordAudit(tx, {
        actor,
        organisationId,
        action: 'organisation.logo_removed',
        subjectType: 'organisation',
        subjectId: organisationId,
        data: {},
      });
  });
}

/** The logo's bytes and type, for any member of the organisation; "not found" when there is none. */
export async function getLogo(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<{ type: string; bytes: Buffer }> {
  requireOrganisationRole(actor, organisationId, []);
  const [row] = await db
    .select({ logo: organisation.logo })
    .from(organisation)
    .where(eq(organisation.id, organisationId));
  const match = row?.logo ? /^data:(image\/(?:png|jpeg));base64,(.*)$/s.exec(row.logo) : null;
  if (!match?.[1] || match[2] === undefined) throw notFound('The logo');
  return { type: match[1], bytes: Buffer.from(match[2], 'base64') };
}

export async function listMembers(db: Db, actor: Actor, organisationId: string): Promise<Member[]> {
  requireOrganisationRole(actor, organisationId, ['admin', 'manager']);
  const rows = await db
    .select({ m: membership, name: authUser.name, email: authUser.email })
    .from(membership)
    .innerJoin(authUser, eq(membership.userId, authUser.id))
    .where(eq(membership.organisationId, organisationId))
    .orderBy(authUser.name);
  return rows.map((r) => ({
    membershipId: r.m.id,
    userId: r.m.userId,
    name: r.name,
    email: r.email,
    roles: r.m.roles as Role[],
    since: r.m.createdAt.toISOString(),
  }));
}

/** Which roles make sense in an organisation of this kind (an HEI has no customer contacts, and so on). */
export function rolesAllowedIn(kind: 'hei' | 'customer' | 'consortium'): readonly Role[] {
  return kind === 'hei' ? heiRoles : kind === 'customer' ? customerRoles : consortiumRoles;
}

export function checkRolesFit(kind: 'hei' | 'customer', roles: readonly Role[], field = 'body.roles'): void {
  const allowed = rolesAllowedIn(kind);
  const wrong = roles.filter((r) => !allowed.includes(r));
  if (wrong.length) {
    throw invalid([
      {
        field,
        message: `${wrong.join(', ')} cannot be given in this organisation; choose from ${allowed.join(', ')}`,
      },
    ]);
  }
}

export async function setMemberRoles(
  db: Db,
  actor: Actor,
  organisationId: string,
  membershipId: string,
  roles: Role[],
): Promise<Member> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  const org = await getOrganisation(db, organisationId);
  checkRolesFit(org.kind, roles);
  const unique = [...new Set(roles)];
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(membership)
      .where(and(eq(membership.id, membershipId), eq(membership.organisationId, organisationId)))
      .for('update');
    if (!current) throw notFound('The member');
    if (current.roles.includes('admin') && !unique.includes('admin'))
      await ensureAnotherAdmin(tx, organisationId, membershipId);
    await tx
      .update(membership)
      .set({ roles: unique, updatedAt: new Date() })
      .where(eq(membership.id, membershipId));
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'membership.roles_changed',
      subjectType: 'user',
      subjectId: current.userId,
      data: { from: current.roles, to: unique },
    });
  });
  const member = (await listMembers(db, actor, organisationId)).find((m) => m.membershipId === membershipId);
  if (!member) throw notFound('The member');
  return member;
}

export async function removeMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  membershipId: string,
  /** What must happen first, in the same transaction (the leaver's open cases handed over), or throw. */
  beforeRemoval?: (tx: Tx, userId: string) => Promise<void>,
): Promise<void> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(membership)
      .where(and(eq(membership.id, membershipId), eq(membership.organisationId, organisationId)))
      .for('update');
    if (!current) throw notFound('The member');
    if (current.roles.includes('admin')) await ensureAnotherAdmin(tx, organisationId, membershipId);
    await beforeRemoval?.(tx, current.userId);
    await tx.delete(membership).where(eq(membership.id, membershipId));
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'membership.removed',
      subjectType: 'user',
      subjectId: current.userId,
      data: { roles: current.roles },
    });
  });
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function ensureAnotherAdmin(tx: Tx, organisationId: string, exceptMembershipId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(membership)
    .where(
      and(
        eq(membership.organisationId, organisationId),
        sql`'admin' = any(${membership.roles})`,
        sql`${membership.id} <> ${exceptMembershipId}`,
      ),
    );
  if (!row || row.n === 0)
    throw conflict(
      'An organisation must keep at least one admin; give the admin role to someone else first.',
    );
}

/** Adds roles to a user's membership in an organisation, creating the membership if needed. */
export async function grantRoles(
  tx: Tx | Db,
  userId: string,
  organisationId: string,
  roles: readonly Role[],
): Promise<string> {
  const [row] = await tx
    .insert(membership)
    .values({ userId, organisationId, roles: [...roles] })
    .onConflictDoUpdate({
      target: [membership.userId, membership.organisationId],
      set: {
        roles: sql`array(select distinct unnest(${membership.roles} || excluded.roles) order by 1)`,
        updatedAt: new Date(),
      },
    })
    .returning({ id: membership.id });
  if (!row) throw new AppError(500, 'internal_error', 'membership was not written');
  return row.id;
}

export type ActingHei = {
  id: string;
  name: string;
  consortiumId: string;
  county: string | null;
  degreeFields: string[];
};

/**
 * The HEI the actor works as — their active membership — checked for one of `roles`. Inquiries and
 * cases are scoped by it: switching organisation switches what a user sees.
 */
export async function actingHei(db: Db, actor: Actor, roles: readonly Role[]): Promise<ActingHei> {
  const m = activeMembership(actor);
  if (m?.scope !== 'organisation' || m.tenant.kind !== 'hei') throw forbidden('Switch to an HEI to do this.');
  if (!m.roles.some((r) => roles.includes(r)))
    throw forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
  const [o] = await db.select().from(organisation).where(eq(organisation.id, m.tenant.id));
  if (!o?.consortiumId) throw forbidden('Your HEI is not a member of a consortium.');
  return {
    id: o.id,
    name: o.name,
    consortiumId: o.consortiumId,
    county: o.county,
    degreeFields: o.degreeFields,
  };
}

/** Every HEI where the actor holds one of `roles` (for views across a person's own HEIs). */
export function heisWithRole(actor: Actor, roles: readonly Role[]): { id: string; name: string }[] {
  return actor.memberships
    .filter((m) => m.scope === 'organisation' && m.tenant.kind === 'hei')
    .filter((m) => m.roles.some((r) => roles.includes(r)))
    .map((m) => ({ id: m.tenant.id, name: m.tenant.name }));
}

/** The customer organisation the actor acts for: their active membership, as customer contact. */
export function actingCustomer(actor: Actor): string {
  const m = activeMembership(actor);
  if (m?.tenant.kind !== 'customer' || !m.roles.includes('customer_contact')) {
    throw forbidden('The customer portal is for customer contacts; switch to your organisation.');
  }
  return m.tenant.id;
}

/** Customer organisations exist once: found by organisationsnummer, created on first contact. */
export async function findOrCreateCustomer(
  db: Pick<Db, 'select' | 'insert'>,
  input: { name: string; orgNumber: string; county: string | null },
): Promise<{ id: string; name: string }> {
  const [existing] = await db.select().from(organisation).where(eq(organisation.orgNumber, input.orgNumber));
  if (existing) return { id: existing.id, name: existing.name };
  const [created] = await db
    .insert(organisation)
    .values({ kind: 'customer', name: input.name, orgNumber: input.orgNumber, county: input.county })
    .returning();
  if (!created) throw new AppError(500, 'internal_error', 'customer was not written');
  return { id: created.id, name: created.name };
}

/** True when the user is a member of the organisation (assignees and mentions must be colleagues). */
export async function isMemberOf(
  db: Pick<Db, 'select'>,
  userId: string,
  organisationId: string,
  roles?: readonly Role[],
): Promise<boolean> {
  const [row] = await db
    .select({ roles: membership.roles })
    .from(membership)
    .where(and(eq(membership.userId, userId), eq(membership.organisationId, organisationId)));
  // with roles: a member who has one of them (a case's new owner must be a coordinator)
  return !!row && (!roles || row.roles.some((role) => roles.includes(role as Role)));
}

/** The consortium of the actor's active HEI (or, for analysts, their consortium) and its member HEIs. */
export async function myConsortium(db: Db, actor: Actor) {
  const m = activeMembership(actor);
  if (!m) throw notFound('The consortium');
  let consortiumId: string | null = null;
  if (m.scope === 'consortium') consortiumId = m.tenant.id;
  else {
    const [o] = await db
      .select({ c: organisation.consortiumId })
      .from(organisation)
      .where(eq(organisation.id, m.tenant.id));
    consortiumId = o?.c ?? null;
  }
  if (!consortiumId) throw notFound('The consortium');
  const [c] = await db.select().from(consortium).where(eq(consortium.id, consortiumId));
  if (!c) throw notFound('The consortium');
  const heis = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.consortiumId, c.id), eq(organisation.kind, 'hei')))
    .orderBy(organisation.name);
  return { consortium: { id: c.id, name: c.name, slug: c.slug }, heis };
}

/** Names of the people in the actor's active organisation, for assigning tasks and @-mentions. */
export async function colleagues(db: Db, actor: Actor) {
  const m = activeMembership(actor);
  if (m?.scope !== 'organisation') return [];
  const rows = await db
    .select({ userId: membership.userId, name: authUser.name, roles: membership.roles })
    .from(membership)
    .innerJoin(authUser, eq(membership.userId, authUser.id))
    .where(eq(membership.organisationId, m.tenant.id))
    .orderBy(authUser.name);
  return rows.map((r) => ({ userId: r.userId, name: r.name, roles: r.roles as Role[] }));
}

/**
 * A consortium with HEIs of the given names, for a throw-away database (`lupp match` loads a catalogue
 * file with several providers). Organisation numbers are made up: 202100-0001, 202100-0002, … (on from
 * those of an earlier call).
 */
export async function createConsortiumWithHeis(db: Db, name: string, heiNames: string[]) {
  const [row] = await db
    .insert(consortium)
    .values({ slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name })
    .returning({ id: consortium.id });
  if (!row) throw new AppError(500, 'internal_error', 'the consortium was not created');
  // numbered on from those made up before (a second file loaded into the same database)
  const [made] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisation)
    .where(like(organisation.orgNumber, '202100%'));
  const first = (made?.n ?? 0) + 1;
  const heis = heiNames.length
    ? await db
        .insert(organisation)
        .values(
          heiNames.map((heiName, i) => ({
            kind: 'hei' as const,
            name: heiName,
            orgNumber: `202100${String(first + i).padStart(4, '0')}`,
            consortiumId: row.id,
          })),
        )
        .returning({ id: organisation.id, name: organisation.name })
    : [];
  return { consortiumId: row.id, heis };
}

/** The members of an organisation (id, name, e-mail, roles), by name: for other features; no access check. */
export async function organisationMembers(db: Db, organisationId: string) {
  const rows = await db
    .select({
      userId: membership.userId,
      name: authUser.name,
      email: authUser.email,
      roles: membership.roles,
    })
    .from(membership)
    .innerJoin(authUser, eq(membership.userId, authUser.id))
    .where(eq(membership.organisationId, organisationId))
    .orderBy(authUser.name);
  return rows.map((r) => ({ userId: r.userId, name: r.name, email: r.email, roles: r.roles as Role[] }));
}

/**
 * The account with this e-mail address (any case) and its memberships of these organisations, or null when
 * it has none of them: for a subject access report, which names only what the asking HEI knows of.
 */
export async function accountAmong(db: Db, email: string, organisationIds: readonly string[]) {
  const [user] = await db.select().from(authUser).where(sql`lower(${authUser.email}) = lower(${email})`);
  if (!user || !organisationIds.length) return null;
  const rows = await db
    .select({
      organisation: organisation.name,
      kind: organisation.kind,
      roles: membership.roles,
      since: membership.createdAt,
    })
    .from(membership)
    .innerJoin(organisation, eq(membership.organisationId, organisation.id))
    .where(and(eq(membership.userId, user.id), inArray(membership.organisationId, [...organisationIds])))
    .orderBy(organisation.name);
  if (!rows.length) return null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt.toISOString(),
    memberships: rows.map((r) => ({ ...r, since: r.since.toISOString() })),
  };
}

/** An account that serves customers only, and when it was last used. */
export type CustomerAccount = {
  userId: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  lastActiveAt: Date;
  customerIds: string[];
};

/**
 * The accounts with no role at an HEI or a consortium (customers' contact people, or no membership left)
 * last used before `before`: last active as stamped, or a session used later, or created then.
 */
export async function customerAccountsUnusedSince(db: Db, before: Date): Promise<CustomerAccount[]> {
  const result = await db.execute<{
    id: string;
    email: string;
    name: string;
    locale: string | null;
    last_active: string;
    customers: string[] | null;
  }>(sql`
    select u.id, u.email, u.name, u.locale, a.last_active,
      array_remove(array_agg(m.organisation_id::text), null) as customers
    from ${authUser} u
    cross join lateral (
      select greatest(u.created_at, u.last_active_at,
        (select max(s.updated_at) from ${authSession} s where s.user_id = u.id)) as last_active
    ) a
    left join ${membership} m on m.user_id = u.id
    where a.last_active < ${before.toISOString()}
      and not exists (
        select 1 from ${membership} staff left join ${organisation} o on o.id = staff.organisation_id
        where staff.user_id = u.id and (staff.consortium_id is not null or o.kind = 'hei'))
    group by u.id, u.email, u.name, u.locale, a.last_active`);
  return result.rows.map((r) => ({
    userId: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale === 'en' ? 'en' : 'sv',
    lastActiveAt: new Date(r.last_active),
    customerIds: r.customers ?? [],
  }));
}

/** Deletes an account with its memberships and sessions; what it did elsewhere keeps no link to it. */
export async function deleteAccount(db: Pick<Db, 'delete'>, userId: string): Promise<void> {
  await db.delete(authUser).where(eq(authUser.id, userId));
}

/** The user ids of a customer organisation's contact people (to tell them what waits; no access check). */
export async function contactPeopleOf(db: Db, customerId: string): Promise<string[]> {
  return (await organisationMembers(db, customerId))
    .filter((m) => m.roles.includes('customer_contact'))
    .map((m) => m.userId);
}

/** These organisations' names, numbers (NNNNNN-NNNN), counties and addresses, by id (no access check). */
export async function organisationsById(db: Db, ids: readonly string[]) {
  if (!ids.length) return new Map<string, OrganisationCard>();
  const rows = await db
    .select()
    .from(organisation)
    .where(inArray(organisation.id, [...ids]));
  return new Map(
    rows.map((o): [string, OrganisationCard] => [
      o.id,
      {
        id: o.id,
        name: o.name,
        orgNumber: formatOrgNumber(o.orgNumber),
        county: o.county,
        streetAddress: o.streetAddress,
        postalCode: o.postalCode,
        city: o.city,
      },
    ]),
  );
}
export type OrganisationCard = {
  id: string;
  name: string;
  orgNumber: string;
  county: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
};

/**
 * The front doors (consortia) a customer knows: those it sent inquiries to and those of the HEIs it has cases
 * with, by name. For the portal's "describe a new need".
 */
export async function frontDoorsOf(
  db: Db,
  known: { consortiumIds: readonly string[]; heiIds: readonly string[] },
): Promise<{ slug: string; name: string }[]> {
  if (!known.consortiumIds.length && !known.heiIds.length) return [];
  const ofHeis = known.heiIds.length
    ? db
        .select({ id: organisation.consortiumId })
        .from(organisation)
        .where(inArray(organisation.id, [...known.heiIds]))
    : null;
  return db
    .select({ slug: consortium.slug, name: consortium.name })
    .from(consortium)
    .where(
      or(
        known.consortiumIds.length ? inArray(consortium.id, [...known.consortiumIds]) : undefined,
        ofHeis ? inArray(consortium.id, ofHeis) : undefined,
      ),
    )
    .orderBy(consortium.name);
}
