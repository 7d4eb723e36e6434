import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { lexer, type Token, type Tokens, walkTokens } from 'marked';
import { describe, expect, it } from 'vitest';

/** The project's Markdown pages: what a reader follows links through. */
const ROOT = process.cwd();
const PAGES = ['README.md', 'emulator/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** A scheme (https:, mailto:) or a protocol-relative URL: outside the repository, not checked here. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

function tokensOf(page: string): Token[] {
  return lexer(readFileSync(join(ROOT, page), 'utf8'));
}

/** What a heading reads as on GitHub: its inline text without Markdown (code spans, emphasis, link targets). */
function plainText(tokens: Token[]): string {
  return tokens.map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens) : 'text' in token ? token.text : '')).join('');
}

const anchorsByPage = new Map<string, Set<string>>();

/** The `#anchors` GitHub gives a page's headings (github-slugger: lower case, punctuation dropped, repeats numbered). */
function anchorsOf(page: string): Set<string> {
  const known = anchorsByPage.get(page);
  if (known) return known;
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  walkTokens(tokensOf(page), (token) => {
    if (token.type === 'heading') anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
  });
  anchorsByPage.set(page, anchors);
  return anchors;
}

/** Every link and image target of a page, code blocks and code spans excluded. */
function linksOf(page: string): string[] {
  const links: string[] = [];
  walkTokens(tokensOf(page), (token) => {
    if (token.type === 'link' || token.type === 'image') links.push((token as Tokens.Link | Tokens.Image).href);
  });
  return links;
}

/** Why a relative link of `page` does not resolve, or undefined when it does. */
function brokenReason(page: string, href: string): string | undefined {
  const [path = '', anchor] = href.split('#', 2);
  const target = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURIComponent(path));
  if (!existsSync(target)) return `no file ${relative(ROOT, target)}`;
  if (anchor === undefined) return undefined;
  if (!statSync(target).isFile() || !target.endsWith('.md')) return `#${anchor} on ${relative(ROOT, target)}, which is not a Markdown page`;
  return anchorsOf(relative(ROOT, target)).has(decodeURIComponent(anchor)) ? undefined : `no heading #${anchor} in ${relative(ROOT, target)}`;
}

describe('documentation links', () => {
  it.each(PAGES)('%s: every relative link and #anchor resolves to a file and a heading', (page) => {
    // Prepare
    const relativeLinks = linksOf(page).filter((href) => !EXTERNAL.test(href));
    // Act
    const broken = relativeLinks.flatMap((href) => {
      const reason = brokenReason(page, href);
      return reason === undefined ? [] : [`${href}: ${reason}`];
    });
    // Assess
    expect(broken).toEqual([]);
  });

  it('reads the links of every page, the README included (a parser that found none would pass everything)', () => {
    const counts = Object.fromEntries(PAGES.map((page) => [page, linksOf(page).filter((href) => !EXTERNAL.test(href)).length]));
    expect(counts['README.md']).toBeGreaterThan(0);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(PAGES.length);
  });
});
