import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bitOf,
  drawStatusIndexes,
  encodeList,
  listLength,
  MIN_LIST_BITS,
} from './credentials.status-list.ts';

describe('the revocation list (W3C Bitstring Status List)', () => {
  it('is GZIP in multibase base64url, bit 0 the first byte’s most significant bit', () => {
    const encoded = encodeList([0, 9, 131_071], MIN_LIST_BITS);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded).not.toMatch(/[+/=]/); // base64url without padding
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(16_384);
    expect([bits[0], bits[1], bits[16_383]]).toEqual([0x80, 0x40, 0x01]);
    expect([0, 9, 131_071].map((i) => bitOf(encoded, i))).toEqual([true, true, true]);
    expect([1, 8, 10, 131_070].map((i) => bitOf(encoded, i))).toEqual([false, false, false, false]);
  });

  it('is 16 KiB at least, and grows in whole steps of that', () => {
    expect(listLength(0)).toBe(131_072);
    expect(listLength(131_071)).toBe(131_072);
    expect(listLength(131_072)).toBe(262_144);
  });

  it('draws distinct free bits, keeping the list at most half full', () => {
    const used = new Set(Array.from({ length: 60_000 }, (_, i) => i * 2));
    const drawn = drawStatusIndexes(used, 10_000);
    expect(new Set(drawn).size).toBe(10_000);
    expect(drawn.some((i) => used.has(i))).toBe(false);
    // 70 000 bits in use: the list doubles rather than filling past half
    expect(Math.max(...drawn)).toBeLessThan(262_144);
    expect(Math.max(...drawn)).toBeGreaterThanOrEqual(131_072);
  });
});
