/**
 * What an uploaded file is, read from its first bytes (never from its name or the browser's claim),
 * and its pixel size when the header says so cheaply.
 */
export type ImageExt = "png" | "jpg" | "webp" | "gif";

export const IMAGE_MIME: Record<ImageExt | "svg", string> = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  // Only the seed writes SVGs (generated tiles); uploads never accept them.
  svg: "image/svg+xml",
};

export interface SniffedImage {
  ext: ImageExt;
  mime: string;
  width: number | null;
  height: number | null;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const ok = bytes.length >= 24 && ascii(bytes, 12, 4) === "IHDR";
    return { ext: "png", mime: IMAGE_MIME.png, width: ok ? view.getUint32(16) : null, height: ok ? view.getUint32(20) : null };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ext: "jpg", mime: IMAGE_MIME.jpg, ...jpegSize(bytes, view) };
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) {
    const ok = bytes.length >= 10;
    return { ext: "gif", mime: IMAGE_MIME.gif, width: ok ? view.getUint16(6, true) : null, height: ok ? view.getUint16(8, true) : null };
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return { ext: "webp", mime: IMAGE_MIME.webp, ...webpSize(bytes, view) };
  return null;
}

/** Walks JPEG segments to the first start-of-frame marker. */
function jpegSize(b: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return { width: null, height: null };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = view.getUint16(i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    i += 2 + len;
  }
  return { width: null, height: null };
}

function webpSize(b: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  const chunk = b.length >= 16 ? ascii(b, 12, 4) : "";
  if (chunk === "VP8X" && b.length >= 30) return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  if (chunk === "VP8 " && b.length >= 30) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === "VP8L" && b.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return { width: null, height: null };
}
