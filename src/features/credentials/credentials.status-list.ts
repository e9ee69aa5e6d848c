import { randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * An HEI's revocation list, and its suspension list, as W3C Bitstring Status Lists (v1.0): one bit per credential
 * it issued, set when the credential is revoked (or suspended), GZIP-compressed and multibase base64url-encoded (`u…`). Each signed credential
 * names its list and its bit (`credentialStatus`), so a verifier — a wallet, another HEI, an employer's
 * system — learns of a revocation by reading the whole list, without telling Lupp which credential it checks.
 */

/** The least length the specification allows (16 KiB), so that one credential's bit hides among many. */
export const MIN_LIST_BITS = 131_072;

/** The list's length: at least the minimum, and long enough for every index drawn. */
export const listLength = (highestIndex: number) =>
  Math.max(MIN_LIST_BITS, Math.ceil((highestIndex + 1) / MIN_LIST_BITS) * MIN_LIST_BITS);

/**
 * `count` new indexes drawn at random among the free bits of a list that is kept at most half full (so a
 * draw seldom hits a used bit), none of them in `used`.
 */
export function drawStatusIndexes(used: ReadonlySet<number>, count: number): number[] {
  const length = listLength(2 * (used.size + count) - 1);
  const drawn = new Set<number>();
  while (drawn.size < count) {
    const index = randomInt(length);
    if (!used.has(index)) drawn.add(index);
  }
  return [...drawn];
}

/** The encoded list with these bits set (bit 0 is the first byte's most significant bit, as the spec says). */
export function encodeList(setIndexes: readonly number[], length: number): string {
  const bits = Buffer.alloc(length / 8);
  for (const i of setIndexes) bits[i >> 3] = (bits[i >> 3] ?? 0) | (0x80 >> (i & 7));
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Whether a bit of an encoded list is set: what a verifier does with the list. */
export function bitOf(encodedList: string, index: number): boolean {
  const bits = gunzipSync(Buffer.from(encodedList.replace(/^u/, ''), 'base64url'));
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

/** What a list says of the credentials whose bit is set: revoked for good, or suspended until reinstated. */
export type StatusPurpose = 'revocation' | 'suspension';

/** A credential's entry: which list, which bit, for what. */
export const statusEntry = (listUrl: string, index: number, purpose: StatusPurpose) => ({
  id: `${listUrl}#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: listUrl,
});

/** The list as a verifiable credential of its issuer (to be signed like the credentials it covers). */
export const statusListCredential = (
  issuerUrl: string,
  listUrl: string,
  purpose: StatusPurpose,
  encodedList: string,
  at: Date,
) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: listUrl,
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: issuerUrl,
  validFrom: at.toISOString(),
  credentialSubject: {
    id: `${listUrl}#list`,
    type: 'BitstringStatusList',
    statusPurpose: purpose,
    encodedList,
  },
});
