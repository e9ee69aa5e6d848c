import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { open, seal } from '../participants/sealed.ts';
import type { PublicCredential } from './credentials.contract.ts';
import { statusEntry, type statusListCredential } from './credentials.status-list.ts';

/**
 * A credential as an Open Badges 3.0 `OpenBadgeCredential` (1EdTech, context 3.0.3: a W3C verifiable
 * credential of the data model 2.0 whose achievement type is `MicroCredential`), signed by the issuing HEI's
 * Ed25519 key in the JWT proof format of Open Badges 3.0 (§ 8.2: the credential is the JWT's payload, with
 * `iss`, `jti` and `nbf` beside it). Anyone holding the file can check it with the public key in the HEI's
 * issuer profile, and whether it was revoked in the HEI's status list, without Lupp.
 */

export type PublicJwk = { kty: string; crv: string; x: string };

/** A new key pair: the public key as a JWK, the private key (PKCS #8) sealed under the deployment's key. */
export function newSigningKey(sealKey: Buffer): { publicJwk: PublicJwk; privateKeySealed: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  if (!kty || !crv || !x) throw new Error('the runtime gave an Ed25519 key without its JWK fields');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { publicJwk: { kty, crv, x }, privateKeySealed: seal(sealKey, pkcs8) };
}

const privateKeyOf = (sealKey: Buffer, sealed: string): KeyObject =>
  createPrivateKey({ key: Buffer.from(open(sealKey, sealed), 'base64'), format: 'der', type: 'pkcs8' });

/**
 * The addresses a credential names: its own page, its issuer's profile (which holds the public key), and
 * its bit in the issuer's revocation list.
 */
export type CredentialUrls = {
  credential: string;
  issuer: string;
  statusList: string;
  suspensionList: string;
  statusIndex: number;
};

/** The key's id in a JWT header: the issuer profile, whose `publicKey` is this key. */
export const keyIdOf = (issuerUrl: string, number: number) => `${issuerUrl}#key-${number}`;

/** The key's number in a key id (`…#key-2` → 2), or null when the id is not one of Lupp's. */
export function keyNumberOf(kid: string, issuerUrl: string): number | null {
  const match = kid.startsWith(`${issuerUrl}#key-`)
    ? kid.slice(issuerUrl.length + 5).match(/^([1-9]\d{0,5})$/)
    : null;
  return match ? Number(match[1]) : null;
}

const workloadText = {
  sv: (hours: number) => `Omfattning: ${hours} timmar`,
  en: (hours: number) => `Workload: ${hours} hours`,
};

export function openBadgeCredential(c: PublicCredential, urls: CredentialUrls) {
  const eqf = c.eqfLevel
    ? [
        {
          type: ['Alignment'],
          targetType: 'ext:EQF',
          targetFramework: 'European Qualifications Framework',
          targetCode: String(c.eqfLevel),
          targetName: `EQF ${c.eqfLevel}`,
          targetUrl: 'https://europass.europa.eu/en/description-eight-eqf-levels',
        },
      ]
    : [];
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: urls.credential,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: c.title,
    issuer: issuerProfile(c.issuer, urls.issuer),
    validFrom: c.issuedAt,
    // the same bit in two lists: revoked for good, and suspended for now
    credentialStatus: [
      statusEntry(urls.statusList, urls.statusIndex, 'revocation'),
      statusEntry(urls.suspensionList, urls.statusIndex, 'suspension'),
    ],
    credentialSubject: {
      type: ['AchievementSubject'],
      // the learner by name (the recommendation's "identification of the learner"); no e-mail, no personnummer
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.learnerName },
      ],
      ...(c.credits !== null ? { creditsEarned: c.credits } : {}),
      ...(c.startDate ? { activityStartDate: `${c.startDate}T00:00:00Z` } : {}),
      ...(c.endDate ? { activityEndDate: `${c.endDate}T00:00:00Z` } : {}),
      achievement: {
        id: `${urls.credential}#achievement`,
        type: ['Achievement'],
        achievementType: 'MicroCredential',
        name: c.title,
        // the learning outcomes, and the workload when it is in hours (credits have their own field)
        description: [
          ...c.outcomes,
          ...(c.workloadHours !== null ? [workloadText[c.language](c.workloadHours)] : []),
        ].join('\n'),
        criteria: { narrative: c.assessment || c.outcomes.join('\n') },
        inLanguage: c.language,
        ...(c.credits !== null ? { creditsAvailable: c.credits } : {}),
        alignment: eqf,
      },
    },
  };
}

export function issuerProfile(
  issuer: PublicCredential['issuer'],
  issuerUrl: string,
  key?: { number: number; publicJwk: PublicJwk },
) {
  return {
    id: issuerUrl,
    type: ['Profile'],
    name: issuer.name,
    address: { type: ['Address'], addressCountry: 'Sweden', addressCountryCode: issuer.country },
    ...(issuer.orgNumber
      ? {
          otherIdentifier: [
            { type: 'IdentifierEntry', identifierType: 'sourcedId', identifier: issuer.orgNumber },
          ],
        }
      : {}),
    ...(key ? { publicKey: { id: keyIdOf(issuerUrl, key.number), ...key.publicJwk } } : {}),
  };
}

type SigningKey = { sealKey: Buffer; privateKeySealed: string; number: number };

/**
 * A verifiable credential as a JWT signed with its HEI's key: the credential is the payload, and its
 * issuer, id and start of validity are also the registered claims `iss`, `jti` and `nbf` (OB 3.0 § 8.2.4;
 * W3C VC-JOSE-COSE).
 */
async function signVc(
  credential: { id: string; validFrom: string },
  issuerId: string,
  key: SigningKey,
  typ: string,
) {
  return new SignJWT(credential)
    .setProtectedHeader({ alg: 'EdDSA', typ, kid: keyIdOf(issuerId, key.number) })
    .setIssuer(issuerId)
    .setJti(credential.id)
    .setNotBefore(Math.floor(new Date(credential.validFrom).getTime() / 1000))
    .sign(privateKeyOf(key.sealKey, key.privateKeySealed));
}

/** The credential as a JWT signed with the HEI's key (`typ` JWT, as Open Badges 3.0 says). */
export const signCredential = (credential: ReturnType<typeof openBadgeCredential>, key: SigningKey) =>
  signVc(credential, credential.issuer.id, key, 'JWT');

/** The HEI's revocation or suspension list as a JWT signed with its key (`typ` vc+jwt, as W3C VC-JOSE-COSE says). */
export const signStatusList = (list: ReturnType<typeof statusListCredential>, key: SigningKey) =>
  signVc(list, list.issuer, key, 'vc+jwt');

/** The issuer and the credential's address a signed credential claims, before its signature is checked. */
export function claimsOf(jwt: string): { kid: string; iss: string; jti: string } | null {
  try {
    const { kid } = decodeProtectedHeader(jwt);
    const { iss, jti } = decodeJwt(jwt);
    return kid && iss && jti ? { kid, iss, jti } : null;
  } catch {
    return null; // not a JWT at all
  }
}

/** Whether the JWT was signed by the key of this public JWK (and is well formed). */
export async function signedBy(jwt: string, publicJwk: PublicJwk): Promise<boolean> {
  try {
    await jwtVerify(jwt, await importJWK(publicJwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
  }
}
