// The API this page reads, and nothing else: GET requests to this origin, without a token
// (so restricted fields never reach the page). Answers are kept per store revision: when a
// map answer names a new revision, everything read at the old one is forgotten. The number of
// requests in flight is on <body data-pending> (tests wait for 0).

/** Suggestions fetched per goal (the API's largest page). */
const SUGGESTION_PAGE = 1000;
/** Bridges read from the gap report to word a clicked bridge. */
const BRIDGE_PAGE = 1000;
/** Items per list of a comparison of two years (the API's largest page). */
const CHANGE_ITEMS = 10000;
/** Organizations read per request when listing every name for search. */
const NAMES_PAGE = 10000;

class Api {
  constructor() {
    this.pending = 0;
    this.revision = null;
    this.maps = new Map();
    this.gapReports = new Map();
    this.suggestionPages = new Map();
    this.profiles = new Map();
    this.metricRows = null;
    this.orgNames = null;
    this.changeAnswers = new Map();
    this.timelines = new Map();
    /** The year of the network the analyses are read for (`as_of`; '' the whole network):
     *  the year of the map drawn, set by navigate.js before it asks for anything else. */
    this.year = '';
  }

  /** Reads every analysis for the network of `year` ('' the whole network) from now on. */
  atYear(year) {
    if (year === this.year) return;
    this.year = year;
    this.metricRows = null;
  }

  busy(delta) {
    this.pending += delta;
    document.body.dataset.pending = String(this.pending);
  }

  /** GET `path` with `params` (empty ones left out) as JSON; an error names the path and
   *  the API's message. */
  async get(path, params = {}) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    }
    this.busy(1);
    try {
      const r = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!r.ok) {
        let message = 'HTTP ' + r.status;
        try { message = (await r.json()).error.message || message; } catch (_) { /* not JSON */ }
        throw new Error(url.pathname + ': ' + message);
      }
      return await r.json();
    } finally {
      this.busy(-1);
    }
  }

  /** Forgets what was read at another store revision. */
  seeRevision(revision) {
    if (this.revision === revision) return;
    this.revision = revision;
    for (const m of [this.maps, this.gapReports, this.suggestionPages, this.profiles, this.changeAnswers, this.timelines]) m.clear();
    this.metricRows = null;
    this.orgNames = null;
  }

  /** `load()` once per `key` (a failed load is asked again next time). */
  remember(map, key, load) {
    if (!map.has(key)) {
      map.set(key, load().catch((e) => { map.delete(key); throw e; }));
    }
    return map.get(key);
  }

  /** The page's labels and number format in `lang`. */
  messages(lang) {
    return this.get('/api/v1/messages', { lang });
  }

  /** The services, populations, tie kinds, metrics, structural-hole measures and brokerage
   *  roles, with their labels in `lang`. */
  vocabulary(lang) {
    return this.get('/api/v1/vocabulary', { lang });
  }

  /** The map of `view` (with `radius` for a neighbourhood) in `lang`; of the network of
   *  `year` when one is given (every organization where the whole network's map puts it). */
  async map(view, radius, lang, year = '') {
    const params = { view, lang };
    if (view.startsWith('ego/')) params.radius = radius;
    if (year) params.as_of = year;
    const key = JSON.stringify(params);
    const map = await this.remember(this.maps, key, () => this.get('/api/v1/map', params));
    this.seeRevision(map.revision);
    this.maps.set(key, Promise.resolve(map));
    return map;
  }

  /** The gap report with `limit` items per list. */
  gaps(limit, lang) {
    const as_of = this.year;
    return this.remember(this.gapReports, [limit, lang, as_of].join('/'),
      () => this.get('/api/v1/gaps', { limit, lang, as_of }));
  }

  /** The gap report with longer lists, for a bridge's sentence (asked only on a click). */
  bridges(lang) {
    return this.gaps(BRIDGE_PAGE, lang);
  }

  /** Suggested ties for `goal` (bridge or services). */
  suggestions(goal, lang) {
    const as_of = this.year;
    return this.remember(this.suggestionPages, [goal, lang, as_of].join('/'),
      () => this.get('/api/v1/suggestions', { goal, limit: SUGGESTION_PAGE, lang, as_of }));
  }

  /** One organization's profile (the side panel). */
  profile(id, lang) {
    const as_of = this.year;
    return this.remember(this.profiles, [id, lang, as_of].join('/'),
      () => this.get('/api/v1/organizations/' + encodeURIComponent(id) + '/profile', { lang, as_of }));
  }

  /** Rows of the metrics table with the columns `metrics`, by organization id. */
  metrics(metrics) {
    if (!this.metricRows) {
      this.metricRows = this.get('/api/v1/metrics', { metrics: metrics.join(','), as_of: this.year }).then((m) => {
        const byId = new Map();
        for (const row of m.items) byId.set(row.id, row);
        return byId;
      }).catch((e) => { this.metricRows = null; throw e; });
    }
    return this.metricRows;
  }

  /** What changed from year `from` to year `to` (every item of every list), in `lang`. */
  changes(from, to, lang) {
    return this.remember(this.changeAnswers, [from, to, lang].join('/'),
      () => this.get('/api/v1/changes', { from, to, lang, limit: CHANGE_ITEMS }));
  }

  /** The whole-network figures of every year of the data. */
  timeline() {
    return this.remember(this.timelines, 'all', () => this.get('/api/v1/timeline'));
  }

  /** Every organization's id and name, for search beyond the drawn view. */
  names() {
    if (!this.orgNames) {
      this.orgNames = (async () => {
        const names = [];
        for (let offset = 0; ; offset += NAMES_PAGE) {
          const page = await this.get('/api/v1/organizations', { limit: NAMES_PAGE, offset });
          for (const o of page.items) names.push({ id: o.id, name: o.name });
          if (offset + page.items.length >= page.total || page.items.length === 0) break;
        }
        return names;
      })().catch((e) => { this.orgNames = null; throw e; });
    }
    return this.orgNames;
  }
}

/** The page's one connection to the API. */
export const api = new Api();
