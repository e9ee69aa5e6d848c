import { LOGO_MAX_BYTES } from './tenancy.contract.ts';

// An organisation's logo as it arrives: a data URL of a PNG or JPEG image, at most 200 kB decoded, whose
// bytes really are that kind of image (magic bytes and a readable size), not larger than a logo needs to
// be (the PDF renderer unpacks every pixel). Pure: the data URL in, the bytes or the reason out.

export { LOGO_MAX_BYTES };

/** Widest and tallest image accepted, in pixels: a logo printed at 140 × 50 pt needs far fewer. */
export const LOGO_MAX_SIDE = 4_000;

export type LogoType = 'image/png' | 'image/jpeg';

export type LogoCheck =
  | { ok: true; type: LogoType; bytes: Buffer; width: number; height: number; dataUrl: string }
  | { ok: false; reason: 'data_url' | 'base64' | 'empty' | 'too_large' | 'content' | 'dimensions' };

export const logoMessages: Record<Exclude<LogoCheck, { ok: true }>['reason'], string> = {
  data_url: 'must be a data URL of a PNG or JPEG image: data:image/png;base64,… or data:image/jpeg;base64,…',
  base64: 'is not valid base64 after "base64,"',
  empty: 'has no image data',
  too_large: `is larger than ${LOGO_MAX_BYTES / 1000} kB (decoded); make the image smaller`,
  content: 'is not the image its data URL says (the bytes do not start like a PNG or JPEG file)',
  dimensions: `must be an image of at most ${LOGO_MAX_SIDE} × ${LOGO_MAX_SIDE} pixels whose size can be read`,
};

/** Passed every check here, yet the PDF renderer could not read it (a damaged file). */
export const logoUnreadableMessage =
  'could not be read as an image (the file may be damaged); save it again as PNG or JPEG';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

export function checkLogo(dataUrl: string): LogoCheck {
  const match = /^data:(image\/png|image\/jpeg);base64,(.*)$/s.exec(dataUrl);
  if (!match) return { ok: false, reason: 'data_url' };
  const type = match[1] as LogoType;
  const base64 = (match[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1)
    return { ok: false, reason: 'base64' };
  // Rough size first, so an oversized upload is not decoded at all.
  if (base64.length > Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4) return { ok: false, reason: 'too_large' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, reason: 'too_large' };
  const magic = type === 'image/png' ? PNG_MAGIC : JPEG_MAGIC;
  if (!bytes.subarray(0, magic.length).equals(magic)) return { ok: false, reason: 'content' };
  const size = type === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE)
    return { ok: false, reason: 'dimensions' };
  return { ok: true, type, bytes, ...size, dataUrl: `data:${type};base64,${bytes.toString('base64')}` };
}

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Width and height from the first start-of-frame segment (baseline, progressive, …). */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return null;
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    offset += 2 + length;
  }
  return null;
}
