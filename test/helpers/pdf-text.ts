import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Prints the text of the PDF on stdin, page by page (each page ends with a form feed).
 * Run in a child process: pdfjs-dist ships ES modules only, which jest's CommonJS
 * runtime cannot import.
 */
const SCRIPT = (pdfjs: string) => `
  const { getDocument } = await import(${JSON.stringify(pdfjs)});
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
  let out = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    out += content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join('');
    out += '\\n\\f';
  }
  process.stdout.write(out);
`;

/** The text of a PDF, one string per page, extracted with pdfjs-dist (Mozilla's PDF.js). */
export function pdfText(pdf: Buffer): Promise<string[]> {
  const pdfjs = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT(pdfjs)], {
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
