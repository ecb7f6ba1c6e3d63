import { crc32 } from 'node:zlib';

/**
 * The log file is a run of records: u32 length, u32 CRC32 of the bytes, then the bytes of
 * one Yjs update (little-endian). The CRC tells a torn or damaged tail from a good record.
 */
export const RECORD_HEADER_BYTES = 8;

export function encodeRecord(update: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + update.byteLength);
  record.writeUInt32LE(update.byteLength, 0);
  record.writeUInt32LE(crc32(update), 4);
  record.set(update, RECORD_HEADER_BYTES);
  return record;
}

export type LogDamage = 'torn' | 'checksum' | 'empty-record';

export interface DecodedLog {
  updates: Uint8Array[];
  /** Bytes from the start of the file that hold whole, intact records. */
  goodBytes: number;
  /** Why reading stopped before the end of the file, if it did. */
  damage?: LogDamage;
}

/**
 * Reads records until the first one that is incomplete or fails its checksum. Nothing after
 * a bad record can be trusted (its length field may be garbage), so reading stops there.
 */
export function decodeRecords(bytes: Uint8Array): DecodedLog {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const updates: Uint8Array[] = [];
  let offset = 0;
  while (offset < view.length) {
    if (view.length - offset < RECORD_HEADER_BYTES) return { updates, goodBytes: offset, damage: 'torn' };
    const length = view.readUInt32LE(offset);
    const checksum = view.readUInt32LE(offset + 4);
    // A zero length would make a zero-filled tail (left by some crashes) read as valid records.
    if (length === 0) return { updates, goodBytes: offset, damage: 'empty-record' };
    const start = offset + RECORD_HEADER_BYTES;
    if (view.length - start < length) return { updates, goodBytes: offset, damage: 'torn' };
    const update = view.subarray(start, start + length);
    if (crc32(update) !== checksum) return { updates, goodBytes: offset, damage: 'checksum' };
    updates.push(update);
    offset = start + length;
  }
  return { updates, goodBytes: offset };
}
