// @ts-check
/**
 * The shapes the reader preview reads from the newsroom content API. Types only: the facts and the
 * computed figures are the server's own types (content-types/facts.ts, enforcement/figures.ts), so a change there is a type
 * error here.
 */

/** @typedef {import('../../src/plugins/newsroom/server/src/content-types/facts').BylineRole} BylineRole */
/** @typedef {import('../../src/plugins/newsroom/server/src/enforcement/figures').ComputedFigures} ComputedFigures */

/**
 * GET /api/newsroom/facts: what the preview needs to present any configured locale.
 * @typedef {object} Facts
 * @property {string} defaultLocale
 * @property {string[]} locales
 * @property {string} utcOffset dates are shown at this offset, e.g. "+08:00"
 * @property {{ role: BylineRole, labels: Record<string, string> }[]} bylineRoles in reading order, titled per locale
 */

/**
 * A node of Strapi's blocks editor (rich text), as far as the preview renders it.
 * @typedef {object} Block
 * @property {string} [type]
 * @property {string} [text]
 * @property {number} [level]
 * @property {string} [format]
 * @property {string} [url]
 * @property {boolean} [bold]
 * @property {boolean} [italic]
 * @property {boolean} [underline]
 * @property {boolean} [strikethrough]
 * @property {boolean} [code]
 * @property {{ url?: string, alternativeText?: string | null }} [image]
 * @property {Block[]} [children]
 */

/**
 * @typedef {object} Byline
 * @property {string} [name]
 * @property {string} [role]
 */

/**
 * @typedef {object} Neighbourhood
 * @property {string} [name]
 * @property {string | null} [district]
 * @property {string | null} [subdistrict]
 * @property {string | null} [kind]
 * @property {string | null} [description]
 * @property {number | null} [yearBuilt]
 * @property {number | null} [households]
 * @property {number | null} [occupiedHouseholds]
 * @property {string | null} [figuresAsOf]
 * @property {ComputedFigures} [figures] computed by the server on the way out
 */

/**
 * @typedef {object} NewsItem
 * @property {string} [headline]
 * @property {string | null} [summary]
 * @property {string | null} [url]
 * @property {string | null} [outlet]
 * @property {string | null} [creditLine] the outlet credited in this locale (来源:中新网 / Source: China News Service)
 * @property {string | null} [dateline]
 * @property {string | null} [publishedDate]
 */

/**
 * @typedef {object} Correction
 * @property {string} [text]
 * @property {string} [kind]
 * @property {string | null} [date]
 */

/**
 * A published article from the by-slug route, populated with bylines, neighbourhood, related news and
 * corrections. `reprintNotice` and `creditLine` are the server's canonical values.
 * @typedef {object} Article
 * @property {string} documentId
 * @property {string} slug
 * @property {string} [title]
 * @property {string | null} [column]
 * @property {string | null} [standfirst]
 * @property {string | null} [dateline]
 * @property {string | null} [imageNote]
 * @property {string | null} [reprintNotice]
 * @property {string | null} [creditLine]
 * @property {Block[] | null} [body]
 * @property {Byline[] | null} [bylines]
 * @property {Neighbourhood | null} [neighbourhood]
 * @property {NewsItem[] | null} [relatedNews]
 * @property {Correction[] | null} [corrections]
 */

/**
 * The article's JSON-LD exactly as the server serialised it for inlining, and its publisher's name.
 * @typedef {object} JsonLd
 * @property {string} text
 * @property {string | null} publisher
 */

/** @typedef {import('../../src/plugins/newsroom/server/src/preview/scope').PreviewBanner} PreviewBanner */
/** @typedef {import('../../src/plugins/newsroom/server/src/preview/scope').PreviewScope} PreviewScope */

/**
 * GET /api/newsroom/preview/:kind/:documentId with a token: one version as the by-slug route would
 * return it once published, its banner, the other locales' slugs and the JSON-LD it will carry.
 * @typedef {object} PreviewAnswer
 * @property {Article & Neighbourhood & NewsItem} data
 * @property {{ preview: PreviewScope & { expiresAt: string, banner: PreviewBanner | null }, alternates: Record<string, string | null>, jsonLd: string | null }} meta
 */

export {};
