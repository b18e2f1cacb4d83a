import { deflateSync } from 'node:zlib';

/** CRC-32 of a PNG chunk (type and data), as the format asks. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgb = readonly [number, number, number];

/** A solid shape drawn over the background, in fractions of the picture (0–1): a machine's body, a panel. */
export interface PngBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  colour: Rgb;
}

/**
 * A small PNG standing for a photo in the demo (the file store checks the magic bytes; the public
 * pages show it): a 320×180 gradient from `from` to `to`, left to right, so photos look apart, with
 * `boxes` drawn over it in order (an equipment photo's machine on its bench).
 */
export function demoPng(from: Rgb, to: Rgb, boxes: readonly PngBox[] = []): Buffer {
  const width = 320;
  const height = 180;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const background = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) for (let i = 0; i < 3; i += 1) background[1 + x * 3 + i] = Math.round(from[i]! + ((to[i]! - from[i]!) * x) / (width - 1));
  const rows = Array.from({ length: height }, (_, y) => {
    const inside = boxes.filter((b) => y >= b.top * height && y < b.bottom * height);
    if (!inside.length) return background;
    const row = Buffer.from(background);
    for (const b of inside) for (let x = Math.round(b.left * width); x < Math.round(b.right * width); x += 1) row.set(b.colour, 1 + x * 3);
    return row;
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
