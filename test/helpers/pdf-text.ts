import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, one string per page, extracted with pdfjs-dist (Mozilla's PDF.js). */
export function pdfText(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pdf-text: ${Buffer.concat(err).toString()}`));
      else resolve(Buffer.concat(out).toString('utf8').split('\n\f').slice(0, -1));
    });
    child.stdin.end(pdf);
  });
}
