import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentRoot, GuideContentError, loadGuide } from './guide.content.ts';
import { parseMarkdown } from './guide.markdown.ts';

// The guide's content is checked when Lupp starts: a bad file stops it with a message naming the file.

let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of the shipped content to break. */
function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lupp-guide-'));
  cpSync(contentRoot, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

function edit(dir: string, file: string, change: (source: string) => string) {
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

function problems(dir: string): string[] {
  try {
    loadGuide(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(GuideContentError);
    return (error as GuideContentError).problems;
  }
  throw new Error('the content was accepted');
}

describe('the guide content', () => {
  it('loads the shipped content', () => {
    const guide = loadGuide();
    expect(guide.pages.sv.map((p) => p.id)).toEqual(guide.pages.en.map((p) => p.id));
    expect(guide.templates.sv).toHaveLength(14);
  });

  it('names the file and the field of bad front matter', () => {
    const dir = copy();
    edit(dir, 'sv/vat.md', (s) => s.replace('part: rules', 'part: rulez').replace('order: 4', 'order: four'));
    edit(dir, 'en/vat.md', (s) => s.replace('updated: 2026-11-29', 'updated: 2026-12-01'));
    const found = problems(dir);
    expect(found).toContainEqual(expect.stringMatching(/sv[/\\]vat\.md: front matter part: /));
    expect(found).toContainEqual(expect.stringMatching(/sv[/\\]vat\.md: front matter order: /));
    expect(found).toContainEqual(
      expect.stringMatching(/en[/\\]vat\.md: updated \(2026-12-01\) must be the date of the newest change/),
    );
  });

  it('requires both languages, existing templates and links that resolve', () => {
    const dir = copy();
    unlinkSync(path.join(dir, 'en', 'glossary.md'));
    edit(dir, 'sv/stage-design.md', (s) => s.replace('  - syllabus', '  - no-such-template'));
    edit(dir, 'en/stage-design.md', (s) => s.replace('  - syllabus', '  - no-such-template'));
    edit(dir, 'sv/full-cost.md', (s) => s.replace('(vat.md)', '(vat.md#no-such-heading)'));
    edit(dir, 'en/full-cost.md', (s) => s.replace('(vat.md)', '(no-such-page.md)'));
    const found = problems(dir);
    expect(found).toContainEqual(
      expect.stringMatching(/sv[/\\]glossary\.md: the page "glossary" has no en version/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/sv[/\\]stage-design\.md: template "no-such-template" does not exist/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/sv[/\\]full-cost\.md: link to "vat\.md#no-such-heading"/),
    );
    expect(found).toContainEqual(expect.stringMatching(/en[/\\]full-cost\.md: link to "no-such-page\.md"/));
  });

  it('requires the decision points of a stage from the checklist, not by hand', () => {
    const dir = copy();
    edit(dir, 'sv/stage-design.md', (s) => s.replace('{{decision-points}}', '1. **Lärandemål formulerade**'));
    edit(dir, 'en/stage-design.md', (s) => s.replace('{{decision-points}}', '{{decision-points pie}}'));
    const found = problems(dir);
    expect(found).toContainEqual(
      expect.stringMatching(/sv[/\\]stage-design\.md: a stage page must show its decision points/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/en[/\\]stage-design\.md: \{\{decision-points pie\}\}: unknown variant/),
    );
  });

  it('renders without raw HTML, with heading anchors, tick boxes and blanks', () => {
    const parsed = parseMarkdown(
      '# Title\n\n## Lärandemål först\n\n<script>alert(1)</script>\n\n[ ] Klar: ________\n\n[Moms](vat.md#regler)',
      'sv',
    );
    expect(parsed.title).toBe('Title');
    expect(parsed.html).toContain('<h2 id="larandemal-forst">Lärandemål först</h2>');
    expect(parsed.html).toContain('&lt;script&gt;');
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).toContain(
      '<span class="checkbox" role="img" aria-label="ruta att kryssa i">☐</span>',
    );
    expect(parsed.html).toContain('<span class="blank" role="img" aria-label="fält att fylla i"></span>');
    expect(parsed.html).toContain('<a href="/guide/vat#regler">Moms</a>');
    expect(parsed.links).toEqual([{ id: 'vat', anchor: 'regler' }]);
    expect(parseMarkdown('[x](javascript:alert(1))', 'en').html).not.toContain('href');
    expect(() => parseMarkdown('[x](other.html)', 'en')).toThrow(/link "other.html"/);
  });
});
