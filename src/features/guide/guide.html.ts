import { createHash } from 'node:crypto';
import type { Guide, GuideChange, GuidePage, GuideTemplate } from './guide.content.ts';
import { escapeHtml as esc } from './guide.markdown.ts';
import type { GuideSearch } from './guide.search.ts';
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
 * Every page, the start page, the template pages and the list of changes are rendered once when the app
 * starts and kept with their ETag; search results and the not-found page are rendered per request.
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
};

export type GuideSite = {
  cssPath: string;
  home: Record<GuideLanguage, HtmlDoc>;
  pages: Record<GuideLanguage, Map<string, HtmlDoc>>;
  templatesIndex: Record<GuideLanguage, HtmlDoc>;
  templatePages: Record<GuideLanguage, Map<string, HtmlDoc>>;
  changes: Record<GuideLanguage, HtmlDoc>;
  notFound: Record<GuideLanguage, HtmlDoc>;
  search(lang: GuideLanguage, query: string): HtmlDoc;
};

export function createGuideSite(
  guide: Guide,
  searches: Record<GuideLanguage, GuideSearch>,
  options: { publicUrl: string; cssPath: string },
): GuideSite {
  const absolute = (path: string) => options.publicUrl + path;
  const doc = (lang: GuideLanguage, html: string): HtmlDoc => ({ html, etag: etagOf(html), lang });

  const nav = (lang: GuideLanguage, currentPageId?: string) => {
    const t = guideText[lang];
    const parts = guideParts
      .map((part) => {
        const pages = guide.pages[lang].filter((p) => p.part === part);
        if (pages.length === 0) return '';
        const items = pages
          .map(
            (p) =>
              `<li><a href="${guidePaths.page(lang, p.id)}"${p.id === currentPageId ? ' aria-current="page"' : ''}>${esc(p.title)}</a></li>`,
          )
          .join('');
        return `<li class="part"><span class="part-name" id="nav-${part}">${esc(t.parts[part])}</span><ul aria-labelledby="nav-${part}">${items}</ul></li>`;
      })
      .join('');
    const templates = `<li><a href="${guidePaths.templates(lang)}"${currentPageId === '#templates' ? ' aria-current="page"' : ''}>${esc(t.templatesTitle)}</a></li>`;
    return `<nav class="guide-nav" aria-label="${esc(t.partsNav)}"><ul>${parts}${templates}</ul></nav>`;
  };

  const searchForm = (lang: GuideLanguage, id: string, query = '') => {
    const t = guideText[lang];
    return `<form class="search-form" role="search" aria-label="${esc(t.searchLabel)}" action="${guidePaths.search(lang)}" method="get"><label for="${id}">${esc(t.searchLabel)}</label><input type="search" id="${id}" name="q" value="${esc(query)}" maxlength="200"><button type="submit">${esc(t.searchButton)}</button></form>`;
  };

  const layout = (o: LayoutOptions) => {
    const t = guideText[o.lang];
    const other = otherLanguage(o.lang);
    const alternates = o.path
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
${o.path ? `<link rel="canonical" href="${esc(absolute(o.path))}">` : '<meta name="robots" content="noindex">'}
${alternates}
<link rel="stylesheet" href="${options.cssPath}">
</head>
<body>
<a class="skip-link" href="#main">${esc(t.skipLink)}</a>
<header class="site-header">
<p class="site-name"><a href="${guidePaths.home(o.lang)}">${esc(t.siteName)} <span>${esc(t.guideName)}</span></a></p>
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
<li><a href="${guidePaths.changes(o.lang)}">${esc(t.footerChanges)}</a></li>
<li><a href="${guidePaths.templates(o.lang)}">${esc(t.footerTemplates)}</a></li>
<li><a href="/">${esc(t.footerSignIn)}</a></li>
</ul>
</footer>
</body>
</html>
`;
  };

  const time = (date: string, lang: GuideLanguage) =>
    `<time datetime="${esc(date)}">${esc(formatDate(date, lang))}</time>`;
  const homeCrumb = (lang: GuideLanguage): Crumb => ({
    label: guideText[lang].guideName,
    href: guidePaths.home(lang),
  });

  const downloads = (lang: GuideLanguage, template: GuideTemplate) => {
    const t = guideText[lang];
    const hidden = `<span class="visually-hidden"> – ${esc(template.title)}</span>`;
    return `<ul class="downloads"><li><a href="${guidePaths.templateFile(lang, template.id, 'docx')}" type="application/vnd.openxmlformats-officedocument.wordprocessingml.document" hreflang="${lang}">${esc(t.downloadDocx)}${hidden}</a></li><li><a href="${guidePaths.templateFile(lang, template.id, 'pdf')}" type="application/pdf" hreflang="${lang}">${esc(t.downloadPdf)}${hidden}</a></li></ul>`;
  };

  const templateItem = (lang: GuideLanguage, template: GuideTemplate) =>
    `<li><p><a href="${guidePaths.template(lang, template.id)}"><strong>${esc(template.title)}</strong></a></p><p>${esc(template.summary)}</p>${downloads(lang, template)}</li>`;

  const changeList = (lang: GuideLanguage, changes: GuideChange[], summary: string) =>
    `<details class="changes"><summary>${esc(summary)}</summary><ul>${changes
      .map((c) => `<li>${time(c.date, lang)}: ${esc(c.note)}</li>`)
      .join(
        '',
      )}</ul><p><a href="${guidePaths.changes(lang)}">${esc(guideText[lang].allChanges)}</a></p></details>`;

  const partsOverview = (lang: GuideLanguage, headingLevel: 2 | 3) =>
    guideParts
      .map((part) => {
        const pages = guide.pages[lang].filter((p) => p.part === part);
        if (pages.length === 0) return '';
        return `<section aria-labelledby="part-${part}"><h${headingLevel} id="part-${part}">${esc(guideText[lang].parts[part])}</h${headingLevel}><ul class="page-list">${pages
          .map(
            (p) =>
              `<li><a href="${guidePaths.page(lang, p.id)}"><strong>${esc(p.title)}</strong></a><p>${esc(p.summary)}</p></li>`,
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
              ? `<a class="previous" rel="prev" href="${guidePaths.page(lang, previous.id)}">← ${esc(t.previous)}: ${esc(previous.title)}</a>`
              : ''
          }${next ? `<a class="next" rel="next" href="${guidePaths.page(lang, next.id)}">${esc(t.next)}: ${esc(next.title)} →</a>` : ''}</nav>`
        : '';
    const main = `<article>
<h1>${esc(page.title)}</h1>
<p class="lead">${esc(page.summary)}</p>
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
    return doc(
      lang,
      layout({
        lang,
        title: `${page.title} – ${t.guideName} – ${t.siteName}`,
        description: page.summary,
        path: guidePaths.page(lang, page.id),
        alternate: guidePaths.page(otherLanguage(lang), page.id),
        breadcrumbs: [
          homeCrumb(lang),
          { label: t.parts[page.part], href: `${guidePaths.home(lang)}#part-${page.part}` },
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
        ? `<li>${esc(t.templateStage)}: <a href="${guidePaths.page(lang, stagePage.id)}">${esc(stagePage.title)}</a></li>`
        : '',
      usedOn.length
        ? `<li>${esc(t.templateUsedOn)}: ${usedOn
            .map((p) => `<a href="${guidePaths.page(lang, p.id)}">${esc(p.title)}</a>`)
            .join(', ')}</li>`
        : '',
    ].join('');
    const main = `<article>
<h1>${esc(template.title)}</h1>
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
        title: `${template.title} – ${t.templatesTitle} – ${t.guideName} – ${t.siteName}`,
        description: template.summary,
        path: guidePaths.template(lang, template.id),
        alternate: guidePaths.template(otherLanguage(lang), template.id),
        breadcrumbs: [
          homeCrumb(lang),
          { label: t.templatesTitle, href: guidePaths.templates(lang) },
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
    const main = `<h1>${esc(t.homeTitle)}</h1>
<p class="lead">${esc(t.homeIntro)}</p>
${first ? `<p><a class="start" href="${guidePaths.page(lang, first.id)}">${esc(t.startHere)}: ${esc(first.title)}</a></p>` : ''}
${partsOverview(lang, 2)}
<section aria-labelledby="templates"><h2 id="templates">${esc(t.templatesTitle)}</h2><p>${esc(t.templatesIntro)}</p><ul class="template-list">${guide.templates[
      lang
    ]
      .map((tpl) => templateItem(lang, tpl))
      .join('')}</ul></section>
${updated ? `<p class="meta">${esc(t.lastChanged)} ${time(updated, lang)}. <a href="${guidePaths.changes(lang)}">${esc(t.allChanges)}</a></p>` : ''}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${t.homeTitle} – ${t.siteName}`,
        description: t.homeDescription,
        path: guidePaths.home(lang),
        alternate: guidePaths.home(otherLanguage(lang)),
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
        title: `${t.templatesTitle} – ${t.guideName} – ${t.siteName}`,
        description: t.templatesDescription,
        path: guidePaths.templates(lang),
        alternate: guidePaths.templates(otherLanguage(lang)),
        breadcrumbs: [homeCrumb(lang), { label: t.templatesTitle }],
        currentPageId: '#templates',
        main,
      }),
    );
  };

  const renderChanges = (lang: GuideLanguage) => {
    const t = guideText[lang];
    const entries = [
      ...guide.pages[lang].flatMap((p) =>
        p.changes.map((c) => ({ ...c, title: p.title, href: guidePaths.page(lang, p.id), kind: t.kindPage })),
      ),
      ...guide.templates[lang].flatMap((tpl) =>
        tpl.changes.map((c) => ({
          ...c,
          title: tpl.title,
          href: guidePaths.template(lang, tpl.id),
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
        title: `${t.changesTitle} – ${t.siteName}`,
        description: t.changesDescription,
        path: guidePaths.changes(lang),
        alternate: guidePaths.changes(otherLanguage(lang)),
        breadcrumbs: [homeCrumb(lang), { label: t.changesTitle }],
        main,
      }),
    );
  };

  const renderNotFound = (lang: GuideLanguage) => {
    const t = guideText[lang];
    const main = `<h1>${esc(t.notFoundTitle)}</h1>
<p>${esc(t.notFoundText)}</p>
<p><a href="${guidePaths.home(lang)}">${esc(t.notFoundHome)}</a></p>
${searchForm(lang, 'search-main')}
${partsOverview(lang, 2)}`;
    return doc(
      lang,
      layout({
        lang,
        title: `${t.notFoundTitle} – ${t.guideName} – ${t.siteName}`,
        description: t.notFoundText,
        path: null,
        alternate: guidePaths.home(otherLanguage(lang)),
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
      const { hits, suggestions } = searches[lang].search(q);
      if (hits.length) {
        results = `<p>${esc(t.searchHits(hits.length, q))}</p>
<ol class="results">${hits
          .map(
            (h) =>
              `<li><h2><a href="${guidePaths.page(lang, h.id)}">${h.titleHtml}</a></h2><p>${h.summaryHtml}</p>${
                h.snippetHtml ? `<p class="snippet">${h.snippetHtml}</p>` : ''
              }</li>`,
          )
          .join('\n')}</ol>`;
      } else {
        results = `<p>${esc(t.noHits(q))}</p>
${
  suggestions.length
    ? `<p>${esc(t.didYouMean)}: ${suggestions
        .map((s) => `<a href="${esc(guidePaths.search(lang, s))}">${esc(s)}</a>`)
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
        title: `${q ? `${q} – ` : ''}${t.searchTitle} – ${t.siteName}`,
        description: t.homeDescription,
        path: null,
        alternate: guidePaths.search(otherLanguage(lang), q),
        breadcrumbs: [homeCrumb(lang), { label: t.searchTitle }],
        headerSearch: false,
        main,
      }),
    );
  };

  const perLanguage = <T>(make: (lang: GuideLanguage) => T) =>
    ({ sv: make('sv'), en: make('en') }) as Record<GuideLanguage, T>;
  return {
    cssPath: options.cssPath,
    home: perLanguage(renderHome),
    pages: perLanguage((lang) => new Map(guide.pages[lang].map((p) => [p.id, renderPage(lang, p)]))),
    templatesIndex: perLanguage(renderTemplatesIndex),
    templatePages: perLanguage(
      (lang) => new Map(guide.templates[lang].map((tpl) => [tpl.id, renderTemplatePage(lang, tpl)])),
    ),
    changes: perLanguage(renderChanges),
    notFound: perLanguage(renderNotFound),
    search: renderSearch,
  };
}
