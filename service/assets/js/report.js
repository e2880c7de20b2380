// The "Report for planners" link (index.html, #report-link): it opens the printable report
// (GET /api/v1/report) in the page's language and, when the map shows a year, that year's
// network. Only `reportHref` is pure; the link is kept up to date when it is about to be
// followed (focus, pointer, click) and when the page's language changes.

/** The report's address for `lang` (`es` or `en`) and `year` (four digits, or nothing). */
export function reportHref(lang, year) {
  const q = new URLSearchParams({ lang: lang === 'es' ? 'es' : 'en' });
  if (/^\d{4}$/.test(String(year || ''))) q.set('as_of', String(year));
  return `/api/v1/report?${q}`;
}

/** Points `link` at the report of what the page shows now. */
function follow(link) {
  link.href = reportHref(document.documentElement.lang, new URLSearchParams(location.search).get('year'));
}

if (typeof document !== 'undefined') {
  const link = document.getElementById('report-link');
  if (link) {
    follow(link);
    for (const kind of ['focus', 'pointerenter', 'pointerdown', 'click']) link.addEventListener(kind, () => follow(link));
    // The page names its language on <html lang> once its words are loaded, and again on a switch.
    new MutationObserver(() => follow(link)).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
}
