import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';
import { readZip } from '../../src/evidence/verify/zip-read';

/** Every file of a zip, in order. */
export async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  await readZip(zip, async (name, content) => {
    files.set(name, await buffer(content));
  });
  return files;
}

/** A zip of these files, in this order (what someone who edits a pack would produce). */
export async function zip(files: Map<string, Buffer>): Promise<Buffer> {
  const z = new ZipFile();
  for (const [name, content] of files) z.addBuffer(content, name);
  z.end();
  return buffer(z.outputStream);
}

/** A copy of the zip with `name` changed by `edit`. */
export async function tamper(
  pack: Buffer,
  name: string,
  edit: (b: Buffer) => Buffer,
): Promise<Buffer> {
  const files = await unzip(pack);
  const content = files.get(name);
  if (!content) throw new Error(`no ${name} in the pack`);
  files.set(name, edit(Buffer.from(content)));
  return zip(files);
}

/** Flips one bit of the byte at `at` (default: the middle). */
export const flipByte = (at?: number) => (b: Buffer) => {
  const i = at ?? Math.floor(b.length / 2);
  b[i] ^= 0x01;
  return b;
};
