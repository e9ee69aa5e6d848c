import { createHash } from 'node:crypto';
import type { Guide, GuideChange, GuidePage, GuidePagePart, GuideTemplate } from './guide.content.ts';
import { escapeHtml as esc } from './guide.markdown.ts';
import { createGuideSearch, type GuideSearch } from './guide.search.ts';
import {
  formatDate,
  type GuideLanguage,
  guideLanguages,
  guideParts,
  guidePaths,
  guideText,
  otherLanguage,
} from './guide.text.ts';

/**
 * The guide as complete HTML documents: no JavaScript at all, one small stylesheet, everything escaped.
 * The same site is made for the shared guide and for an HEI's version of it (`guide.hei`): then every
 * address is under the HEI's (`guide.paths`), its own pages are a part of their own, and an adapted page
 * says so and links to the shared one. A page is rendered the first time it is asked for and kept with its
 * ETag (the shared site renders all of them when the app starts); search results are rendered per request.
 */

export type HtmlDoc = { html: string; etag: string; lang: GuideLanguage };

export const etagOf = (body: string | Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

type Crumb = { label: string; href?: string };

type LayoutOptions = {
  lang: GuideLanguage;
  title: string;
  description: string;
  /** The address of this page, or null for pages search engines should not index (search, not found). */
  path: string | null;
  /** The same page in the other language. */
  alternate: string;
  breadcrumbs: Crumb[];
  main: string;
  currentPageId?: string;
  headerSearch?: boolean;
  /** Whether the page exists in the other language (an HEI's own page may not): else no hreflang links. */
  hasAlternate?: boolean;
  /** Where search engines should find this content (the shared page when an HEI's version has not changed it). */
  canonical?: string;
};

/** A site's documents by id, rendered the first time each is asked for. */
export type DocMap = { get(id: string): HtmlDoc | undefined };

export type GuideSite = {
  cssPath: string;
  home: Record<GuideLanguage, HtmlDoc>;
  pages: Record<GuideLanguage, DocMap>;
  templatesIndex: Record<GuideLanguage, HtmlDoc>;
  templatePages: Record<GuideLanguage, DocMap>;
  changes: Record<GuideLanguage, HtmlDoc>;
  notFound: Record<GuideLanguage, HtmlDoc>;
  search(lang: GuideLanguage, query: string): HtmlDoc;
};

/** The order of the parts: the guide's, then the HEI's own pages. */
const allParts: readonly GuidePagePart[] = [...guideParts, 'own'];

export function createGuideSite(
  guide: Guide,
  options: { publicUrl: string; cssPath: string; eager?: boolean },
): GuideSite {
  const paths = guide.paths;
  const hei = guide.hei;
  const absolute = (path: string) => options.publicUrl + path;
  const doc = (lang: GuideLanguage, html: string): HtmlDoc => ({ html, etag: etagOf(html), lang });
  const partName = (lang: GuideLanguage, part: GuidePagePart) =>
    part === 'own' ? guideText[lang].ownPart(hei?.name ?? '') : guideText[lang].parts[part];
  const guideName = (lang: GuideLanguage) =>
    hei ? `${guideText[lang].guideName} – ${hei.name}` : guideText[lang].guideName;

  const searches: Partial<Record<GuideLanguage, GuideSearch>> = {};
  /** The search index of a language, built on the first search (the guide is a few dozen pages). */
  const searchIn = (lang: GuideLanguage) => {
    searches[lang] ??= createGuideSearch(lang, guide.pages[lang]);
    return searches[lang];
  };

  const nav = (lang: GuideLanguage, currentPageId?: string) => {
    const t = guideText[lang];
    const parts = allParts
      .map((part) => {
        const pages = guide.pages[lang].filter((p) => p.part === part);
        if (pages.length === 0) return '';
        const items = pages
          .map(
            (p) =>
              `<li><a href="${paths.page(lang, p.id)}"${p.id === currentPageId ? ' aria-current="page"' : ''}>${esc(p.title)}</a></li>`,
          )
          .join('');
        return `<li class="part"><span class="part-name" id="nav-${part}">${esc(partName(lang, part))}</span><ul aria-labelledby="nav-${part}">${items}</ul></li>`;
      })
      .join('');
    const templates = `<li><a href="${paths.templates(lang)}"${currentPageId === '#templates' ? ' aria-current="page"' : ''}>${esc(t.templatesTitle)}</a></li>`;
    return `<nav class="guide-nav" aria-label="${esc(t.partsNav)}"><ul>${parts}${templates}</ul></nav>`;
  };

  const searchForm = (lang: GuideLanguage, id: string, query = '') => {
    const t = guideText[lang];
    return `<form class="search-form" role="search" aria-label="${esc(t.searchLabel)}" action="${paths.search(lang)}" method="get"><label for="${id}">${esc(t.searchLabel)}</label><input type="search" id="${id}" name="q" value="${esc(query)}" maxlength="200"><button type="submit">${esc(t.searchButton)}</button></form>`;
  };

  const layout = (o: LayoutOptions) => {
    const t = guideText[o.lang];
    const other = otherLanguage(o.lang);
    const alternates =
      o.path && o.hasAlternate !== false
        ? guideLanguages
            .map(
              (l) =>
                `<link rel="alternate" hreflang="${l}" href="${esc(absolute(l === o.lang ? (o.path ?? '') : o.alternate))}">`,
            )
            .join('\n') +
          `\n<link rel="alternate" hreflang="x-default" href="${esc(absolute(o.lang === 'sv' ? o.path : o.alternate))}">`
        : '';
    const crumbs = o.breadcrumbs.length
      ? `<nav class="breadcrumbs" aria-label="${esc(t.breadcrumbs)}"><ol>${o.breadcrumbs
          .map((c, i) =>
            c.href && i < o.breadcrumbs.length - 1
              ? `<li><a href="${esc(c.href)}">${esc(c.label)}</a></li>`
              : `<li aria-current="page">${esc(c.label)}</li>`,
          )
          .join('')}</ol></nav>`
      : '';
    return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<meta name="description" content="${esc(o.description)}">
${o.path ? `<link rel="canonical" href="${esc(absolute(o.canonical ?? o.path))}">` : '<meta name="robots" content="noindex">'}
${alternates}
<link rel="stylesheet" href="${options.cssPath}">
</head>
<body>
<a class="skip-link" href="#main">${esc(t.skipLink)}</a>
<header class="site-header">
<p class="site-name"><a href="${paths.home(o.lang)}">${esc(t.siteName)} <span>${esc(t.guideName)}</span>${hei ? ` <span class="hei-name">${esc(hei.name)}</span>` : ''}</a></p>
${o.headerSearch === false ? '' : searchForm(o.lang, 'search-top')}
<a class="language" href="${esc(o.alternate)}" hreflang="${other}" lang="${other}" aria-label="${esc(t.languageSwitchLabel)}">${esc(t.languageSwitch)}</a>
</header>
<div class="layout">
${nav(o.lang, o.currentPageId)}
<main id="main" tabindex="-1">
${crumbs}
${o.main}
</main>
</div>
<footer class="site-footer">
<p>${esc(t.footerAbout)}</p>
<ul>
<li><a href="${paths.changes(o.lang)}">${esc(t.footerChanges)}</a></li>
<li><a href="${paths.templates(o.lang)}">${esc(t.footerTemplates)}</a></li>
${hei ? `<li><a href="${guidePaths.home(o.lang)}">${esc(t.sharedGuide)}</a></li>\n` : ''}<li><a href="/">${esc(t.footerSignIn)}</a></li>
</ul>
</footer>
</body>
</html>
`;
  };

  const time = (date: string, lang: GuideLanguage) =>
    `<time datetime="${esc(date)}">${esc(formatDate(date, lang))}</time>`;
  const homeCrumb = (lang: GuideLanguage): Crumb => ({ label: guideName(lang), href: paths.home(lang) });

  /** On an HEI's page or template: whose it is, and the shared one it adapts. */
  const adaptationNote = (lang: GuideLanguage, item: GuidePage | GuideTemplate) => {
    const a = item.adaptation;
    if (!a || !hei) return '';
    const t = guideText[lang];
    if (a.own) return `<p class="adapted-note">${esc(t.ownPageNote(hei.name))}</p>`;
    const shared = item.kind === 'page' ? guidePaths.page(lang, item.id) : guidePaths.template(lang, item.id);
    return `<p class="adapted-note">${esc(item.kind === 'page' ? t.adaptedNote(hei.name) : t.adaptedTemplateNote(hei.name))} <a href="${shared}">${esc(t.sharedVersion)}: ${esc(a.shared?.title ?? item.title)}</a></p>`;
  };

  const downloads = (lang: GuideLanguage, template: GuideTemplate) => {
    const t = guideText[lang];
    const hidden = `<span class="visually-hidden"> – ${esc(template.title)}</span>`;
    return `<ul class="downloads"><li><a href="${paths.templateFile(lang, template.id, 'docx')}" type="application/vnd.openxmlformats-officedocument.wordprocessingml.document" hreflang="${lang}">${esc(t.downloadDocx)}${hidden}</a></li><li><a href="${paths.templateFile(lang, template.id, 'pdf')}" type="application/pdf" hreflang="${lang}">${esc(t.downloadPdf)}${hidden}</a></li></ul>`;
  };

  const templateItem = (lang: GuideLanguage, template: GuideTemplate) =>
    `<li><p><a href="${paths.template(lang, template.id)}"><strong>${esc(template.title)}</strong></a></p><p>${esc(template.summary)}</p>${downloads(lang, template)}</li>`;

  const changeList = (lang: GuideLanguage, changes: GuideChange[], summary: string) =>
    changes.length === 0
      ? ''
      : `<details class="changes"><summary>${esc(summary)}</summary><ul>${changes
          .map((c) => `<li>${time(c.date, lang)}: ${esc(c.note)}</li>`)
          .join(
            '',
          )}</ul><p><a href="${paths.changes(lang)}">${esc(guideText[lang].allChanges)}</a></p></details>`;

  const partsOverview = (lang: GuideLanguage, headingLevel: 2 | 3) =>
    allParts
      .map((part) => {
        const pages = guide.pages[lang].filter((p) => p.part === part);
        if (pages.length === 0) return '';
        return `<section aria-labelledby="part-${part}"><h${headingLevel} id="part-${part}">${esc(partName(lang, part))}</h${headingLevel}><ul class="page-list">${pages
          .map(
            (p) =>
              `<li><a href="${paths.page(lang, p.id)}"><strong>${esc(p.title)}</strong></a><p>${esc(p.summary)}</p></li>`,
          )
          .join('')}</ul></section>`;
      })
      .join('\n');

  const renderPage = (lang: GuideLanguage, page: GuidePage) => {
    const t = guideText[lang];
    const templates = page.templates.flatMap((id) => guide.template(lang, id) ?? []);
    const toc = [
      ...page.body.headings.filter((h) => h.level === 2).map((h) => ({ id: h.id, text: h.text })),
      ...(templates.length ? [{ id: 'guide-templates', text: t.templatesHeading }] : []),
    ];
    const siblings = guide.pages[lang].filter((p) => p.part === page.part);
    const at = siblings.indexOf(page);
    const previous = siblings[at - 1];
    const next = siblings[at + 1];
    const pager =
      previous || next
        ? `<nav class="pager" aria-label="${esc(t.pagerLabel)}">${
            previous
              ? `<a class="previous" rel="prev" href="${paths.page(lang, previous.id)}">← ${esc(t.previous)}: ${esc(previous.title)}</a>`
              : ''
          }${next ? `<a class="next" rel="next" href="${paths.page(lang, next.id)}">${esc(t.next)}: ${esc(next.title)} →</a>` : ''}</nav>`
        : '';
    // An adapted page's summary is its first paragraph: shown once, as the page has it.
    const main = `<article>
<h1>${esc(page.title)}</h1>
${page.adaptation ? adaptationNote(lang, page) : `<p class="lead">${esc(page.summary)}</p>`}
<p class="meta">${esc(t.lastChanged)} ${time(page.updated, lang)}</p>
${
  toc.length >= 2
    ? `<nav class="toc" aria-labelledby="guide-toc"><h2 id="guide-toc">${esc(t.contents)}</h2><ol>${toc
        .map((h) => `<li><a href="#${esc(h.id)}">${esc(h.text)}</a></li>`)
        .join('')}</ol></nav>`
    : ''
}
<div class="content">
${page.body.html}</div>
${
  templates.length
    ? `<section class="templates" aria-labelledby="guide-templates"><h2 id="guide-templates">${esc(t.templatesHeading)}</h2><p>${esc(t.templatesIntro)}</p><ul class="template-list">${templates
        .map((tpl) => templateItem(lang, tpl))
        .join('')}</ul></section>`
    : ''
}
${changeList(lang, page.changes, t.pageChanges(page.changes.length))}
</article>
${pager}`;
    const other = otherLanguage(lang);
    const twin = guide.page(other, page.id);
    return doc(
      lang,
      layout({
        lang,
        title: `${page.title} – ${guideName(lang)} – ${t.siteName}`,
        description: page.summary,
        path: paths.page(lang, page.id),
        alternate: twin ? paths.page(other, page.id) : paths.home(other),
        hasAlternate: !!twin,
        ...(hei && !page.adaptation ? { canonical: guidePaths.page(lang, page.id) } : {}),
        breadcrumbs: [
          homeCrumb(lang),
          { label: partName(lang, page.part), href: `${paths.home(lang)}#part-${page.part}` },
          { label: page.title },
        ],
        currentPageId: page.id,
        main,
      }),
    );
  };

  const renderTemplatePage = (lang: GuideLanguage, template: GuideTemplate) => {
    const t = guideText[lang];
    const stagePage = template.stage ? guide.pages[lang].find((p) => p.stage === template.stage) : undefined;
    const usedOn = guide.pages[lang].filter((p) => p.templates.includes(template.id));
    const about = [
      stagePage
        ? `<li>${esc(t.templateStage)}: <a href="${paths.page(lang, stagePage.id)}">${esc(stagePage.title)}</a></li>`
        : '',
      usedOn.length
        ? `<li>${esc(t.templateUsedOn)}: ${usedOn
            .map((p) => `<a href="${paths.page(lang, p.id)}">${esc(p.title)}</a>`)
            .join(', ')}</li>`
        : '',
    ].join('');
    const main = `<article>
<h1>${esc(template.title)}</h1>
${adaptationNote(lang, template)}
<p class="lead">${esc(template.summary)}</p>
<p class="meta">${esc(t.lastChanged)} ${time(template.updated, lang)}</p>
${downloads(lang, template)}
${about ? `<ul>${about}</ul>` : ''}
<section class="template-preview" aria-label="${esc(t.templatePreview)}">
${template.body.html}</section>
${changeList(lang, template.changes, t.templateChanges(template.changes.length))}
</article>`;
    return doc(
      lang,
      layout({
        lang,
        title: `${template.title} – ${t.templatesTitle} – ${guideName(lang)} – ${t.siteName}`,
        description: template.summary,
        path: paths.template(lang, template.id),
        alternate: paths.template(otherLanguage(lang), template.id),
        ...(hei && !template.adaptation ? { canonical: guidePaths.template(lang, template.id) } : {}),
        breadcrumbs: [
          homeCrumb(lang),
          { label: t.templatesTitle, href: paths.templates(lang) },
          { label: template.title },
        ],
        currentPageId: '#templates',
        main,
      }),
    );
  };

  const renderHome = (lang: GuideLanguage) => {
    const t = guideText[lang];
    const first = guide.pages[lang][0];
    const updated = [...guide.pages[lang], ...guide.templates[lang]]
      .map((d) => d.updated)
      .sort()
      .at(-1);
    const main = `<h1>${esc(hei ? t.heiHomeTitle(hei.name) : t.homeTitle)}</h1>
<p class="lead">${esc(hei ? t.heiHomeIntro(hei.name) : t.homeIntro)}</p>
${first ? `<p><a class="start" href="${paths.page(lang, first.id)}">${esc(t.startHere)}: ${esc(first.title)}</a></p>` : ''}
${partsOverview(lang, 2)}
<section aria-labelledby="templates"><h2 id="templates">${esc(t.templatesTitle)}</h2><p>${esc(t.templatesIntro)}</p><ul class="template-list">${guide.templates[
      lang
    ]
      .map((tpl) => templateItem(lang, tpl))
      .join('')}</ul></section>
${updated ? `<p class="meta">${esc(t.lastChanged)} ${time(updated, lang)}. <a href="${paths.changes(lang)}">${esc(t.allChanges)}</a></p>` : ''}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${hei ? t.heiHomeTitle(hei.name) : t.homeTitle} – ${t.siteName}`,
        description: t.homeDescription,
        path: paths.home(lang),
        alternate: paths.home(otherLanguage(lang)),
        breadcrumbs: [],
        main,
      }),
    );
  };

  const renderTemplatesIndex = (lang: GuideLanguage) => {
    const t = guideText[lang];
    const main = `<h1>${esc(t.templatesTitle)}</h1>
<p class="lead">${esc(t.templatesIntro)}</p>
<ul class="template-list">${guide.templates[lang].map((tpl) => templateItem(lang, tpl)).join('')}</ul>`;
    return doc(
      lang,
      layout({
        lang,
        title: `${t.templatesTitle} – ${guideName(lang)} – ${t.siteName}`,
        description: t.templatesDescription,
        path: paths.templates(lang),
        alternate: paths.templates(otherLanguage(lang)),
        breadcrumbs: [homeCrumb(lang), { label: t.templatesTitle }],
        currentPageId: '#templates',
        main,
      }),
    );
  };

  const renderChanges = (lang: GuideLanguage) => {
    const t = guideText[lang];
    // An HEI's adaptation is one change of its own, on the day it was last saved.
    const changesOf = (d: GuidePage | GuideTemplate): GuideChange[] =>
      d.adaptation && hei
        ? [{ date: d.updated, note: d.adaptation.own ? t.ownChange(hei.name) : t.adaptedChange(hei.name) }]
        : d.changes;
    const entries = [
      ...guide.pages[lang].flatMap((p) =>
        changesOf(p).map((c) => ({ ...c, title: p.title, href: paths.page(lang, p.id), kind: t.kindPage })),
      ),
      ...guide.templates[lang].flatMap((tpl) =>
        changesOf(tpl).map((c) => ({
          ...c,
          title: tpl.title,
          href: paths.template(lang, tpl.id),
          kind: t.kindTemplate,
        })),
      ),
    ].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, t.locale));
    const dates = [...new Set(entries.map((e) => e.date))];
    const main = `<h1>${esc(t.changesTitle)}</h1>
<p class="lead">${esc(t.changesIntro)}</p>
${dates
  .map(
    (date) =>
      `<section aria-labelledby="changes-${esc(date)}"><h2 id="changes-${esc(date)}">${time(date, lang)}</h2><ul>${entries
        .filter((e) => e.date === date)
        .map(
          (e) =>
            `<li><a href="${e.href}">${esc(e.title)}</a> <span class="kind">(${esc(e.kind)})</span>: ${esc(e.note)}</li>`,
        )
        .join('')}</ul></section>`,
  )
  .join('\n')}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${t.changesTitle} – ${guideName(lang)} – ${t.siteName}`,
        description: t.changesDescription,
        path: paths.changes(lang),
        alternate: paths.changes(otherLanguage(lang)),
        breadcrumbs: [homeCrumb(lang), { label: t.changesTitle }],
        main,
      }),
    );
  };

  const renderNotFound = (lang: GuideLanguage) => {
    const t = guideText[lang];
    const main = `<h1>${esc(t.notFoundTitle)}</h1>
<p>${esc(t.notFoundText)}</p>
<p><a href="${paths.home(lang)}">${esc(t.notFoundHome)}</a></p>
${searchForm(lang, 'search-main')}
${partsOverview(lang, 2)}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${t.notFoundTitle} – ${guideName(lang)} – ${t.siteName}`,
        description: t.notFoundText,
        path: null,
        alternate: paths.home(otherLanguage(lang)),
        breadcrumbs: [homeCrumb(lang), { label: t.notFoundTitle }],
        headerSearch: false,
        main,
      }),
    );
  };

  const renderSearch = (lang: GuideLanguage, query: string) => {
    const t = guideText[lang];
    const q = query.trim();
    let results = '';
    if (!q) results = `<p>${esc(t.searchEmpty)}</p>`;
    else {
      const { hits, suggestions } = searchIn(lang).search(q);
      if (hits.length) {
        results = `<p>${esc(t.searchHits(hits.length, q))}</p>
<ol class="results">${hits
          .map(
            (h) =>
              `<li><h2><a href="${paths.page(lang, h.id)}">${h.titleHtml}</a></h2><p>${h.summaryHtml}</p>${
                h.snippetHtml ? `<p class="snippet">${h.snippetHtml}</p>` : ''
              }</li>`,
          )
          .join('\n')}</ol>`;
      } else {
        results = `<p>${esc(t.noHits(q))}</p>
${
  suggestions.length
    ? `<p>${esc(t.didYouMean)}: ${suggestions
        .map((s) => `<a href="${esc(paths.search(lang, s))}">${esc(s)}</a>`)
        .join(', ')}?</p>`
    : ''
}
<h2>${esc(t.searchTips)}</h2>
<ul>${t.searchTipList.map((tip) => `<li>${esc(tip)}</li>`).join('')}</ul>
${partsOverview(lang, 3)}`;
      }
    }
    const main = `<h1>${esc(t.searchTitle)}</h1>
${searchForm(lang, 'search-main', q)}
${results}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${q ? `${q} – ` : ''}${t.searchTitle} – ${guideName(lang)} – ${t.siteName}`,
        description: t.homeDescription,
        path: null,
        alternate: paths.search(otherLanguage(lang), q),
        breadcrumbs: [homeCrumb(lang), { label: t.searchTitle }],
        headerSearch: false,
        main,
      }),
    );
  };

  /** A document per language, rendered on first use and kept. */
  const perLanguage = <T>(make: (lang: GuideLanguage) => T): Record<GuideLanguage, T> => {
    const made: Partial<Record<GuideLanguage, T>> = {};
    const get = (lang: GuideLanguage) => {
      if (!(lang in made)) made[lang] = make(lang);
      return made[lang] as T;
    };
    return {
      get sv() {
        return get('sv');
      },
      get en() {
        return get('en');
      },
    };
  };
  /** Documents by id per language, each rendered the first time it is asked for and kept. */
  const lazyMap = <D extends { id: string }>(
    list: (lang: GuideLanguage) => D[],
    render: (lang: GuideLanguage, d: D) => HtmlDoc,
  ): Record<GuideLanguage, DocMap> =>
    perLanguage((lang) => {
      const byId = new Map(list(lang).map((d) => [d.id, d]));
      const rendered = new Map<string, HtmlDoc>();
      return {
        get(id: string) {
          let html = rendered.get(id);
          const d = byId.get(id);
          if (!html && d) {
            html = render(lang, d);
            rendered.set(id, html);
          }
          return html;
        },
      };
    });
  const site: GuideSite = {
    cssPath: options.cssPath,
    home: perLanguage(renderHome),
    pages: lazyMap((lang) => guide.pages[lang], renderPage),
    templatesIndex: perLanguage(renderTemplatesIndex),
    templatePages: lazyMap((lang) => guide.templates[lang], renderTemplatePage),
    changes: perLanguage(renderChanges),
    notFound: perLanguage(renderNotFound),
    search: renderSearch,
  };
  if (options.eager) {
    // Everything at once (the shared guide, at start): a page that cannot be rendered stops the start.
    for (const lang of guideLanguages) {
      void site.home[lang];
      void site.templatesIndex[lang];
      void site.changes[lang];
      void site.notFound[lang];
      for (const p of guide.pages[lang]) site.pages[lang].get(p.id);
      for (const tpl of guide.templates[lang]) site.templatePages[lang].get(tpl.id);
    }
  }
  return site;
}
