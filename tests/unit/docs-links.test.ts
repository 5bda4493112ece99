/**
 * Every relative link of the README and docs/*.md leads somewhere: the file (or folder) exists, and an anchor to a
 * Markdown file names one of its headings, as GitHub makes heading ids. Links to other sites are not followed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs')).flatMap((name) => (name.endsWith('.md') ? [`docs/${name}`] : [])),
];

/** The text without fenced code blocks and inline code spans, where a bracket or a # is not Markdown. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading id (github-slugger): the rendered text lower-cased, punctuation dropped, spaces as hyphens. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/(\*\*|__|\*|\b_)(.+?)\1/g, '$2') // emphasis
    .replace(/`/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The ids of a Markdown file's headings, duplicates numbered as GitHub numbers them (`-1`, `-2`…). */
function headingIds(file: string): Set<string> {
  const markdown = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = githubSlug(match[1] ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

/** Every link target of a page: Markdown links and images, and src/href of inline HTML. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  return [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? ''),
    ...[...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? ''),
  ];
}

/** What is wrong with one link of `page`, or null when it resolves. */
function problemOf(page: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto:…: another site
  const [pathPart = '', anchor] = target.split('#', 2);
  const file =
    pathPart === '' ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), decodeURI(pathPart));
  if (path.relative(ROOT, file).startsWith('..')) return `${target}: outside the repository`;
  if (!existsSync(file)) return `${target}: no such file`;
  if (anchor === undefined || anchor === '' || !file.endsWith('.md') || statSync(file).isDirectory()) return null;
  return headingIds(file).has(decodeURIComponent(anchor)) ? null : `${target}: no heading with that id`;
}

describe('links in the README and docs/', () => {
  it('makes heading ids as GitHub does', () => {
    expect(githubSlug('Agreement status and `partners(via:)`')).toBe('agreement-status-and-partnersvia');
    expect(githubSlug('What the two Crónica articles added')).toBe('what-the-two-crónica-articles-added');
    expect(githubSlug('Network metrics: who matters in this network')).toBe(
      'network-metrics-who-matters-in-this-network',
    );
    expect(githubSlug('The dataset format (`iecm-graph/1`)')).toBe('the-dataset-format-iecm-graph1');
    expect(githubSlug('Installing: npm and dependency install scripts')).toBe(
      'installing-npm-and-dependency-install-scripts',
    );
  });

  it('finds the links it checks', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(linkTargets(readme)).toEqual(expect.arrayContaining(['docs/api.md', 'docs/configuration.md']));
    expect(linkTargets('[a](b.md#c) `[not](a-link)`\n```\n[nor](this)\n```\n<img src="d.png">')).toEqual([
      'b.md#c',
      'd.png',
    ]);
  });

  it.each(PAGES)('%s: every relative link and anchor resolves', (page) => {
    const markdown = readFileSync(path.join(ROOT, page), 'utf8');
    const problems = linkTargets(markdown).flatMap((target) => problemOf(page, target) ?? []);
    expect(problems).toEqual([]);
  });

  it('reports a missing file and a missing anchor', () => {
    expect(problemOf('README.md', 'docs/no-such-page.md')).toMatch(/no such file/);
    expect(problemOf('README.md', 'docs/api.md#no-such-heading')).toMatch(/no heading/);
    expect(problemOf('docs/api.md', '../README.md#the-manual')).toBeNull();
  });
});
