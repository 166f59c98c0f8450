import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * DejaVu Sans and Sans Mono (the `dejavu-fonts-ttf` package), embedded — subset to the
 * glyphs used — in every PDF: PDF's standard 14 fonts are not embedded and cover Latin-1
 * only, DejaVu covers most European scripts and keeps the text extractable (ToUnicode).
 */
export const FONT = {
  regular: 'Sans',
  bold: 'Sans-Bold',
  italic: 'Sans-Oblique',
  boldItalic: 'Sans-BoldOblique',
  mono: 'Mono',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES: Record<FontName, string> = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  'Sans-Oblique': 'DejaVuSans-Oblique.ttf',
  'Sans-BoldOblique': 'DejaVuSans-BoldOblique.ttf',
  Mono: 'DejaVuSansMono.ttf',
};

let loaded: Map<FontName, Buffer> | null = null;

/** The font files, read once per process. */
export function fontBuffers(): Map<FontName, Buffer> {
  if (!loaded) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    loaded = new Map(
      (Object.keys(FILES) as FontName[]).map((name) => [
        name,
        readFileSync(join(dir, FILES[name])),
      ]),
    );
  }
  return loaded;
}

export function fontFor(bold: boolean, italic: boolean): FontName {
  if (bold && italic) return FONT.boldItalic;
  if (bold) return FONT.bold;
  return italic ? FONT.italic : FONT.regular;
}
