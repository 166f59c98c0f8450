import { createHash } from 'node:crypto';
import { INLINE_RENDER_MAX_CHARS, MarkdownService } from './markdown.service';
import { renderHtml } from './render-html';

const markdown = new MarkdownService();

/** Markdown an author (or an attacker with author rights) might save as a body. */
const XSS_VECTORS: [string, string][] = [
  ['script element', '<script>alert(1)</script>'],
  ['script in a paragraph', 'Hello <script src="https://evil.example/x.js"></script> world'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['raw HTML block', '<div>\n<img src=x onerror="alert(1)">\n</div>'],
  ['raw anchor', '<a href="javascript:alert(1)">click</a>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg use data', '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>'],
  ['MathML href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['style element', '<style>body{background:url(javascript:alert(1))}</style>'],
  ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['object', '<object data="javascript:alert(1)"></object>'],
  ['form', '<form action="javascript:alert(1)"><input type=submit></form>'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['javascript link', '[a](javascript:alert(1))'],
  ['mixed-case javascript', '[a](JaVaScRiPt:alert(1))'],
  ['leading spaces', '[a](   javascript:alert(1)   )'],
  ['vbscript link', '[a](vbscript:msgbox(1))'],
  ['data: HTML link', '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['file: link', '[a](file:///etc/passwd)'],
  ['decimal entity', '[a](&#106;avascript:alert(1))'],
  ['hex entity', '[a](&#x6A;avascript:alert(1))'],
  ['entity colon', '[a](javascript&colon;alert(1))'],
  ['entity tab', '[a](java&#09;script:alert(1))'],
  ['entity newline', '[a](jav&#x0A;ascript:alert(1))'],
  ['entities without semicolons', '[a](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))'], // prettier-ignore
  ['literal tab in <destination>', '[a](<java\tscript:alert(1)>)'],
  ['percent-encoded scheme', '[a](%6Aavascript:alert(1))'],
  ['percent-encoded tab', '[a](java%09script:alert(1))'],
  ['percent-encoded colon', '[a](javascript%3Aalert(1))'],
  ['double percent-encoding', '[a](javascript%253Aalert(1))'],
  ['NUL inside scheme', '[a](java\u0000script:alert(1))'],
  ['zero-width space inside scheme', '[a](java\u200bscript:alert(1))'],
  ['backslash prefix', '[a](\\javascript:alert(1))'],
  ['javascript with slashes', '[a](javascript://%0Aalert(1))'],
  ['autolink', '<javascript:alert(1)>'],
  ['upper-case autolink', '<JAVASCRIPT:alert(1)>'],
  ['vbscript autolink', '<vbscript:msgbox(1)>'],
  ['data autolink', '<data:text/html,<script>alert(1)</script>>'],
  ['autolink with quotes', '<https://ok.example/"onmouseover="alert(1)>'],
  ['bare javascript: text', 'see javascript:alert(1) and vbscript:x'],
  ['reference link', '[a][x]\n\n[x]: javascript:alert(1)'],
  ['reference link, entity-encoded', '[a][x]\n\n[x]: &#x6A;avascript&#x3A;alert(1)'],
  [
    'reference title with quotes',
    '[a][x]\n\n[x]: https://ok.example "t\\" onmouseover=\\"alert(1)"',
  ],
  ['inline title with quotes', '[a](https://ok.example "title\\" onclick=\\"alert(1)")'],
  ['single-quoted title', "[a](https://ok.example 't\\' onfocus=alert(1) autofocus x=\\'')"],
  ['quotes in the URL', '[a](https://ok.example/"><script>alert(1)</script>)'],
  ['image javascript src', '![i](javascript:alert(1))'],
  ['image data: svg', '![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['image data: png', '![i](data:image/png;base64,iVBORw0KGgo=)'],
  ['image relative src', '![i](x.png)'],
  ['image src with quotes', '![i](https://ok.example/x.png" onerror="alert(1))'],
  ['image alt with HTML', '![<img src=x onerror=alert(1)>](https://ok.example/x.png)'],
  ['link text with HTML', '[<img src=x onerror=alert(1)>](https://ok.example)'],
  ['heading with HTML', '# Title <script>alert(1)</script>\n\n## <img src=x onerror=alert(1)>'],
  ['fence info string', '```js" onclick="alert(1)\n<script>alert(1)</script>\n```'],
  ['inline code', '`<script>alert(1)</script>`'],
  ['table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> [x](javascript:alert(1)) |'],
  ['nested in a blockquote', '> [a](javascript:alert(1))\n> <script>alert(1)</script>'],
];

const ALLOWED_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br']); // prettier-ignore

/** Decodes what a browser decodes in an attribute value, then drops what it ignores in a scheme. */
function asBrowserSeesIt(value: string): string {
  return (
    value
      .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      // eslint-disable-next-line no-control-regex -- browsers drop these inside a scheme
      .replace(/[\u0000-\u0020]/g, '')
      .toLowerCase()
  );
}

/**
 * Checks real elements only: in the output a "<" that starts text is escaped, and
 * inside a double-quoted attribute value a '"' is, so escaped source such as
 * `&lt;img onerror=…&gt;` or `title="… onclick=…"` is not mistaken for markup.
 */
function expectSafe(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(
    /<\/?(svg|math|iframe|style|object|embed|form|input|details|noscript)\b/i,
  );
  const tags = [...html.matchAll(/<(\/?)([a-z][a-z0-9]*)([^>]*)>/gi)];
  // Everything between tags is text, so no stray "<" survives unescaped.
  expect(html.replace(/<(\/?)([a-z][a-z0-9]*)([^>]*)>/gi, '')).not.toContain('<');
  for (const [tag, , name, rest] of tags) {
    expect(ALLOWED_TAGS.has(name.toLowerCase())).toBe(true);
    const attrs = [...rest.matchAll(/\s+([^\s="'/>]+)(?:="([^"]*)")?/g)];
    expect(attrs.map((a) => a[0]).join('') + (rest.endsWith(' /') ? ' /' : '')).toBe(rest);
    for (const [, attr, value = ''] of attrs) {
      expect(`${attr} in ${tag}`).not.toMatch(/^(on|style|srcdoc|formaction|xlink)/i);
      if (attr === 'href' || attr === 'src') {
        const url = asBrowserSeesIt(value);
        expect(url).not.toMatch(/(javascript|vbscript|data|file):/);
        if (attr === 'src') expect(url).toMatch(/^https?:\/\//);
      }
    }
  }
}

describe('MarkdownService.render: hostile input', () => {
  it('has a corpus of at least 30 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(XSS_VECTORS)('%s', async (_, body) => {
    expectSafe(await markdown.render(body));
    // And the same vector embedded in an ordinary document.
    expectSafe(
      await markdown.render(`# Purpose\n\nText before.\n\n${body}\n\nText after [ok](#purpose).\n`),
    );
  });

  it.each([
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<img src="x.png" />',
    '<img src="https://ok.example/x.png" onerror="alert(1)" />',
    '<p style="color:red">x</p>',
    '<svg></svg>',
    '<span>x</span>',
    '<p title=x onclick=alert(1)>x</p>',
  ])('the check itself rejects %s', (html) => {
    expect(() => expectSafe(html)).toThrow();
  });

  it('shows raw HTML as text instead of dropping it', async () => {
    expect(await markdown.render('<script>alert(1)</script>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
  });

  it('leaves a refused link as plain text', async () => {
    expect(await markdown.render('[a](javascript:alert(1))')).toBe(
      '<p>[a](javascript:alert(1))</p>\n',
    );
    expect(await markdown.render('<javascript:alert(1)>')).toBe(
      '<p>&lt;javascript:alert(1)&gt;</p>\n',
    );
  });

  it('keeps quotes in titles inside the attribute', async () => {
    expect(await markdown.render('[a](https://ok.example "t\\" onclick=\\"x")')).toBe(
      '<p><a href="https://ok.example" title="t&quot; onclick=&quot;x" rel="noopener noreferrer nofollow">a</a></p>\n',
    );
  });
});

describe('MarkdownService.render: ordinary documents', () => {
  it('gives headings stable, unique, ASCII ids', async () => {
    expect(
      await markdown.render(
        '# Purpose\n\n## Scope & Limits\n\n## Scope & Limits\n\n### Übersicht\n\n#### 日本\n',
      ),
    ).toBe(
      '<h1 id="purpose">Purpose</h1>\n' +
        '<h2 id="scope-limits">Scope &amp; Limits</h2>\n' +
        '<h2 id="scope-limits-1">Scope &amp; Limits</h2>\n' +
        '<h3 id="ubersicht">Übersicht</h3>\n' +
        '<h4 id="section">日本</h4>\n',
    );
  });

  it('renders tables', async () => {
    expect(await markdown.render('| Step | Owner |\n|:-----|------:|\n| 1 | QA |\n')).toBe(
      '<table>\n<thead>\n<tr>\n<th>Step</th>\n<th>Owner</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>1</td>\n<td>QA</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('keeps http, https, mailto, relative and anchor links, with rel', async () => {
    const rel = 'rel="noopener noreferrer nofollow"';
    expect(
      await markdown.render(
        '[a](https://iso.example/9001) [b](http://x.example) [c](mailto:qa@example.com) ' +
          '[d](../SOP-002) [e](#scope) <https://auto.example> see https://bare.example/x',
      ),
    ).toBe(
      `<p><a href="https://iso.example/9001" ${rel}>a</a> <a href="http://x.example" ${rel}>b</a> ` +
        `<a href="mailto:qa@example.com" ${rel}>c</a> <a href="../SOP-002" ${rel}>d</a> ` +
        `<a href="#scope" ${rel}>e</a> <a href="https://auto.example" ${rel}>https://auto.example</a> ` +
        `see <a href="https://bare.example/x" ${rel}>https://bare.example/x</a></p>\n`,
    );
  });

  it('keeps the text of code blocks and inline code', async () => {
    expect(
      await markdown.render('```ts\nif (a < b && c) {}\n```\n\n    indented <b>\n\n`x > 1`'),
    ).toBe(
      '<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) {}\n</code></pre>\n' +
        '<pre><code>indented &lt;b&gt;\n</code></pre>\n' +
        '<p><code>x &gt; 1</code></p>\n',
    );
  });

  it('renders emphasis, strike-through, lists, quotes, rules, breaks and http images', async () => {
    expect(
      await markdown.render(
        '*a* **b** ~~c~~\n\n3. x\n4. y\n\n- z\n\n> q\n\n---\n\nline  \nbreak\n\n' +
          '![flow](https://img.example/f.png "Flow") ![local](img/f.png)',
      ),
    ).toBe(
      '<p><em>a</em> <strong>b</strong> <del>c</del></p>\n' +
        '<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>\n<ul>\n<li>z</li>\n</ul>\n' +
        '<blockquote>\n<p>q</p>\n</blockquote>\n<hr />\n<p>line<br />\nbreak</p>\n' +
        '<p><img src="https://img.example/f.png" alt="flow" title="Flow" /> local</p>\n',
    );
  });

  it('answers a body it has rendered from the cache', async () => {
    const service = new MarkdownService();
    const body = '# Cached\n\nOnce.\n';
    const first = await service.render(body);
    expect(first).toBe('<h1 id="cached">Cached</h1>\n<p>Once.</p>\n');
    const key = createHash('sha256').update(body).digest('hex');
    service['cache'].set(key, Buffer.from('from the cache'));
    expect(await service.render(body)).toBe('from the cache');
    expect(await service.render(`${body}\nTwice.\n`)).toBe(`${first}<p>Twice.</p>\n`);
  });

  it('renders large bodies in a worker thread, with the same HTML, while the event loop runs on', async () => {
    const service = new MarkdownService();
    try {
      const section = (i: number) =>
        `## Step\n\nSee [the form](https://forms.example/${i}) and <b>this</b>.\n\n- a\n- b\n\n`;
      const body = Array.from({ length: 400 }, (_, i) => section(i)).join('');
      expect(body.length).toBeGreaterThan(INLINE_RENDER_MAX_CHARS);
      const order: string[] = [];
      const rendering = service.render(body).then((html) => (order.push('rendered'), html));
      await new Promise((r) => setImmediate(r));
      order.push('event loop turned');
      const html = await rendering;
      expect(order).toEqual(['event loop turned', 'rendered']);
      expect(html).toBe(renderHtml(body));
      expect(html).toContain('<h2 id="step-399">Step</h2>');
      expect(html).toContain('&lt;b&gt;this&lt;/b&gt;');
    } finally {
      await service.onModuleDestroy();
    }
  });
});

describe('MarkdownService.headings', () => {
  it('lists level, text and the ids render gives, ignoring code blocks', async () => {
    const body =
      '# 1. Purpose\n\n## Scope\n\n```\n## Not a heading\n```\n\n## Scope\n\n' +
      'Responsibilities\n----------------\n\n### The `pH` **meter**\n';
    expect(markdown.headings(body)).toEqual([
      { level: 1, text: '1. Purpose', id: '1-purpose' },
      { level: 2, text: 'Scope', id: 'scope' },
      { level: 2, text: 'Scope', id: 'scope-1' },
      { level: 2, text: 'Responsibilities', id: 'responsibilities' },
      { level: 3, text: 'The pH meter', id: 'the-ph-meter' },
    ]);
    const ids = [...(await markdown.render(body)).matchAll(/<h\d id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(markdown.headings(body).map((h) => h.id));
  });

  it('starts the duplicate count afresh for every body', () => {
    expect(markdown.headings('# A\n# A')).toEqual(markdown.headings('# A\n# A'));
  });
});
