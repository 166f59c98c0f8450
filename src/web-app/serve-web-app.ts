import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Paths the web app never answers: the API, health and metrics keep their own 404s. */
const NOT_THE_APP = /^\/(api|health|metrics)(\/|$)/i;

/** The web app's catch-all route (the metrics label it `unmatched`, as any unknown path). */
export const WEB_APP_ROUTE = '/*';

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

/** The file under `dir` a request path names, if it is a regular file (no dot-files, no way out). */
function fileFor(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || /(^|\/)\./.test(decoded)) return null;
  const file = path.join(dir, decoded);
  if (!file.startsWith(dir + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves the single-page app at / with history fallback: any GET for HTML (a browser's
 * navigation) that is not the API, health or metrics and is not a file gets index.html,
 * so deep links work. Hashed assets are cached for a year; index.html is revalidated
 * every time. Only GET and HEAD come here, and only for paths no route has: the API,
 * health and metrics never look at the disk.
 */
export async function serveWebApp(app: NestFastifyApplication, dir = webAppDir()): Promise<void> {
  const root = path.resolve(dir);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    index: false,
    setHeaders: (res, file) => {
      // the type Express gave scripts (@fastify/send says application/javascript)
      if (file.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  const index = path.join(root, 'index.html');
  app
    .getHttpAdapter()
    .getInstance()
    .get(WEB_APP_ROUTE, (req: FastifyRequest, reply: FastifyReply) => {
      const url = req.url;
      const q = url.indexOf('?');
      const urlPath = q < 0 ? url : url.slice(0, q);
      if (NOT_THE_APP.test(urlPath)) return reply.callNotFound();
      const file = fileFor(root, urlPath);
      if (file) return reply.sendFile(path.relative(root, file));
      // a missing asset is a 404, not the app's HTML under a script's name; and a script
      // that asks for anything but HTML (curl's */*) keeps getting 404 problem+json
      if (urlPath.startsWith('/assets/') || !(req.headers.accept ?? '').includes('text/html'))
        return reply.callNotFound();
      reply.header('Cache-Control', 'no-cache');
      if (!existsSync(index))
        return reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT);
      return reply.sendFile('index.html');
    });
}
