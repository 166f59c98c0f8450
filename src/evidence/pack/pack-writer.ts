import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';

/** What a file of the pack is made from: produced only when the zip reaches it. */
export type PackSource = () =>
  Readable | Buffer | string | Promise<Buffer | string> | AsyncIterable<Buffer | string>;

export interface PackedFile {
  path: string;
  sha256: string;
  size: number;
}

/** Counts and hashes what flows through, unchanged. */
class Hasher extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  digest = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done();
    this.push(chunk);
  }

  override _flush(done: () => void): void {
    this.digest = this.hash.digest('hex');
    done();
  }
}

function toStream(source: ReturnType<PackSource>): Readable {
  if (typeof source === 'string' || Buffer.isBuffer(source)) {
    return Readable.from([Buffer.isBuffer(source) ? source : Buffer.from(source, 'utf8')]);
  }
  if (source instanceof Readable) return source;
  if (source instanceof Promise) {
    return Readable.from(
      (async function* () {
        const value = await source;
        yield Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
      })(),
    );
  }
  return Readable.from(source);
}

/**
 * A zip written as it is read: each file is produced only when the previous one is
 * done, and the zip waits whenever the reader (the HTTP response) is full, so memory
 * stays bounded by one file's producer, whatever the size of the pack. Every file's
 * SHA-256 and size are taken on the way; files added with `addFinal` are produced after
 * all the others, from those digests (the manifest and its signature).
 */
export class PackWriter {
  private readonly zip = new ZipFile();
  private readonly done: PackedFile[] = [];
  readonly output = new PassThrough();

  constructor(private readonly mtime: Date) {
    this.zip.outputStream.on('error', (err) => this.output.destroy(err));
    this.zip.on('error', (err: Error) => this.output.destroy(err));
    this.zip.outputStream.pipe(this.output);
  }

  add(path: string, source: PackSource): void {
    this.zip.addReadStreamLazy(path, { mtime: this.mtime }, (cb) => {
      let input: Readable;
      try {
        input = toStream(source());
      } catch (err) {
        this.output.destroy(err as Error);
        return;
      }
      const hasher = new Hasher();
      input.on('error', (err) => this.output.destroy(err));
      hasher.on('end', () => this.done.push({ path, sha256: hasher.digest, size: hasher.size }));
      cb(null, input.pipe(hasher));
    });
  }

  /** A file produced from the digests of every file added before it with `add`. */
  addFinal(path: string, produce: (files: readonly PackedFile[]) => Buffer | string): void {
    this.zip.addReadStreamLazy(path, { mtime: this.mtime }, (cb) => {
      const content = produce([...this.done]);
      cb(null, toStream(content));
    });
  }

  end(): void {
    this.zip.end();
  }
}
