/**
 * A zip archive of a few files, deflated by Node's own zlib (native, and
 * several times faster cold than a JavaScript deflate): local headers, the
 * data, the central directory. No zip64 (a deck is far below 4 GB), no
 * encryption, no extra fields; every entry dated 1980-01-01 so the same
 * deck gives the same bytes.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
  method: number;
  offset: number;
}

/**
 * The fields the local and the central header share, in the same order:
 * flags, method, time, date, CRC, sizes and the name's length, from `at`.
 */
function writeFileFields(header: Buffer, entry: Entry, at: number): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(entry.method, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(entry.crc, at + 8);
  header.writeUInt32LE(entry.data.length, at + 12);
  header.writeUInt32LE(entry.size, at + 16);
  header.writeUInt16LE(entry.name.length, at + 20);
}

function localHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed
  writeFileFields(header, entry, 6);
  // Extra field: none.
  return header;
}

function centralHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // made by
  header.writeUInt16LE(20, 6); // version needed
  writeFileFields(header, entry, 8);
  // Extra field, comment, disk number, internal and external attributes: none.
  header.writeUInt32LE(entry.offset, 42);
  return header;
}

/** The files, in the order given, as a zip archive. */
export function zipFiles(files: Iterable<[string, string | Uint8Array]>): Uint8Array {
  const entries: Entry[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [path, content] of files) {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const deflated = deflateRawSync(raw, { level: constants.Z_DEFAULT_COMPRESSION });
    const stored = deflated.length >= raw.length;
    const entry: Entry = {
      name: Buffer.from(path, 'utf8'),
      crc: crc32(raw) >>> 0,
      size: raw.length,
      data: stored ? raw : deflated,
      method: stored ? 0 : 8,
      offset,
    };
    const header = localHeader(entry);
    chunks.push(header, entry.name, entry.data);
    offset += header.length + entry.name.length + entry.data.length;
    entries.push(entry);
  }
  const directoryStart = offset;
  for (const entry of entries) {
    const header = centralHeader(entry);
    chunks.push(header, entry.name);
    offset += header.length + entry.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  chunks.push(end);
  return new Uint8Array(Buffer.concat(chunks));
}
