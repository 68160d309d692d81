const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Sets every entry's modification time in a ZIP archive to `date` (midnight), in both the local
 * headers and the central directory. exceljs (through JSZip) stamps entries with the wall clock,
 * so without this the same workbook gives different bytes from one second to the next.
 */
export function pinZipTimestamps(zip: Buffer, isoDate: string): Buffer {
  const out = Buffer.from(zip);
  const [year, month, day] = isoDate.split('-').map(Number);
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const dosTime = 0;
  const eocd = findEndOfCentralDirectory(out);
  const entries = out.readUInt16LE(eocd + 10);
  let offset = out.readUInt32LE(eocd + 16);
  for (let entry = 0; entry < entries; entry += 1) {
    if (out.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error('not a ZIP archive: bad central directory entry');
    out.writeUInt16LE(dosTime, offset + 12);
    out.writeUInt16LE(dosDate, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error('not a ZIP archive: bad local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    offset += 46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('not a ZIP archive: no end of central directory');
}
