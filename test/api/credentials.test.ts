import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { bitOf } from '../../src/features/credentials/credentials.status-list.ts';
import { microCredential } from '../../src/features/credentials/credentials.table.ts';
import { courseDesign } from '../../src/features/design/design.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';
import { createOrganisation, createUser } from '../support/factories.ts';
import { expectPdfA } from '../support/pdf-archive.ts';
import { pdfText } from '../support/pdf-text.ts';

// Micro-credentials: the HEI certifies that participants completed a course it gave, with the elements of the
// EU recommendation; the learner shares a public address, a PDF and a signed Open Badges 3.0 file, which
// anyone can check against the HEI's key; a revoked credential says so.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let designId: string;
let participants: {
  participantId: string;
  name: string;
  creditEligible: boolean;
  hasEmail: boolean;
  credits: number | null;
  attendance: null;
}[];

const anonymous = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    ...(body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}),
  });
const codeOf = (path: string) => path.replace('/credentials/', '');
// the PDF's text with pdfmake's breaks after a hyphen or slash joined again, and its narrow spaces as spaces
const pdfOf = (pdf: Buffer) =>
  pdfText(pdf)
    .replace(/([-/])\t/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const example = await exampleProposal(t, s, 'accepted', { examination: 'Praktiskt prov i PLC-labbet' });
  designId = example.designId;
  const agreementId = await signedAgreement(t, s, example.proposalId);
  for (const [firstName, email, personnummer, creditEligible] of [
    ['Anna', 'anna@stalverket.example', '19850312-1231', true],
    ['Bo', null, '19780501-0050', true],
    ['Carl', 'carl@stalverket.example', '19900228-2383', false],
  ] as const)
    expect(
      (
        await t.request(
          'POST',
          `/api/portal/agreements/${agreementId}/participants`,
          s.as(s.contact, { firstName, lastName: 'Test', email, personnummer, creditEligible }),
        )
      ).statusCode,
    ).toBe(200);
});
afterAll(() => t.close());

describe('issuing micro-credentials', () => {
  it('lists each course given with the participants of its signed agreements, for everyone who reads the case', async () => {
    const response = await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.teacher));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.credentials).toEqual([]);
    expect(body.designs).toHaveLength(1);
    expect(body.designs[0]).toMatchObject({
      designId,
      title: 'PLC för underhållet',
      awards: 'credits',
      credits: 7.5,
      examined: true,
    });
    participants = body.designs[0].participants;
    expect(participants.every((p) => p.attendance === null)).toBe(true); // no session recorded
    // credits to those who meet the entry requirements; Carl takes part for a certificate
    expect(participants.map((p) => p.credits)).toEqual([7.5, 7.5, null]);
    expect(participants.map((p) => [p.name, p.creditEligible, p.hasEmail])).toEqual([
      ['Anna Test', true, true],
      ['Bo Test', true, false],
      ['Carl Test', false, true],
    ]);
    // another HEI does not see the case, nor does the customer through the HEI's API
    expect((await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.outsider))).statusCode).toBe(
      404,
    );
    expect((await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.contact))).statusCode).toBe(
      403,
    );
  });

  it('refuses what it cannot certify, with the reason, and issues nothing', async () => {
    const url = `/api/cases/${s.caseId}/credentials`;
    const bad = async (body: object, status = 400) => {
      const response = await t.request('POST', url, s.as(s.coord, { designId, ...body }));
      expect(response.statusCode, response.body).toBe(status);
      return response.json();
    };
    expect((await bad({ participantIds: [] })).errors[0]).toEqual({
      field: 'body.participantIds',
      message: 'choose at least one participant',
    });
    const stranger = '00000000-0000-4000-8000-000000000000';
    expect((await bad({ participantIds: [stranger] })).errors[0].message).toBe(
      `not participants of this course: ${stranger}`,
    );
    expect((await bad({ designId: stranger, participantIds: [stranger] })).errors[0].field).toBe(
      'body.designId',
    );
    // Carl does not meet the entry requirements: no credits, so the workload in hours must be given
    const carl = participants[2]?.participantId;
    expect((await bad({ participantIds: [carl] })).errors[0]).toEqual({
      field: 'body.workloadHours',
      message: 'give the workload in hours: the course gives some of them no credits',
    });
    // a course without examination gives no micro-credential (the recommendation's is of assessed learning)
    await t.db.update(courseDesign).set({ examination: ' ' }).where(eq(courseDesign.id, designId));
    expect((await t.request('GET', url, s.as(s.coord))).json().designs[0].examined).toBe(false);
    expect((await bad({ participantIds: [carl], workloadHours: 10 })).errors[0]).toEqual({
      field: 'body.designId',
      message: 'the design states no examination; a micro-credential certifies assessed learning',
    });
    await t.db
      .update(courseDesign)
      .set({ examination: 'Praktiskt prov i PLC-labbet' })
      .where(eq(courseDesign.id, designId));
    // the manager reads the case but does not issue; another HEI does not find it
    expect(
      (await t.request('POST', url, s.as(s.manager, { designId, participantIds: [carl] }))).statusCode,
    ).toBe(403);
    expect(
      (await t.request('POST', url, s.as(s.outsider, { designId, participantIds: [carl] }))).statusCode,
    ).toBe(404);
    expect((await t.request('GET', url, s.as(s.coord))).json().credentials).toEqual([]);
  });

  let annasPath: string;
  let carlsPath: string;

  it('issues one to each chosen participant: credits to those who meet the entry requirements, e-mailed', async () => {
    const response = await t.request(
      'POST',
      `/api/cases/${s.caseId}/credentials`,
      s.as(s.teacher, {
        designId,
        participantIds: participants.map((p) => p.participantId),
        workloadHours: 200,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.emailed).toBe(2); // Bo has no e-mail address
    const byName = new Map(body.credentials.map((c: { learnerName: string }) => [c.learnerName, c]));
    expect(byName.get('Anna Test')).toMatchObject({
      credits: 7.5,
      workloadHours: 200,
      title: 'PLC för underhållet',
    });
    expect(byName.get('Carl Test')).toMatchObject({ credits: null, workloadHours: 200 });
    annasPath = (byName.get('Anna Test') as { path: string }).path;
    carlsPath = (byName.get('Carl Test') as { path: string }).path;
    expect(annasPath).toMatch(/^\/credentials\/[A-Za-z0-9_-]{24}$/);

    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'micro_credential'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([
      'anna@stalverket.example',
      'carl@stalverket.example',
    ]);
    const annas = mails.find((m) => m.toAddress === 'anna@stalverket.example');
    expect(annas?.textBody).toContain(`${TEST_ORIGIN}${annasPath}`);
    const [audit] = await t.db.select().from(auditEvent).where(eq(auditEvent.action, 'credential.issued'));
    expect(audit?.data).toMatchObject({ caseId: s.caseId, count: 3, emailed: 2 });

    // nobody is certified twice for the same course while the first is valid
    const again = await t.request(
      'POST',
      `/api/cases/${s.caseId}/credentials`,
      s.as(s.coord, { designId, participantIds: [participants[0]?.participantId], workloadHours: 200 }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('credential_already_issued');
    expect(again.json().detail).toContain('Anna Test');
  });

  it('is public at its address with the EU elements; no personnummer or e-mail', async () => {
    const response = await anonymous('GET', `/api/public/credentials/${codeOf(annasPath)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'valid',
      learnerName: 'Anna Test',
      title: 'PLC för underhållet',
      issuer: { country: 'SE' },
      level: 'first-cycle',
      eqfLevel: 6,
      credits: 7.5,
      format: 'blended',
      outcomes: ['läsa och felsöka ett PLC-program', 'göra säkra ändringar'],
    });
    expect(response.body).not.toMatch(/19850312|stalverket\.example/);
    expect(
      (await anonymous('GET', '/api/public/credentials/not-a-code-of-any-credential-at-all')).json().code,
    ).toBe('credential_not_found');
    // an address cut off in an e-mail: the same answer, not a validation error
    const cutOff = await anonymous('GET', `/api/public/credentials/${codeOf(annasPath).slice(0, 10)}`);
    expect(cutOff.statusCode).toBe(404);
    expect(cutOff.json().code).toBe('credential_not_found');
  });

  it('is a PDF with the learner, the course, the elements and the address that verifies it', async () => {
    const response = await anonymous('GET', `/api/public/credentials/${codeOf(annasPath)}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    // with its QR code, in the archive's format
    expectPdfA(response.rawPayload, {
      language: 'sv',
      title: 'Mikromerit – PLC för underhållet – Anna Test',
    });
    const text = pdfOf(response.rawPayload);
    for (const expected of [
      'Mikromerit',
      'Anna Test',
      'PLC för underhållet',
      'göra säkra ändringar',
      '7,5 högskolepoäng (ECTS)',
      'Grundnivå, EQF-nivå 6',
      'Sverige',
      `${TEST_ORIGIN}${annasPath}`,
    ])
      expect(text).toContain(expected);
    // Carl's says hours, not credits
    const carls = pdfOf(
      (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/pdf`)).rawPayload,
    );
    expect(text).toContain('Praktiskt prov i PLC-labbet');
    expect(carls).toContain('200 timmar');
    expect(carls).not.toContain('högskolepoäng (ECTS)');
  });

  let signed: string;

  it('is an Open Badges 3.0 credential signed with the key in the HEI’s issuer profile', async () => {
    const response = await anonymous('GET', `/api/public/credentials/${codeOf(annasPath)}/signed`);
    expect(response.statusCode, response.body).toBe(200);
    signed = response.body;
    const header = decodeProtectedHeader(signed);
    // Open Badges 3.0 on the credentials data model 2.0: the credential is the payload
    const claims = decodeJwt(signed) as {
      iss: string;
      jti: string;
      nbf: number;
      '@context': string[];
      type: string[];
      validFrom: string;
      credentialSubject: { achievement: { alignment: { targetCode: string }[] } };
      credentialStatus: Record<string, string>[];
    };
    const issuerUrl = `${TEST_ORIGIN}/api/public/credential-issuers/${s.hei}`;
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT', kid: `${issuerUrl}#key-1` });
    expect(claims.iss).toBe(issuerUrl);
    expect(claims.jti).toBe(`${TEST_ORIGIN}${annasPath}`);
    expect(claims['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(claims.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(claims.nbf).toBe(Math.floor(new Date(claims.validFrom).getTime() / 1000));
    expect(claims.credentialSubject).toMatchObject({
      creditsEarned: 7.5,
      identifier: [{ identityType: 'name', identityHash: 'Anna Test', hashed: false }],
      achievement: { achievementType: 'MicroCredential', name: 'PLC för underhållet', creditsAvailable: 7.5 },
    });
    expect(claims.credentialSubject.achievement.alignment[0]).toMatchObject({ targetCode: '6' });
    // its bit in the HEI's revocation list, and the same bit in its suspension list
    const [revocation, suspension] = claims.credentialStatus;
    expect(revocation).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: `${issuerUrl}/revocation-list`,
    });
    expect(suspension).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListCredential: `${issuerUrl}/suspension-list`,
      statusListIndex: revocation?.statusListIndex,
    });
    expect(Number(revocation?.statusListIndex)).toBeGreaterThanOrEqual(0);

    // the issuer profile publishes the public key: the file verifies without Lupp
    const profile = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}`)).json();
    expect(profile.id).toBe(issuerUrl);
    expect(profile.publicKey).toMatchObject({ id: `${issuerUrl}#key-1`, kty: 'OKP', crv: 'Ed25519' });
    const { kty, crv, x } = profile.publicKey;
    await expect(jwtVerify(signed, await importJWK({ kty, crv, x }, 'EdDSA'))).resolves.toBeDefined();
    // one key per HEI: a second download is signed with the same key
    const second = (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/signed`)).body;
    await expect(jwtVerify(second, await importJWK({ kty, crv, x }, 'EdDSA'))).resolves.toBeDefined();
  });

  /** What a verifier does with a signed file's `credentialStatus`: fetch the list, check its signature, read the bit. */
  const markedInList = async (credentialJwt: string, purpose: 'revocation' | 'suspension') => {
    const entries = (decodeJwt(credentialJwt) as { credentialStatus: Record<string, string>[] })
      .credentialStatus;
    const status = entries.find((e) => e.statusPurpose === purpose) ?? {};
    const response = await anonymous('GET', (status.statusListCredential ?? '').replace(TEST_ORIGIN, ''));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    const profile = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}`)).json();
    const { kty, crv, x } = profile.publicKey;
    const { payload } = await jwtVerify(response.body, await importJWK({ kty, crv, x }, 'EdDSA'));
    const list = payload as unknown as {
      type: string[];
      issuer: string;
      credentialSubject: { statusPurpose: string; encodedList: string };
    };
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.issuer).toBe(profile.id);
    expect(list.credentialSubject.statusPurpose).toBe(purpose);
    return bitOf(list.credentialSubject.encodedList, Number(status.statusListIndex));
  };
  const revokedByList = (credentialJwt: string) => markedInList(credentialJwt, 'revocation');

  it('names its bit in the HEI’s signed revocation list, which anyone can read', async () => {
    expect(await revokedByList(signed)).toBe(false);
    const carls = (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/signed`)).body;
    const index = (jwt: string) =>
      (decodeJwt(jwt) as { credentialStatus: { statusListIndex: string }[] }).credentialStatus[0]
        ?.statusListIndex;
    expect(index(carls)).not.toBe(index(signed));
    // the list is at least 16 KiB of bits, so one credential's bit hides among many
    const list = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}/revocation-list`)).body;
    const encoded = (decodeJwt(list) as { credentialSubject: { encodedList: string } }).credentialSubject
      .encodedList;
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')).length).toBeGreaterThanOrEqual(16_384);
    // an HEI that has signed nothing has no list
    const other = (await createOrganisation(t, { name: 'Osignerat lärosäte' })).id;
    expect(
      (await anonymous('GET', `/api/public/credential-issuers/${other}/revocation-list`)).json().code,
    ).toBe('credential_issuer_not_found');
  });

  it('checks a file: genuine, or why not', async () => {
    const verify = async (credential: string) =>
      (await anonymous('POST', '/api/public/credentials/verify', { credential })).json();
    expect(await verify(signed)).toMatchObject({
      genuine: true,
      reason: 'valid',
      credential: { learnerName: 'Anna Test', path: annasPath },
    });
    const [head, payload, signature] = signed.split('.');
    // a changed claim (Anna's name for Eva's) breaks the signature
    const forged = Buffer.from(
      Buffer.from(payload ?? '', 'base64url')
        .toString()
        .replace('Anna Test', 'Eva Test'),
    ).toString('base64url');
    expect(await verify(`${head}.${forged}.${signature}`)).toMatchObject({
      genuine: false,
      reason: 'bad_signature',
    });
    expect(await verify('not a credential')).toEqual({
      genuine: false,
      reason: 'malformed',
      credential: null,
    });
    expect((await anonymous('POST', '/api/public/credentials/verify', { credential: '' })).statusCode).toBe(
      400,
    );
  });

  it('is suspended for now, then reinstated: the address, the check, the file and the suspension list follow', async () => {
    const carlsFile = (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/signed`)).body;
    const list = (await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.coord))).json();
    const carl = list.credentials.find((c: { learnerName: string }) => c.learnerName === 'Carl Test');
    const suspend = (user = s.coord, reason = 'Examinationsresultatet omprövas') =>
      t.request('POST', `/api/credentials/${carl.id}/suspend`, s.as(user, { reason }));
    const reinstate = (user = s.coord) =>
      t.request('POST', `/api/credentials/${carl.id}/reinstate`, s.as(user));
    expect((await suspend(s.coord, '  ')).statusCode).toBe(400);
    expect((await suspend(s.outsider)).statusCode).toBe(404);
    expect((await suspend(s.manager)).statusCode).toBe(403);
    expect((await reinstate()).statusCode).toBe(409); // not suspended
    const suspended = await suspend();
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({
      suspendReason: 'Examinationsresultatet omprövas',
      revokedAt: null,
    });
    expect(suspended.json().suspendedAt).toBeTruthy();
    expect((await suspend()).json().code).toBe('credential_suspended');

    const code = codeOf(carlsPath);
    const shown = (await anonymous('GET', `/api/public/credentials/${code}`)).json();
    expect(shown).toMatchObject({ status: 'suspended', suspendedAt: suspended.json().suspendedAt });
    expect((await anonymous('GET', `/api/public/credentials/${code}/signed`)).json().code).toBe(
      'credential_suspended',
    );
    expect(pdfOf((await anonymous('GET', `/api/public/credentials/${code}/pdf`)).rawPayload)).toContain(
      'TILLFÄLLIGT SPÄRRAD',
    );
    expect(
      (await anonymous('POST', '/api/public/credentials/verify', { credential: carlsFile })).json(),
    ).toMatchObject({ genuine: false, reason: 'suspended', credential: { status: 'suspended' } });
    // a verifier holding the file learns it from the suspension list; the revocation list is untouched
    expect(await markedInList(carlsFile, 'suspension')).toBe(true);
    expect(await revokedByList(carlsFile)).toBe(false);
    expect(await markedInList(signed, 'suspension')).toBe(false); // Anna's bit
    const [audit] = await t.db.select().from(auditEvent).where(eq(auditEvent.action, 'credential.suspended'));
    expect(audit?.data).toMatchObject({ reason: 'Examinationsresultatet omprövas' });

    const reinstated = await reinstate();
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(reinstated.json()).toMatchObject({ suspendedAt: null, suspendReason: null });
    expect((await anonymous('GET', `/api/public/credentials/${code}`)).json().status).toBe('valid');
    expect(await markedInList(carlsFile, 'suspension')).toBe(false);
    expect(
      (await anonymous('POST', '/api/public/credentials/verify', { credential: carlsFile })).json(),
    ).toMatchObject({ genuine: true, reason: 'valid' });
    expect(
      await t.db.select().from(auditEvent).where(eq(auditEvent.action, 'credential.reinstated')),
    ).toHaveLength(1);
  });

  it('is revoked with a reason by the HEI: the address, the check and the list say so; it may be issued again', async () => {
    const list = (await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.coord))).json();
    const anna = list.credentials.find((c: { learnerName: string }) => c.learnerName === 'Anna Test');
    expect(anna.issuedBy).toBeTruthy();
    const url = `/api/credentials/${anna.id}/revoke`;
    expect((await t.request('POST', url, s.as(s.coord, { reason: ' ' }))).statusCode).toBe(400);
    expect((await t.request('POST', url, s.as(s.outsider, { reason: 'x' }))).statusCode).toBe(404);
    expect((await t.request('POST', url, s.as(s.manager, { reason: 'x' }))).statusCode).toBe(403);
    const revoked = await t.request('POST', url, s.as(s.coord, { reason: 'Fel kurs angiven' }));
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ revokeReason: 'Fel kurs angiven' });
    expect(revoked.json().revokedAt).toBeTruthy();
    expect((await t.request('POST', url, s.as(s.coord, { reason: 'igen' }))).json().code).toBe(
      'credential_revoked',
    );

    const code = codeOf(annasPath);
    expect((await anonymous('GET', `/api/public/credentials/${code}`)).json().status).toBe('revoked');
    expect((await anonymous('GET', `/api/public/credentials/${code}/signed`)).json().code).toBe(
      'credential_revoked',
    );
    expect(pdfOf((await anonymous('GET', `/api/public/credentials/${code}/pdf`)).rawPayload)).toContain(
      'ÅTERKALLAD',
    );
    expect(
      (await anonymous('POST', '/api/public/credentials/verify', { credential: signed })).json(),
    ).toMatchObject({ genuine: false, reason: 'revoked', credential: { status: 'revoked' } });
    // a verifier that never asks Lupp about Anna learns it from the list; Carl's bit stays clear
    expect(await revokedByList(signed)).toBe(true);
    expect(
      await revokedByList(
        (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/signed`)).body,
      ),
    ).toBe(false);
    const [audit] = await t.db.select().from(auditEvent).where(eq(auditEvent.action, 'credential.revoked'));
    expect(audit?.data).toMatchObject({ reason: 'Fel kurs angiven' });

    const reissued = await t.request(
      'POST',
      `/api/cases/${s.caseId}/credentials`,
      s.as(s.coord, { designId, participantIds: [anna.participantId], emailParticipants: false }),
    );
    expect(reissued.statusCode, reissued.body).toBe(201);
    expect(reissued.json()).toMatchObject({
      emailed: 0,
      credentials: [{ learnerName: 'Anna Test', credits: 7.5 }],
    });
  });

  it('are listed for the customer who designated the participants, and no other', async () => {
    const mine = await t.request('GET', `/api/portal/credentials?caseId=${s.caseId}`, s.as(s.contact));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(
      mine
        .json()
        .map((c: { learnerName: string; revokedAt: string | null }) => [c.learnerName, !!c.revokedAt])
        .sort(),
    ).toEqual([
      ['Anna Test', false],
      ['Anna Test', true],
      ['Bo Test', false],
      ['Carl Test', false],
    ]);
    expect(mine.json()[0].path).toMatch(/^\/credentials\//);
    const stranger = await createUser(t, [
      { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
    ]);
    expect((await t.request('GET', '/api/portal/credentials', s.as(stranger))).json()).toEqual([]);
    expect((await t.request('GET', '/api/portal/credentials', s.as(s.coord))).statusCode).toBe(403);
  });

  it("are in the learner's subject access report, revoked ones too", async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const report = await t.request(
      'POST',
      `/api/organisations/${s.hei}/subject-access`,
      s.as(admin, { email: 'anna@stalverket.example' }),
    );
    expect(report.statusCode, report.body).toBe(200);
    const [participation] = report.json().participants;
    expect(participation.credentials).toHaveLength(2);
    expect(participation.credentials.filter((c: { revokedAt: string | null }) => c.revokedAt)).toHaveLength(
      1,
    );
    expect(participation.credentials[0]).toMatchObject({ title: 'PLC för underhållet' });
  });

  it('keep their course in view when its design is changed after approval; new ones wait for approval', async () => {
    const design = (await t.request('GET', `/api/designs/${designId}`, s.as(s.coord))).json();
    const changed = await t.request(
      'PATCH',
      `/api/designs/${designId}`,
      s.as(s.coord, { revision: design.revision, schedule: 'Tre kvällar' }),
    );
    expect(changed.json().status).toBe('draft');
    const list = (await t.request('GET', `/api/cases/${s.caseId}/credentials`, s.as(s.coord))).json();
    expect(list.designs.map((d: { designId: string }) => d.designId)).toEqual([designId]);
    const refused = await t.request(
      'POST',
      `/api/cases/${s.caseId}/credentials`,
      s.as(s.coord, { designId, participantIds: [participants[1]?.participantId], workloadHours: 10 }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('body.designId');
  });

  it('are signed with a new key after an administrator rotates it; a withdrawn key’s files fail the check', async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const keys = `/api/organisations/${s.hei}/credential-keys`;
    const rotate = (withdraw: boolean, user = admin) => t.request('POST', keys, s.as(user, { withdraw }));
    const download = async () =>
      (await anonymous('GET', `/api/public/credentials/${codeOf(carlsPath)}/signed`)).body;
    const verify = async (credential: string) =>
      (await anonymous('POST', '/api/public/credentials/verify', { credential })).json();
    const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;
    const issuerUrl = `${TEST_ORIGIN}/api/public/credential-issuers/${s.hei}`;
    expect((await t.request('GET', keys, s.as(admin))).json()).toEqual([
      { number: 1, createdAt: expect.any(String), retiredAt: null, withdrawnAt: null },
    ]);
    expect((await t.request('GET', keys, s.as(s.coord))).statusCode).toBe(403);
    expect((await rotate(false, s.coord)).statusCode).toBe(403);
    expect((await rotate(false, s.outsider)).statusCode).toBe(404);

    const first = await download();
    expect(kidOf(first)).toBe(`${issuerUrl}#key-1`);
    const rotated = await rotate(false);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().map((k: { number: number }) => k.number)).toEqual([2, 1]);
    expect(rotated.json()[1].retiredAt).toBeTruthy();
    const second = await download();
    expect(kidOf(second)).toBe(`${issuerUrl}#key-2`);
    // the profile names the key in use; the JWK Set has both, so a file signed with the first still checks offline
    expect((await anonymous('GET', `/api/public/credential-issuers/${s.hei}`)).json().publicKey.id).toBe(
      `${issuerUrl}#key-2`,
    );
    const set = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}/keys`)).json();
    expect(set.keys.map((k: { kid: string }) => k.kid)).toEqual([`${issuerUrl}#key-2`, `${issuerUrl}#key-1`]);
    const old = set.keys.find((k: { kid: string }) => k.kid.endsWith('#key-1'));
    await expect(
      jwtVerify(first, await importJWK({ kty: old.kty, crv: old.crv, x: old.x }, 'EdDSA')),
    ).resolves.toBeDefined();
    expect(await verify(first)).toMatchObject({ genuine: true, reason: 'valid' });
    expect(await verify(second)).toMatchObject({ genuine: true, reason: 'valid' });
    const list = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}/revocation-list`)).body;
    expect(kidOf(list)).toBe(`${issuerUrl}#key-2`);

    // key 2 may have been exposed: withdrawn, its files no longer pass; key 1's still do; key 3 signs from now on
    expect((await rotate(true)).json()).toMatchObject([
      { number: 3, retiredAt: null, withdrawnAt: null },
      { number: 2, withdrawnAt: expect.any(String) },
      { number: 1, withdrawnAt: null },
    ]);
    expect(await verify(second)).toEqual({ genuine: false, reason: 'key_withdrawn', credential: null });
    expect(await verify(first)).toMatchObject({ genuine: true, reason: 'valid' });
    const third = await download();
    expect(kidOf(third)).toBe(`${issuerUrl}#key-3`);
    expect(await verify(third)).toMatchObject({ genuine: true, reason: 'valid' });
    const after = (await anonymous('GET', `/api/public/credential-issuers/${s.hei}/keys`)).json();
    expect(after.keys.map((k: { kid: string }) => k.kid)).toEqual([
      `${issuerUrl}#key-3`,
      `${issuerUrl}#key-1`,
    ]);
    const audited = await t.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'credential.key_rotated'));
    const byNumber = (a: { data: unknown }, b: { data: unknown }) =>
      (a.data as { number: number }).number - (b.data as { number: number }).number;
    expect(audited.sort(byNumber).map((a) => a.data)).toEqual([
      { number: 2, withdrawn: null },
      { number: 3, withdrawn: 2 },
    ]);
  });
});

describe('migration 0048', () => {
  it('gives each credential issued before it a bit of its own in its HEI’s list', async () => {
    // as before the migration: no column; then the migration's statements after the one that adds it
    await t.db.execute(sql`drop index micro_credential_status_idx`);
    await t.db.execute(sql`alter table micro_credential alter column status_index drop not null`);
    await t.db.execute(sql`update micro_credential set status_index = null`);
    const statements = readFileSync('src/db/migrations/0048_credential_status_index.sql', 'utf8')
      .split('--> statement-breakpoint')
      .slice(1);
    for (const statement of statements) await t.db.execute(sql.raw(statement));
    const rows = await t.db
      .select({ index: microCredential.statusIndex })
      .from(microCredential)
      .where(eq(microCredential.heiId, s.hei));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const indexes = rows.map((r) => r.index);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(indexes.every((i) => i >= 0 && i < 131_072)).toBe(true);
    // spread over the list, not packed at its start
    expect(Math.max(...indexes)).toBeGreaterThan(indexes.length);
  });
});
