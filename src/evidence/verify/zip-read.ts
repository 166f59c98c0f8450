import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/**
 * Calls `onEntry` with each file of a zip, one at a time, as a stream (its CRC is
 * checked as it is read). Resolves when every entry has been read.
 */
export async function readZip(
  source: string | Buffer,
  onEntry: (name: string, content: Readable) => Promise<void>,
): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z?: yauzl.ZipFile) =>
      err || !z ? reject(err ?? new Error('unreadable zip')) : resolve(z);
    const opts = { lazyEntries: true, validateEntrySizes: true };
    if (typeof source === 'string') yauzl.open(source, opts, done);
    else yauzl.fromBuffer(source, opts, done);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('unreadable entry'));
          onEntry(entry.fileName, stream).then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
