// JSON deflated for the SQLite store (records, the index's passages), written as UTF-16: the text
// is mostly Chinese, 2 bytes a character in UTF-16 against 3 in UTF-8, so it deflates ~10% smaller
// and reads back 3–4× faster (decoding UTF-8 was most of reading a report's passages: ≈100 µs a
// report, 20–30 ms for a search scanning 200 reports). Blobs written as UTF-8 before read as they
// are: a JSON text starts with an ASCII character, whose second byte in UTF-16LE is 0.
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** Deflate level: 1 is the fast one (~0.5 ms a report). */
const LEVEL = 1;

export function packJson(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value), "utf16le"), { level: LEVEL });
}

export function unpackJson<T>(blob: Uint8Array): T {
  const bytes = inflateRawSync(blob);
  return JSON.parse(bytes.length > 1 && bytes[1] === 0 ? bytes.toString("utf16le") : bytes.toString("utf8")) as T;
}

/**
 * Packed bytes as a Buffer, without a copy: what a worker sent arrives as a Uint8Array, which the
 * database clients do not all take as bytes (pg would send it as JSON).
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
