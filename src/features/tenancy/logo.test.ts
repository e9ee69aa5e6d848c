import { describe, expect, it } from 'vitest';
import { pngDataUrl, tinyPng } from '../../../test/support/png.ts';
import { checkLogo, LOGO_MAX_BYTES } from './logo.ts';

/** The start of a JPEG file: SOI, a JFIF APP0 segment, then a baseline frame header of the given size. */
function jpegHead(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}
const jpegDataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;

describe('logo', () => {
  it('accepts a PNG and reads its size', () => {
    const result = checkLogo(pngDataUrl(tinyPng(12, 5)));
    expect(result).toMatchObject({ ok: true, type: 'image/png', width: 12, height: 5 });
  });

  it('accepts a JPEG and reads its size from the frame header', () => {
    expect(checkLogo(jpegDataUrl(jpegHead(300, 120)))).toMatchObject({
      ok: true,
      type: 'image/jpeg',
      width: 300,
      height: 120,
    });
  });

  it('refuses other kinds of data URL, and anything else', () => {
    for (const bad of [
      '',
      'https://example.se/logo.png',
      `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}`,
      `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`,
      `data:image/png,${tinyPng().toString('latin1')}`,
    ])
      expect(checkLogo(bad)).toEqual({ ok: false, reason: 'data_url' });
  });

  it('refuses bad base64 and empty images', () => {
    expect(checkLogo('data:image/png;base64,iVBOR*w0KGgo=')).toEqual({ ok: false, reason: 'base64' });
    expect(checkLogo('data:image/png;base64,')).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses bytes that are not what the data URL says', () => {
    expect(checkLogo(`data:image/png;base64,${jpegHead(10, 10).toString('base64')}`)).toEqual({
      ok: false,
      reason: 'content',
    });
    expect(checkLogo(jpegDataUrl(tinyPng()))).toEqual({ ok: false, reason: 'content' });
    expect(checkLogo(`data:image/png;base64,${Buffer.from('<html>hej</html>').toString('base64')}`)).toEqual({
      ok: false,
      reason: 'content',
    });
  });

  it('refuses images over 200 kB and absurd sizes', () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(checkLogo(pngDataUrl(big))).toEqual({ ok: false, reason: 'too_large' });
    expect(checkLogo(pngDataUrl(tinyPng(5000, 1)))).toEqual({ ok: false, reason: 'dimensions' });
    expect(checkLogo(jpegDataUrl(jpegHead(100, 40_000)))).toEqual({ ok: false, reason: 'dimensions' });
    // A JPEG that ends before any frame header has no size to read.
    expect(checkLogo(jpegDataUrl(Buffer.from([0xff, 0xd8, 0xff, 0xd9])))).toEqual({
      ok: false,
      reason: 'dimensions',
    });
  });
});
