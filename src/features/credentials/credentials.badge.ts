import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { open, seal } from '../participants/sealed.ts';
import type { PublicCredential } from './credentials.contract.ts';

/**
 * A credential as an Open Badges 3.0 `OpenBadgeCredential` (1EdTech; a W3C verifiable credential whose
 * achievement type is `MicroCredential`), signed by the issuing HEI's Ed25519 key in the JWT proof format
 * of Open Badges 3.0 (§ 8.2: the credential in the `vc` claim). Anyone holding the file can check it with
 * the public key in the HEI's issuer profile, without Lupp; Lupp's verification page also says whether
 * the HEI has since revoked it.
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

/** The addresses a credential names: its own page, its issuer's profile (which holds the public key). */
export type CredentialUrls = { credential: string; issuer: string };

/** The key's id in a JWT header: the issuer profile, whose `publicKey` is this key. */
export const keyIdOf = (issuerUrl: string) => `${issuerUrl}#key-1`;

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
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: urls.credential,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: c.title,
    issuer: issuerProfile(c.issuer, urls.issuer),
    issuanceDate: c.issuedAt,
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

export function issuerProfile(issuer: PublicCredential['issuer'], issuerUrl: string, publicJwk?: PublicJwk) {
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
    ...(publicJwk ? { publicKey: { id: keyIdOf(issuerUrl), ...publicJwk } } : {}),
  };
}

/** The credential as a JWT signed with the HEI's key (OB 3.0 § 8.2.4: iss, jti, nbf and the `vc` claim). */
export async function signCredential(
  credential: ReturnType<typeof openBadgeCredential>,
  key: { sealKey: Buffer; privateKeySealed: string },
) {
  return new SignJWT({ vc: credential })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyIdOf(credential.issuer.id) })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setNotBefore(Math.floor(new Date(credential.issuanceDate).getTime() / 1000))
    .sign(privateKeyOf(key.sealKey, key.privateKeySealed));
}

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
