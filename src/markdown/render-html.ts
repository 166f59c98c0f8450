import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { headingIds } from './heading-ids';
import { isSafeHref, isSafeImageSrc } from './markdown-urls';

/** The one markdown-it configuration: render and headings() must agree on ids. */
export function createParser(): MarkdownIt.MarkdownIt {
  // html: false — raw HTML in a body is shown as text, never passed through.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const validateLink = md.validateLink.bind(md);
  // Applies to links, autolinks and linkified text alike; a refused link stays plain text.
  md.validateLink = (url) => validateLink(url) && isSafeHref(url);

  // Images must be absolute http(s); anything else is shown as its alt text.
  const image = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const src = String(tokens[idx].attrGet('src') ?? '');
    if (isSafeImageSrc(src)) return image(tokens, idx, options, env, self);
    return md.utils.escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env));
  };

  md.use(headingIds);
  return md;
}

// prettier-ignore
const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br',
];

/**
 * The second line of defence: whatever markdown-it produced, only these elements
 * and attributes reach a browser. No style, no event handlers, no svg/math/iframe/form.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
  },
  // Fenced code keeps its language for client-side highlighting; nothing else gets a class.
  allowedClasses: { code: [/^language-[A-Za-z0-9_+#-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
    // markdown-it renders ~~strike~~ as <s>; the allow-list speaks of <del>.
    s: 'del',
  },
  disallowedTagsMode: 'discard',
};

const parser = createParser();

/** Markdown to a sanitised HTML fragment; pure and synchronous (run it in a worker when large). */
export function renderHtml(body: string): string {
  return sanitizeHtml(parser.render(body, {}), SANITIZE);
}
