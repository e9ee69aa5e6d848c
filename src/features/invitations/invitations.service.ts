import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { type Auth, createPasswordAccount } from '../auth/auth.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  checkRolesFit,
  getOrganisation,
  grantRoles,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import { membership } from '../tenancy/tenancy.table.ts';
import type { Invitation, PublicInvitation } from './invitations.contract.ts';
import { invitation } from './invitations.table.ts';

const VALID_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type Row = typeof invitation.$inferSelect;

function statusOf(row: Row, now = new Date()): Invitation['status'] {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

export async function listInvitations(db: Db, actor: Actor, organisationId: string): Promise<Invitation[]> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  const rows = await db
    .select({ inv: invitation, invitedBy: authUser.name })
    .from(invitation)
    .leftJoin(authUser, eq(invitation.invitedBy, authUser.id))
    .where(eq(invitation.organisationId, organisationId))
    .orderBy(desc(invitation.createdAt));
  return rows.map((r) => toInvitation(r.inv, r.invitedBy));
}

function toInvitation(row: Row, invitedBy: string | null): Invitation {
  return {
    id: row.id,
    email: row.email,
    roles: row.roles as Role[],
    status: statusOf(row),
    invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * Invites someone by e-mail to an organisation with the given roles. The e-mail (with the only copy
 * of the link's token) goes to the outbox in the same transaction. A new invitation to the same
 * address replaces a pending one, so "invite again" is how an admin resends.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  publicUrl: string,
  organisationId: string,
  input: { email: string; roles: Role[] },
): Promise<Invitation> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  return issueInvitation(db, actor, publicUrl, organisationId, input);
}

/**
 * Creates the invitation once the caller has decided the actor may invite — an admin of the
 * organisation, or (customer contacts) a coordinator of an HEI with a case for that customer.
 */
export async function issueInvitation(
  db: Db,
  actor: Actor,
  publicUrl: string,
  organisationId: string,
  input: { email: string; roles: Role[] },
): Promise<Invitation> {
  const org = await getOrganisation(db, organisationId);
  checkRolesFit(org.kind, input.roles);
  const roles = [...new Set(input.roles)];

  const [existing] = await db
    .select({ id: membership.id })
    .from(membership)
    .innerJoin(authUser, eq(membership.userId, authUser.id))
    .where(and(eq(membership.organisationId, organisationId), eq(authUser.email, input.email)));
  if (existing) throw conflict(`${input.email} is already a member; change their roles instead.`);

  const token = randomBytes(32).toString('base64url');
  const link = `${publicUrl}/invitation/${token}`;
  const row = await db.transaction(async (tx) => {
    await tx
      .update(invitation)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitation.organisationId, organisationId),
          eq(invitation.email, input.email),
          isNull(invitation.acceptedAt),
          isNull(invitation.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(invitation)
      .values({
        organisationId,
        email: input.email,
        roles,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: sql`now() + make_interval(days => ${VALID_DAYS})`,
      })
      .returning();
    if (!created) throw new AppError(500, 'internal_error', 'invitation was not written');
    await enqueueMail(tx, {
      kind: 'invitation',
      to: input.email,
      subject: `Inbjudan till Lupp – ${org.name} / Invitation to Lupp`,
      text: invitationMail(actor.name, org.name, link),
    });
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: created.id,
      data: { email: input.email, roles },
    });
    return created;
  });
  return toInvitation(row, actor.name);
}

function invitationMail(inviter: string, organisation: string, link: string): string {
  return [
    `Hej!`,
    ``,
    `${inviter} har bjudit in dig till ${organisation} i Lupp, plattformen för uppdragsutbildning och kompetensbehovsanalys.`,
    `Öppna länken för att gå med (den gäller i ${VALID_DAYS} dagar):`,
    link,
    ``,
    `---`,
    ``,
    `Hello,`,
    ``,
    `${inviter} has invited you to ${organisation} in Lupp, the platform for contract education and competence-needs analysis.`,
    `Open the link to join (valid for ${VALID_DAYS} days):`,
    link,
  ].join('\n');
}

export async function revokeInvitation(
  db: Db,
  actor: Actor,
  organisationId: string,
  invitationId: string,
): Promise<void> {
  requireOrganisationRole(actor, organisationId, ['admin']);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitation)
      .where(and(eq(invitation.id, invitationId), eq(invitation.organisationId, organisationId)))
      .for('update');
    if (!row) throw notFound('The invitation');
    if (statusOf(row) !== 'pending') throw conflict(`The invitation is already ${statusOf(row)}.`);
    await tx.update(invitation).set({ revokedAt: new Date() }).where(eq(invitation.id, invitationId));
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: invitationId,
    });
  });
}

async function findByToken(db: Db, token: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(invitation)
    .where(eq(invitation.tokenHash, hashToken(token)));
  if (!row)
    throw new AppError(
      404,
      'invitation_invalid',
      'This invitation link is not valid. Ask for a new invitation.',
    );
  return row;
}

async function userIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [user] = await db.select({ id: authUser.id }).from(authUser).where(eq(authUser.email, email));
  return user?.id;
}

export async function showInvitation(db: Db, token: string): Promise<PublicInvitation> {
  const row = await findByToken(db, token);
  const org = await getOrganisation(db, row.organisationId);
  return {
    organisationName: org.name,
    email: row.email,
    roles: row.roles as Role[],
    status: statusOf(row),
    accountExists: (await userIdByEmail(db, row.email)) !== undefined,
  };
}

/**
 * Accepts an invitation. Someone new chooses a name and password and an account is created;
 * someone who already has an account must be signed in as the invited address.
 */
export async function acceptInvitation(
  db: Db,
  auth: Auth,
  actor: Actor | null,
  token: string,
  input: { name?: string; password?: string },
): Promise<{ organisationId: string; membershipId: string; accountCreated: boolean }> {
  const row = await findByToken(db, token);
  const status = statusOf(row);
  if (status !== 'pending') {
    throw new AppError(410, 'invitation_invalid', `This invitation is ${status}. Ask for a new invitation.`);
  }
  let userId = await userIdByEmail(db, row.email);
  let accountCreated = false;
  if (userId) {
    if (!actor)
      throw new AppError(401, 'unauthenticated', `Sign in as ${row.email} to accept this invitation.`);
    if (actor.userId !== userId)
      throw forbidden(`This invitation is for ${row.email}; you are signed in as ${actor.email}.`);
  } else {
    const missing = [
      ...(input.name ? [] : [{ field: 'body.name', message: 'write your name' }]),
      ...(input.password ? [] : [{ field: 'body.password', message: 'choose a password' }]),
    ];
    if (missing.length) throw invalid(missing);
  }

  // Claim the invitation first, so two simultaneous accepts cannot both succeed. Account creation
  // runs outside the transaction (better-auth uses its own connection), so a failure un-claims it.
  const claimed = await db
    .update(invitation)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitation.id, row.id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
    .returning({ id: invitation.id });
  if (!claimed.length)
    throw new AppError(410, 'invitation_invalid', 'This invitation was just used. Ask for a new invitation.');
  try {
    if (!userId) {
      userId = (
        await createPasswordAccount(auth, {
          email: row.email,
          name: input.name ?? '',
          password: input.password ?? '',
        })
      ).id;
      accountCreated = true;
    }
    const acceptedBy = userId;
    return await db.transaction(async (tx) => {
      await tx.update(invitation).set({ acceptedBy }).where(eq(invitation.id, row.id));
      const membershipId = await grantRoles(tx, acceptedBy, row.organisationId, row.roles as Role[]);
      await recordAudit(tx, {
        actor: { userId: acceptedBy },
        organisationId: row.organisationId,
        action: 'invitation.accepted',
        subjectType: 'invitation',
        subjectId: row.id,
        data: { roles: row.roles, accountCreated },
      });
      return { organisationId: row.organisationId, membershipId, accountCreated };
    });
  } catch (error) {
    await db.update(invitation).set({ acceptedAt: null }).where(eq(invitation.id, row.id));
    throw error;
  }
}
