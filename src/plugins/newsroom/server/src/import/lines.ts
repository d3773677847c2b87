/**
 * Recognisers for single lines of a scraped news page: credits, notices, separators, page chrome,
 * advertising headlines, outlet datelines. Every function takes a line already trimmed and
 * NFKC-normalised (full-width colons, brackets and digits folded to ASCII) unless stated otherwise.
 */
import type { Byline, BylineRole } from './types';
import {
  CN_MONTH_DAY,
  CREDIT_SEGMENT_SEPARATORS,
  DATELINE_ENDS,
  REPORTED_BY,
  EN_MONTH_DAY,
  EN_NAME_SEPARATORS,
  EN_ROLE_PHRASES,
  HAN,
  HAN_BASIC,
  hasCjk,
  KNOWN_OUTLETS,
  MESSAGE_CREDIT,
  MESSAGE_OUTLET_SUFFIX_SOURCE,
  OUTLET_SUFFIX_SOURCE,
  SELF_OUTLETS,
  ZH_NAME_CONJUNCTIONS,
  ZH_NAME_NOISE,
  ZH_NAME_SEPARATORS,
  ZH_ROLE_SEPARATOR,
  ZH_ROLE_WORDS,
  ZH_STAFF_TITLES,
} from './vocabulary';

export { hasCjk, SELF_OUTLETS };

/** Unicode NFKC, collapsed blanks, trimmed: the form every recogniser matches against. */
export const normaliseLine = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();

// ---------------------------------------------------------------------------------------------
// Structure lines

/** A lone '-' (or a rule of dashes) between teaser blocks. */
export const isDashSeparator = (s: string): boolean => /^[-–—]+$/.test(s);

/** A decorative rule ('***', '===', '———') that separates nothing in particular. */
export const isRule = (s: string): boolean => /^[-–—_=*~·•.]{2,}$/.test(s) || isDashSeparator(s);

/** '- headline' list item; returns the headline. */
export function dashItem(s: string): string | null {
  const m = s.match(/^[-–•·・]\s*(\S.*)$/);
  return m ? m[1].trim() : null;
}

/** The close button of a floating ad panel: 'X 关闭', '× 关闭', '关闭 X', 'X Close'. */
export const isCloseMarker = (s: string): boolean =>
  /^[Xx×✕✖╳]\s*(关闭|close)$/i.test(s) || /^关闭\s*[Xx×✕✖╳]?$/.test(s) || /^(close|关闭广告)\s*[Xx×✕✖]?$/i.test(s);

const AD_PREFIX = new RegExp(`^(世界|全球|天天|环球|今日|每日|当前)${HAN}{0,3}(头条|快讯|热讯|资讯|聚焦|观察|快看|播报|简讯|热点|要闻)\\s*[丨|:]`);
const AD_SUFFIX =
  /\s(全球|世界|天天|环球|当前|今日|每日|焦点|实时|即时|热点)(百事通|观热点|信息|快讯|热讯|要闻|资讯|头条|热点|聚焦|观察|简讯|速递|快看点?|新视野|看点|热议|关注|动态|新动态|消息|报道|热搜|播报|观点|时讯|快报|精选|滚动|热评|视讯|最新|新闻|讯息|快播|速看|短讯)$/;
const AD_SUFFIX_TIGHT = /(百事通|观热点)$/;

/** Content-farm advertising headlines: '世界微头条丨…', '… 全球百事通', '… 当前信息'. */
export const isAdHeadline = (s: string): boolean => AD_PREFIX.test(s) || AD_SUFFIX.test(s) || AD_SUFFIX_TIGHT.test(s);

const DATE_TIME = String.raw`\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`;
const PUBLISHED_AT = new RegExp(`^(?:(?:发布时间|发布日期|时间|日期|published|updated|posted)\\s*:?\\s*)?${DATE_TIME}$`, 'i');

/** Navigation and sharing widgets. */
export const isChromeLine = (s: string): boolean =>
  /^(首页|当前位置|您的位置|你的位置|home|you are here|current location)\s*[:>›»]/i.test(s) ||
  /^(分享到|分享至|扫一扫|扫码|打开APP|下载APP|下载客户端|返回顶部|返回首页|关闭窗口|打印本页|字号|我要纠错|举报|收藏|点赞|上一篇|下一篇)(?:[:\s].{0,30})?$/i.test(
    s,
  ) ||
  /^(广告|推广|赞助|AD)$/i.test(s) ||
  /^(share|share this (?:article|story|page)|print|print this (?:article|story|page)|back to top|close window|advertisement|sponsored|follow us(?: on .{1,20})?|(?:font|text) size\s*:.{0,20})$/i.test(
    s,
  ) ||
  // A publication date and time on its own: '2021-12-27 16:05', '发布时间:2021年12月27日'
  PUBLISHED_AT.test(s);

/** '(完)' and friends; Xinhua's English 'Enditem'. */
export const isEndMarker = (s: string): boolean => /^[([【]?\s*(完|全文完|END|Enditem)\s*[)\]】]?$/i.test(s);

/** A heading announcing related stories. */
export const isRelatedHeading = (s: string): boolean =>
  /^(相关新闻|相关阅读|相关报道|相关文章|延伸阅读|推荐阅读|更多新闻|更多阅读|related(?: news| stories| articles| reading| coverage)?|read more|more stories|you may also like)\s*:?$/i.test(
    s,
  );

// ---------------------------------------------------------------------------------------------
// Notices

/** '*文汇独家稿件,转载请注明出处。', '本文为澎湃新闻独家报道…', '*Wenhui exclusive. Credit the source when republishing.' */
export function isExclusiveNotice(s: string): boolean {
  if (s.length <= 80 && /独家/.test(s)) {
    return /(转载|出处|授权)/.test(s) || /^[*※]/.test(s) || /^[^\s,。]{0,12}独家(稿件|专稿|供稿|原创)[。.!]?$/.test(s);
  }
  return s.length <= 200 && /\bexclusive\b/i.test(s) && /(credit|republish|reprint|source|copyright|permission|authori[sz])/i.test(s);
}

/** '版权声明…', '未经授权不得转载', '© 2021 …'. Not an exclusive notice. */
export const isCopyrightNotice = (s: string): boolean =>
  s.length <= 120 &&
  /^[^\s,，。*※]{2,12}[,，]\s*未经.{0,12}(授权|许可)|^[*※\s]*(版权(所有|声明)|未经.{0,12}(授权|许可)|本(文|稿)(系|为|属).{0,20}(原创|版权)|转载请|copyright|©|\(c\)|all rights reserved)/i.test(
    s,
  );

/** '关键词: 疫情 防控' → ['疫情', '防控']; '关键词:' → []; not a keywords line → null. */
export function keywordsLine(s: string): string[] | null {
  const m = s.match(/^(?:关键词|关键字|标签|keywords?|tags?)\s*:\s*(.*)$/i);
  if (!m) return null;
  const separators = hasCjk(m[1]) ? /[\s,、;，；|]+/ : /\s*[,;|]\s*/;
  return m[1]
    .split(separators)
    .map((k) => k.trim())
    .filter(Boolean);
}

const DATED = new RegExp(`^${DATE_TIME}\\s+`);

/** '来源:中新网' / '来源：澎湃新闻' / 'Source: Xinhua' → the outlet, else null. */
export function sourceLine(s: string): string | null {
  // After a publication date and time: '2021-12-27 16:05 来源:新华社'
  const m = s.replace(DATED, '').match(/^[[【]?(?:来源|来源于|稿件来源|文章来源|本文来源|消息来源|转自|source)\s*:\s*(.+?)[\]】]?$/i);
  if (!m) return null;
  const value = m[1].trim();
  const outlet = hasCjk(value) ? value.split(/[\s|丨]+/)[0] : value.split(/\s*[|;]\s*/)[0];
  return outlet.replace(/[。.]$/, '') || null;
}

/** '(资料图片仅供参考)' → '资料图片仅供参考'; captions and photo credits; else null. Takes the original line. */
export function imageNote(original: string): string | null {
  const s = original.trim();
  const bracketed = s.match(/^[(（[【]\s*(.+?)\s*[)）\]】]$/);
  if (bracketed) {
    const inner = bracketed[1];
    if (/^(header image|cover image|top image|lead image|题图|头图)\s*[:：]/i.test(inner) && inner.length <= 240) return inner;
    return inner.length <= 60 && /(图|照片|视频截图|摄$|摄影\s*[:/]|photo|image|picture|pic\b)/i.test(inner) ? inner : null;
  }
  // A caption that ends in its photographer's credit ('新建的共享卫浴间。 记者 王彦 摄').
  if (s.length <= 60 && /[。.]\s*(记者|通讯员|实习生)?\s*\p{Script=Han}{2,4}(\s+\p{Script=Han}{2,4})*\s*摄$/u.test(normaliseLine(s))) return s;
  if (/^(资料图片?仅供参考|资料图|(?:图片|题图|头图)来源\s*[:：].+|图片由.{1,20}提供|图为.{1,80})$/.test(s)) return s;
  if (/^(file photo|photo|image)s?\s*(:|for reference|courtesy|by\b)/i.test(s) && s.length <= 90) return s;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Credits

const ZH_ROLE_MAP = new Map<string, BylineRole>(ZH_ROLE_WORDS);
/** A role word not glued to a name before it: '责任编辑:单颖文 编辑:…' has no role '文'. */
const ZH_ROLE_RE = new RegExp(`(?<!${HAN})(${ZH_ROLE_WORDS.map(([k]) => k).join('|')})(${ZH_ROLE_SEPARATOR})`, 'g');

/** Words that sit among names in credit lines but are not names. */
const NAME_NOISE = new RegExp(`^(${ZH_NAME_NOISE.join('|')})$`);
const NAME_PREFIX = new RegExp(`^(${ZH_STAFF_TITLES.join('|')})`);
const ZH_STAFF_TITLE_PREFIX = new RegExp(`^(${ZH_STAFF_TITLES.join('|')})\\s*`);

const ZH_NAME = new RegExp(`^(${HAN}{2,4}|${HAN}+·[${HAN_BASIC}·]+)$`);
const FILED_FROM = /\s+in\s+[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*)?$/;
const EN_NAME = /^[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$/;

/** 'LI YIMIN' → 'Li Yimin': names set in capitals on the byline. */
const titleCase = (name: string): string =>
  /^[A-Z' .-]+$/.test(name) && /[A-Z]{2}/.test(name)
    ? name.toLowerCase().replace(/(^|[\s'-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase())
    : name;

/** An outlet or portal among the names ('作者:解放日报 顾杰', '来源:网易'): not a person. */
const OUTLET_NAME = new RegExp(`^(?:${KNOWN_OUTLETS.join('|')}|网易|新浪|腾讯|搜狐|凤凰网|${HAN}{1,4}(?:日报|晚报|新闻|新闻网|报社))$`);

const SINGLE_HAN = new RegExp(`^${HAN}$`);
/** '周 瑜' → '周瑜': two-character names padded with a blank to line up with three-character ones. */
function joinSpacedNames(pieces: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i].trim();
    const b = (pieces[i + 1] ?? '').trim();
    if (SINGLE_HAN.test(a) && SINGLE_HAN.test(b) && !NAME_NOISE.test(a) && !NAME_NOISE.test(b)) {
      out.push(a + b);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Names in a credit value: CJK names split on blanks, 、 and commas; Latin names on commas,
 * '&' and 'and'. Null when any piece does not look like a personal name.
 */
export function splitNames(value: string): string[] | null {
  const v = value.trim().replace(/[。.;]$/, '');
  if (v === '') return [];
  const latin = !hasCjk(v);
  const pieces = latin
    ? v.split(EN_NAME_SEPARATORS)
    : v.split(ZH_NAME_SEPARATORS).flatMap((p) => (p.length > 4 && ZH_NAME_CONJUNCTIONS.test(p) ? p.split(ZH_NAME_CONJUNCTIONS) : [p]));
  const names: string[] = [];
  for (const raw of latin ? pieces : joinSpacedNames(pieces)) {
    const piece = raw.trim();
    if (!piece || NAME_NOISE.test(piece) || (!latin && OUTLET_NAME.test(piece))) continue;
    // 'By Zhou Wenting in Shanghai': where the reporter filed from is not part of the name.
    const name = latin ? titleCase(piece.replace(FILED_FROM, '')) : piece.replace(OUTLET_BEFORE_ROLE, '').replace(NAME_PREFIX, '');
    if (!latin && name === '') continue;
    if (!(latin ? EN_NAME.test(name) : ZH_NAME.test(name))) return null;
    names.push(name);
  }
  return names;
}

/** '澎湃新闻记者 李佳蔚', '新华社记者 张三': the outlet before a staff title is not a name. */
const OUTLET_BEFORE_ROLE = new RegExp(`^(?:${KNOWN_OUTLETS.join('|')}|${HAN}{2,6}?(?:${OUTLET_SUFFIX_SOURCE}|报))(?=${ZH_STAFF_TITLES.join('|')})`);

/** '图/本报记者 袁婧': a staff title straight after a role's separator is the person's title, not a second role. */
const TITLE_AFTER_ROLE = new RegExp(
  `([/:|丨]\\s*)(?:${KNOWN_OUTLETS.join('|')}|${HAN}{2,6}?(?:${OUTLET_SUFFIX_SOURCE}|报))?(?:${ZH_STAFF_TITLES.join('|')})\\s*`,
  'g',
);

/** Credits on one line ('作者:张晓鸣 丁婉星', '编辑:王嘉旖 责任编辑:单颖文', 'By A and B'), else null. */
export function creditLine(line: string): Byline[] | null {
  const s = withoutCreditNoise(line)
    .replace(/^[*※]\s*/, '')
    .replace(/^[[【(]\s*(.*?)\s*[\]】)]$/, '$1')
    .trim();
  // Long enough for a wire credit line (Reporting by …; Additional reporting by …; Writing by …; Editing by …).
  if (!s || s.length > 240) return null;
  if (SHOT_BY.test(s) && hasCjk(s)) return photoCredit(s.replace(SHOT_BY, ''));
  const zh = s.replace(OUTLET_BEFORE_ROLE, '').replace(TITLE_AFTER_ROLE, '$1');
  const marks = [...zh.matchAll(ZH_ROLE_RE)];
  if (marks.length > 0 && marks[0].index === 0) return zhCredits(zh, marks);
  // '本报记者王文娟 李晨琰': a staff title glued to the first name.
  const glued = zh.match(GLUED_STAFF_TITLE);
  if (glued) {
    const names = splitNames(glued[2]);
    return names && names.length ? names.map((name) => ({ name, role: 'reporter' })) : null;
  }
  return enCredits(s);
}

/**
 * What shares a line with the credits on whole saved pages but credits nobody: the source and the
 * publication time ('作者:… 来源:上观新闻 2025-11-26 06:58', '本文来源:澎湃新闻 作者:李佳'), the
 * proofreader ('校对:张艳'), the CMS's editor code ('责任编辑:钟齐鸣_NS1234', '张玉 SN225'), a
 * correction widget ('【纠错】 【责任编辑:刘阳 】').
 */
function withoutCreditNoise(s: string): string {
  return s
    .replace(/【(?:纠错|打印|关闭|收藏)】/g, '')
    .replace(/^\s*[【[]\s*(.*?)\s*[\]】]\s*$/, '$1')
    .replace(/(?:^|\s+)(?:本文)?来源\s*:\s*\S+/g, ' ')
    .replace(/\s*(?:\|\s*)?(?:(?:updated|published|posted)\s*:\s*)?\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/i, '')
    .replace(/\s+校对\s*:.*$/, '')
    .replace(/\s+(?:图片|题图|头图)来源\s*:\s*\S+/g, '')
    .replace(/(?<=\p{Script=Han})(?:_|\s+)[A-Z]{1,4}\d{2,}$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const GLUED_STAFF_TITLE = new RegExp(`^(${ZH_STAFF_TITLES.join('|')})(${HAN}{2,4}(?:[\\s、,]+${HAN}{2,4})*)$`);

/** '本报记者 叶辰亮 摄', '叶辰亮/摄': the names before 摄 took the pictures, whatever their title. */
const SHOT_BY = /\s*\/?\s*(?:摄影|摄)$/;
function photoCredit(value: string): Byline[] | null {
  const names = splitNames(value.replace(OUTLET_BEFORE_ROLE, '').replace(ZH_STAFF_TITLE_PREFIX, ''));
  return names && names.length ? names.map((name) => ({ name, role: 'photographer' })) : null;
}

/**
 * The credit a photo caption ends with: '图为志愿者上门探望老人。本报记者 叶辰亮 摄'. Takes the
 * original line; only photographers are taken from captions.
 */
export function captionCredits(original: string): Byline[] {
  const tail =
    normaliseLine(original)
      .replace(/^[([【]\s*(.+?)\s*[)\]】]$/, '$1')
      .split(/(?<!\b(?:No|St|Mr|Mrs|Dr))[。.!?！？]\s*|\s{2,}/)
      .pop() ?? '';
  // '… Photo by Jiang Qiyu', '… 摄影:叶辰亮', '… 图/叶辰亮'
  const byline = tail.match(/^(?:photos? by|摄影\s*[:/]|图\s*[:/])\s*(.+)$/i);
  if (byline) return (splitNames(byline[1]) ?? []).map((name) => ({ name, role: 'photographer' as const }));
  if (!SHOT_BY.test(tail)) return [];
  return photoCredit(tail.replace(SHOT_BY, '')) ?? [];
}

/** Chinese credits: each role word, then the names up to the next one. */
function zhCredits(s: string, marks: RegExpExecArray[]): Byline[] | null {
  const bylines: Byline[] = [];
  /** Roles joined by '/' ('图/文 叶辰亮'): the names that follow belong to each of them. */
  let joint: BylineRole[] = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    const start = (mark.index ?? 0) + mark[0].length;
    const end = i + 1 < marks.length ? (marks[i + 1].index ?? s.length) : s.length;
    const names = splitNames(s.slice(start, end));
    if (names === null) return null;
    const role = ZH_ROLE_MAP.get(mark[1]) as BylineRole;
    if (names.length === 0 && mark[2].trim() === '/' && end === start) {
      joint.push(role);
      continue;
    }
    for (const r of [...joint, role])
      bylines.push(...names.filter((name) => !bylines.some((b) => b.name === name && b.role === r)).map((name) => ({ name, role: r })));
    joint = [];
  }
  return bylines.length ? bylines : null;
}

/** Splits 'Reporting by A, Written by B' at each comma that starts another role. */
function enSegments(s: string): string[] {
  const segments: string[] = [];
  // 'Reported by A. Translated by B; edited by C.': a full stop before the next role.
  for (const part of s.split(CREDIT_SEGMENT_SEPARATORS).flatMap((p) => p.split(/\.\s+(?=[A-Za-z]+ by\b)/))) {
    let start = 0;
    for (let i = part.indexOf(','); i >= 0; i = part.indexOf(',', i + 1)) {
      const rest = part.slice(i + 1).trimStart();
      if (EN_ROLE_PHRASES.some(([re]) => re.test(rest))) {
        segments.push(part.slice(start, i).trim());
        start = i + 1;
      }
    }
    segments.push(part.slice(start).trim());
  }
  return segments;
}

/** 'China Daily', 'Xinhua': an outlet credited beside the names ('By A in Shanghai | China Daily'). */
const OUTLET_SEGMENT = /^[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$/;

/** 'Updated: 2025-09-18 09:12' beside the names. */
const UPDATED_SEGMENT = /^(?:updated|published|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?$/i;
/** 'by Xinhua writers Zhang Hai and Wang Mengxi': the wire's description of its staff. */
const WIRE_WRITERS = /^(?:[A-Z][A-Za-z]+\s+)?(?:staff\s+)?(?:writers?|reporters?|correspondents?)\s+/;

function enCredits(s: string): Byline[] | null {
  const bylines: Byline[] = [];
  for (const segment of enSegments(s)) {
    const rule = EN_ROLE_PHRASES.find(([re]) => re.test(segment));
    if (!rule && bylines.length > 0 && (OUTLET_SEGMENT.test(segment) || UPDATED_SEGMENT.test(segment))) continue;
    if (!rule) return null;
    const names = splitNames(segment.replace(rule[0], '').replace(WIRE_WRITERS, ''));
    if (names === null || names.length === 0) return null;
    bylines.push(...names.map((name) => ({ name, role: rule[1] })));
  }
  return bylines.length ? bylines : null;
}

// ---------------------------------------------------------------------------------------------
// Outlets and datelines

const OUTLET_ALT = `${KNOWN_OUTLETS.join('|')}|${HAN}{2,6}?(?:${OUTLET_SUFFIX_SOURCE})`;
/** '新华社上海12月27日电', '据新华社成都12月20日电', '本报讯', '据新华社电'. */
const ZH_DATELINE_RE = new RegExp(`^(?:${REPORTED_BY})?(${OUTLET_ALT})?\\s*(${HAN}{0,10}?)\\s*(${CN_MONTH_DAY})\\s*(${DATELINE_ENDS})`);
const ZH_XUN_RE = new RegExp(`^(${OUTLET_ALT})讯|^${REPORTED_BY}(${OUTLET_ALT})电`);
const KNOWN_MESSAGE_RE = new RegExp(`(${KNOWN_OUTLETS.filter((o) => !SELF_OUTLETS.has(o)).join('|')})${MESSAGE_CREDIT}`);
const ANY_MESSAGE_RE = new RegExp(`(?:^|[\\s|丨】\\])])(${HAN}{2,8}?(?:${MESSAGE_OUTLET_SUFFIX_SOURCE}))${MESSAGE_CREDIT}`);
/** 'BEIJING, Dec. 28 (Xinhua) --', 'SHANGHAI (Reuters) -' (no date). */
const EN_DATELINE_RE = new RegExp(`^([A-Z][A-Z .'-]{1,30}?)(?:,\\s*(${EN_MONTH_DAY}))?\\s*\\(([^)]{2,40})\\)\\s*(?:--|—|–|-)`);
const EN_PLACE_RE = /^([A-Z][A-Z .'-]{1,30}?)\s*(?:--|—|–)\s/;

export interface OutletOpening {
  outlet: string | null;
  /** Place and date, e.g. '武汉12月28日电' or '12月28日电'; null for '…消息:' openings. */
  dateline: string | null;
  /** Names in the brackets straight after the dateline: '(聂文闻 彭锦弦 陈有为)'. */
  reporters: string[];
}

function bracketNames(rest: string): string[] {
  const m = rest.match(/^\s*\(\s*([^()]{1,40}?)\s*\)/);
  if (!m) return [];
  return splitNames(m[1]) ?? [];
}

/**
 * How a story opens when it credits an outlet: '中新网武汉12月28日电 (聂文闻 彭锦弦 陈有为)记者…',
 * '新华社北京12月28日电', '本报讯(记者 张三)', '… 央视网消息:…', 'BEIJING, Dec. 28 (Xinhua) -- …'.
 * With `anywhere`, an '…消息:' credit is also found after a leading headline echo.
 */
export function outletOpening(text: string, anywhere = false): OutletOpening | null {
  const s = normaliseLine(text);
  let m = s.match(ZH_DATELINE_RE);
  if (m) {
    const outlet = m[1] ?? null;
    const place = m[2] ?? '';
    return { outlet, dateline: `${place}${m[3]}${m[4]}`, reporters: bracketNames(s.slice(m[0].length)) };
  }
  if ((m = s.match(ZH_XUN_RE))) {
    return { outlet: m[1] ?? m[2], dateline: null, reporters: bracketNames(s.slice(m[0].length)) };
  }
  if ((m = s.match(EN_DATELINE_RE))) {
    return { outlet: m[3].trim(), dateline: m[2] ? `${m[1].trim()}, ${m[2]}` : m[1].trim(), reporters: [] };
  }
  const message = s.match(KNOWN_MESSAGE_RE) ?? s.match(ANY_MESSAGE_RE);
  if (message && (anywhere || (message.index ?? 0) === 0)) {
    return { outlet: message[1], dateline: null, reporters: [] };
  }
  if ((m = s.match(EN_PLACE_RE))) return { outlet: null, dateline: m[1].trim(), reporters: [] };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shape of a line

/** Reads like running text rather than a headline: a full stop, or long. */
export function isProse(s: string): boolean {
  if (hasCjk(s)) return /。/.test(s) || [...s].length >= 50;
  const words = s.split(/\s+/).filter(Boolean).length;
  return (words >= 8 && /[.!?"”']$/.test(s)) || words >= 25;
}
