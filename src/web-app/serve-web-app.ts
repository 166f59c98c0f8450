import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths the web app never answers: the API, health and metrics keep their own 404s. */
const NOT_THE_APP = /^\/(api|health|metrics)(\/|$)/;

/** The folder `npm run build` writes the web app to (dist/web), found from here or from dist/src. */
export function webAppDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'web');
    dir = path.dirname(dir);
  }
  return path.resolve('dist', 'web');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Praxis</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>npm run build</code> (npm start does it for you), then reload this page.
The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/**
 * Serves the single-page app at / with history fallback: any GET for HTML (a browser's
 * navigation) that is not the API, health or metrics and is not a file gets index.html,
 * so deep links work. Hashed
 * assets are cached for a year; index.html is revalidated every time.
 */
export function serveWebApp(app: NestExpressApplication, dir = webAppDir()): void {
  const index = path.join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, file) => {
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  // The API, health and metrics never look at the disk (a stat per API request otherwise).
  app.use((req: Request, res: Response, next: NextFunction) =>
    NOT_THE_APP.test(req.path) ? next() : files(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path))
      return next();
    // a missing asset is a 404, not the app's HTML under a script's name; and a script
    // that asks for anything but HTML (curl's */*) keeps getting 404 problem+json
    if (req.path.startsWith('/assets/') || !(req.headers.accept ?? '').includes('text/html'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return res.status(200).type('html').send(NOT_BUILT);
    res.sendFile(index);
  });
}
