/**
 * Neighbourhood figures as news copy states them, in Chinese and English: the name, district,
 * subdistrict, year built, households (with "余"/"about" → approximate), occupied households
 * (counted, or from an occupancy rate), shares with their qualifier and the population they are
 * about, and head counts (kept as counts, never turned into shares). Figures that are not about
 * the neighbourhood (800户签署了意愿书, 惠及居民约2万户, benefited 20,000 households) are set aside
 * with a reason. Pure; every pattern is bounded (no unbounded backtracking on long lines).
 */
import { COUNT_SOURCE, parseCount, parseShareText, parseYear } from './numbers';
import { EN_NUMBER_WORDS, CN_DIGIT_CHARS, CN_ONE_TO_NINE, CN_NUMERAL as CN_NUM, CN_YEAR_DIGIT_CHARS, HAN as H, isHanChar } from './vocabulary';

export type Population = 'tenants' | 'elderly' | 'living-alone' | 'other';

export interface StatedShare {
  value: number;
  qualifier: string | null;
  population: Population;
  text: string;
}

export interface StatedCount {
  count: number;
  approximate: boolean;
  population: string;
  text: string;
}

export interface SetAside {
  text: string;
  reason: string;
}

export interface StatedFigures {
  name: string | null;
  district: string | null;
  subdistrict: string | null;
  yearBuilt: number | null;
  households: number | null;
  householdsApproximate: boolean;
  occupiedHouseholds: number | null;
  occupiedFromRate: number | null;
  shares: StatedShare[];
  headCounts: StatedCount[];
  setAside: SetAside[];
}

/** Nothing stated yet: each language's reader fills in what it finds. */
function noFigures(): StatedFigures {
  return {
    name: null,
    district: null,
    subdistrict: null,
    yearBuilt: null,
    households: null,
    householdsApproximate: false,
    occupiedHouseholds: null,
    occupiedFromRate: null,
    shares: [],
    headCounts: [],
    setAside: [],
  };
}

const COUNT = `(${COUNT_SOURCE})`;

/** Clauses: split on sentence and clause punctuation; each keeps its offset in the text. */
function clauses(text: string, re = /[^,，;；。!?！？\n]+/g): Array<{ text: string; at: number }> {
  return [...text.matchAll(re)].map((m) => ({ text: m[0], at: m.index ?? 0 }));
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。!?！？\n])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// =============================================================================================
// Chinese

const ZH_SHARE = [
  String.raw`\d+(?:\.\d+)?\s*%`,
  `百分之[${CN_DIGIT_CHARS}十百点]+`,
  String.raw`[一二两三四五六七八九十]+分之[一二两三四五六七八九十]+`,
  String.raw`\d+\s*/\s*\d+`,
  `[${CN_ONE_TO_NINE}两]成[${CN_ONE_TO_NINE}]?(?![员本果功为立熟绩长就交都效])`,
  '近半',
  '过半',
  '一半',
  '半数',
].join('|');
const ZH_QUAL = '(约为|约占|大约|约|近|将近|接近|超过|超|逾|不到|达到了|达到|达|过)';

function zhShareValue(raw: string): number | null {
  if (raw === '近半' || raw === '过半') return 0.5;
  return parseShareText(raw);
}

function populationZh(before: string, after: string): Population | null {
  // '这些老人中三分之一是独居老人': a share of those living alone, whichever side names them.
  const alone = (s: string) => /独居/.test(s) && !/双独居/.test(s);
  if (alone(before) || alone(after)) return 'living-alone';
  const classify = (s: string): Population | null => {
    if (/(租户|租客|出租|承租|租住)/.test(s)) return 'tenants';
    if (/(\d{2}|六十|六十五|七十|八十)(周)?岁|老人|老年|长者|老龄/.test(s)) return 'elderly';
    return null;
  };
  return classify(before) ?? classify(after);
}

/** '60岁以上老人逾六成', '租户超过三成': the population right before its share (a qualifier between). */
const POPULATION_THEN_SHARE = /(老人|老年人|长者|租户|租客|住户|居民)(?:的)?(?:约|大约|近|将近|接近|超过|超|逾|达|不到)?$/;
/** '每4户中就有1户是租户', '每五户里有两户出租': M of every N. */
const EVERY_N = new RegExp(`每\\s*(\\d+|[${CN_DIGIT_CHARS}十])\\s*户(?:中|里|当中)?(?:就)?有\\s*(\\d+|[${CN_DIGIT_CHARS}十])\\s*户([^,，。；;]{0,12})`, 'g');

const SHARE_OF_POPULATION = /^的(?:住户|居民|家庭|老人|老年人|人口|房屋|房子|业主)/;

function sharesZh(text: string, out: StatedFigures): void {
  for (const m of text.matchAll(EVERY_N)) {
    const of = parseCount(m[1]);
    const part = parseCount(m[2]);
    if (!of || part === null || part > of) continue;
    const at = m.index ?? 0;
    out.shares.push({ value: part / of, qualifier: null, population: populationZh(text.slice(Math.max(0, at - 24), at), m[3]) ?? 'other', text: m[0] });
  }
  const shareRe = new RegExp(`(${ZH_SHARE})`, 'g');
  for (const c of clauses(text)) {
    if (/入住率|入住比例/.test(c.text)) continue; // occupancy, read apart
    for (const m of c.text.matchAll(shareRe)) {
      const value = zhShareValue(m[1]);
      if (value === null || value > 1) continue;
      const at = m.index ?? 0;
      const before = c.text.slice(Math.max(0, at - 24), at);
      const after = c.text.slice(at + m[0].length, at + m[0].length + 20);
      // A share needs a share verb or noun nearby: 占, 比例, 比重, 是/为 (其中四分之一是租户).
      // …or modifies the population it is a share of: '五分之一的住户把房子租给了租户'.
      if (!/(占|比例|比重|是|为|有)/.test(before + after.slice(0, 6)) && !SHARE_OF_POPULATION.test(after) && !POPULATION_THEN_SHARE.test(before)) continue;
      const population = populationZh(before, after) ?? 'other';
      const q = before.match(new RegExp(`${ZH_QUAL}[^\\d${CN_DIGIT_CHARS}十百]{0,8}$`));
      const qual =
        m[1] === '近半'
          ? '近'
          : m[1] === '过半'
            ? '超过'
            : q
              ? q[1].replace(/^(约为|约占|大约)$/, '约').replace(/^(达到了|达到)$/, '达')
              : /左右$|^左右/.test(after.slice(0, 2))
                ? '约'
                : null;
      out.shares.push({ value, qualifier: qual, population, text: c.text.trim() });
    }
  }
}

/** Before a count: about, nearly, more than ('约', '近', '逾', '超过'). One capture group. */
const ZH_ABOUT = '(约|大约|近|将近|接近|超过|超|逾)';

const NOT_OURS_BEFORE = /(惠及|覆盖|涉及|帮助|服务|受益|带动|全区|全市|全省|全国|全县|全镇|累计|各地|共计为|已有)[^,，。；;]{0,6}$/;
/** '田林街道共有居民3万余户', '该镇共有…': a subdistrict's, district's or town's total stands right before the count. */
const PLACE_TOTAL_BEFORE = /(?:街道|镇|乡|县|市|新区|[^小社园民营景校片辖街住]区)(?:内|辖区内?|范围内)?$/;
/** '辖区内有12个小区、3.2万户居民': a count over several neighbourhoods. */
const SEVERAL_PLACES = /(辖区|全街道|全镇|全乡|(?:\d+|[一二两三四五六七八九十百]+)个(?:小区|居民区|社区|村))/;
const NOT_OURS_AFTER = /^(签署|签订|签约|同意|参与|报名|受益|完成|申请|提出|表决|参加|加装|改造)/;

function householdsZh(text: string, out: StatedFigures): void {
  const occupied = [
    new RegExp(
      `(?:已经入住|已入住|实际入住|目前入住|现已入住|其中入住|(?<=[,，;；])入住|入住户数为|已经搬入|已搬入|已迁入|已回搬|入住了|搬入了|迁入了)(?:了)?\\s*(约|近|超过|逾)?\\s*${COUNT}\\s*(余|多)?户`,
      'g',
    ),
  ];
  const spans: Array<[number, number]> = [];
  for (const re of occupied) {
    for (const m of text.matchAll(re)) {
      const n = parseCount(m[2]);
      if (n === null) continue;
      spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
      if (out.occupiedHouseholds === null) out.occupiedHouseholds = n;
    }
  }
  const rate = text.match(new RegExp(`入住率(?:已经|已|目前)?(?:为|约为|约|达到了|达到|达|已达|超过了|超过|接近|近|逾)?\\s*(?:约|近|超过)?\\s*(${ZH_SHARE})`));
  if (rate) {
    const v = zhShareValue(rate[1]);
    if (v !== null && v <= 1) out.occupiedFromRate = v;
  }
  const total = new RegExp(
    [
      `(?:一共|共有|总共|共计|合计|总计|现有|共)(?:住户|居民|村民|农户|家庭|人家|住房)?(?:户数)?(?:为|达|约|近|有|计|了)?\\s*${ZH_ABOUT}?\\s*${COUNT}\\s*(余|多)?户`,
      `(?:总户数|居民户数|村民户数|住户数)(?:共计|共有|为|达|约|有|是)?\\s*${ZH_ABOUT}?\\s*${COUNT}\\s*(余|多)?户`,
      `(?:有|居住着?|住着)(?:住户|居民|村民|农户)\\s*${ZH_ABOUT}?\\s*${COUNT}\\s*(余|多)?户`,
      `(?:住户|居民|村民|农户)(?:共有|共|有|约)?\\s*${ZH_ABOUT}?\\s*${COUNT}\\s*(余|多)?户`,
      `${ZH_ABOUT}?${COUNT}\\s*(余|多)?户(?:居民|住户|人家)`,
      // '住着居民约1.1万人、4,300余户': households straight after the head count
      `(?<=人、)${ZH_ABOUT}?${COUNT}\\s*(余|多)?户`,
    ].join('|'),
    'g',
  );
  for (const m of text.matchAll(total)) {
    const at = m.index ?? 0;
    if (spans.some(([a, b]) => at < b && at + m[0].length > a)) continue;
    const groups = m.slice(1);
    let countRaw: string | undefined;
    let approx = false;
    for (let g = 0; g < groups.length; g += 3) {
      if (groups[g + 1] !== undefined) {
        countRaw = groups[g + 1];
        approx = !!groups[g + 2] || !!groups[g];
        break;
      }
    }
    const n = countRaw ? parseCount(countRaw) : null;
    if (n === null) continue;
    const before = text.slice(Math.max(0, at - 10), at);
    const after = text.slice(at + m[0].length, at + m[0].length + 6);
    if (NOT_OURS_BEFORE.test(before) || NOT_OURS_AFTER.test(after) || /(惠及|覆盖|涉及|受益)/.test(m[0])) {
      out.setAside.push({ text: m[0], reason: "a count of households that is not the neighbourhood's total" });
      continue;
    }
    const clause = text.slice(Math.max(...[...',，。；;\n'].map((c) => text.lastIndexOf(c, at - 1))) + 1, at);
    if (PLACE_TOTAL_BEFORE.test(before) || SEVERAL_PLACES.test(clause)) {
      out.setAside.push({ text: m[0], reason: 'the households of a subdistrict, town or district, not of the neighbourhood' });
      continue;
    }
    if (out.households === null) {
      out.households = n;
      out.householdsApproximate = approx;
    }
  }
  // Figures that look like households but are about something else: reported, not taken.
  for (const m of text.matchAll(new RegExp(`(?:惠及|覆盖|涉及|已有)(?:居民|住户)?(?:约|近|超过)?${COUNT}(?:余|多)?户[^,，。；;]{0,8}`, 'g'))) {
    if (!out.setAside.some((s) => s.text.includes(m[0]) || m[0].includes(s.text))) {
      out.setAside.push({ text: m[0], reason: "a count of households that is not the neighbourhood's total" });
    }
  }
}

function headCountsZh(text: string, out: StatedFigures): void {
  const re = new RegExp(
    `((?:独居|孤寡|空巢|高龄|失能)?(?:老人|老年人|长者|居民|志愿者|租户|党员)(?:有|共有|约|达)?)\\s*(${'\\d'}+|${CN_NUM}+)\\s*(余|多)?\\s*(?:人|位|名)`,
    'g',
  );
  for (const m of text.matchAll(re)) {
    const n = parseCount(m[2]);
    if (n === null) continue;
    out.headCounts.push({ count: n, approximate: !!m[3], population: m[1].replace(/(有|共有|约|达)$/, ''), text: m[0] });
  }
  for (const m of text.matchAll(new RegExp(`(${'\\d'}+|${CN_NUM}+)(余|多)(?:人|位|名)`, 'g'))) {
    const n = parseCount(m[1]);
    if (n !== null && !out.headCounts.some((h) => h.text.includes(m[0])))
      out.headCounts.push({ count: n, approximate: true, population: 'people', text: m[0] });
  }
}

const YEAR = `(\\d{4}|[${CN_YEAR_DIGIT_CHARS}]{4})`;
/** Works on an existing estate: the year they were finished is not the year it was built. */
const WORKS_ZH = /(改造|翻新|修缮|整治|加装|更新|工程|项目|维修|装修|提升)/;
const YEAR_BUILT_ZH = [
  new RegExp(`(?:始建于|建于|建成于|落成于|竣工于|交付于)${YEAR}年`, 'g'),
  new RegExp(`(?:于)?${YEAR}年(?:\\d{1,2}月)?(?:建成交付|建成|竣工|落成|交付|交房|建造)`, 'g'),
];
function yearZh(text: string): number | null {
  for (const re of YEAR_BUILT_ZH) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const clause = text.slice(Math.max(...[...',，。；;\n'].map((c) => text.lastIndexOf(c, at - 1))) + 1, at + m[0].length);
      if (WORKS_ZH.test(clause)) continue;
      return parseYear(m[1]);
    }
  }
  return null;
}

// --- names and places --------------------------------------------------------------------------

const STOP_CHARS = /[的了在于是到从把被让这那个也都就还将对为给跟与及以其此该每各整位入住搬迁共有近走进距离开办叫称,，。、]/;
const GENERIC = new Set([
  '这里',
  '那里',
  '村里',
  '城里',
  '家里',
  '心里',
  '邻里',
  '公里',
  '弄里',
  '社区里',
  '园里',
  '老小区',
  '新小区',
  '小区',
  '社区',
  '居民区',
  '公园',
  '校园',
  '花园',
  '家园',
  '乐园',
  '菜园',
  '园区',
  '老城',
  '新城',
  '全城',
  '进城',
  '城乡',
  '农村',
  '乡村',
  '新村',
  '全村',
  '口袋公园',
  '共享菜园',
  '美丽家园',
  '动迁安置',
  '安置',
  '动迁',
  '老旧',
  '商品房',
  '大型居住',
  '本',
  '该',
  '整个',
  '所在',
]);
const STRONG = /(小区|居民区)$/;
/** '我们楼里…', '大家心里…': a pronoun does not start a place name. */
const PRONOUN_START = /^(我们|咱们|你们|他们|她们|大家|自己|我|你|他|她)/;
/** '楼里', '院里', '家里': 里 after a building or room means 'inside', not a lane's name. */
const INSIDE_A_PLACE = /[楼家村城心屋院区园弄巷店校厂房车街市镇夜梦手眼嘴坊]里$/;
/** Places whose names end like a neighbourhood's but where nobody lives: gardens, parks, schools, industrial parks. */
const NOT_A_HOME = /(菜园|公园|乐园|校园|果园|茶园|幼儿园|产业园|科技园|工业园|创业园|植物园|动物园|游乐园|陵园|墓园)$/;
const NAME_SUFFIX = '(?:小区|居民区|新村|花园|家园|公寓|街坊|新城|华庭|新苑|院落|[一二三四五六七八九十]区|苑|园|里|坊|城|村|庭|府|湾)';

function cleanName(run: string): string {
  let s = run;
  let cut = -1;
  for (let i = 0; i < s.length - 1; i += 1) if (STOP_CHARS.test(s[i])) cut = i;
  if (cut >= 0) s = s.slice(cut + 1);
  const admin = s.match(/^.+(?:新区|区|县|市|镇|乡|街道)(?=.{2,})/);
  if (admin) s = s.slice(admin[0].length);
  s = s.replace(/^(位于|地处|坐落于|来自|家住|住在|一处|一个)/, '');
  return s;
}

function nameZh(text: string, figureSentences: string[]): string | null {
  const scores = new Map<string, { score: number; first: number }>();
  const re = new RegExp(`${NAME_SUFFIX}(?!街道|镇|乡|路|区|县|委|的人|里的)`, 'g');
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    let start = m.index ?? 0;
    while (start > 0 && isHanChar(text[start - 1]) && end - start < 12) start -= 1;
    // '228街坊': a number that names the block.
    while (start > 0 && /\d/.test(text[start - 1]) && end - start < 12) start -= 1;
    const raw = cleanName(text.slice(start, end));
    const strong = STRONG.test(raw);
    const name = raw.replace(/(小区|居民区)$/, '');
    const len = [...name].length;
    // '居民楼', '安置房': buildings, not places; '佟楼小区' is a place all the same.
    if (len < 2 || len > 8 || GENERIC.has(name) || GENERIC.has(raw) || /(房|户)$/.test(name) || (!strong && /(楼|门)$/.test(name)) || NOT_A_HOME.test(name))
      continue;
    if (/^(老|新|大|小|本|该|各|全|这|那|其|此|一|两|几|多)/.test(name) && len <= 3) continue;
    if (PRONOUN_START.test(name) || INSIDE_A_PLACE.test(name)) continue;
    if (!strong && !/(新村|花园|家园|公寓|街坊|新城|华庭|新苑)$/.test(name) && len < 3 && !/[苑园]$/.test(name)) continue;
    // '劲松八区' is a numbered estate; '第三区' or a bare '八区' is not.
    if (/[一二三四五六七八九十]区$/.test(name) && (len < 4 || /^第/.test(name))) continue;
    const entry = scores.get(name) ?? { score: 0, first: m.index ?? 0 };
    entry.score += 1 + (strong ? 1 : 0);
    scores.set(name, entry);
  }
  for (const [name, entry] of scores) {
    if (figureSentences.some((s) => s.includes(name))) entry.score += 3;
    // Introduced as a place: '淞南镇的…', '就是一个小区——淞南公寓'.
    if (new RegExp(`(?:(?:小区|社区|居民区)(?:——|—|:)|(?:街道|镇|乡|区|县)的)${name}`).test(text)) entry.score += 2;
    // A name that is part of a longer candidate (新村 inside 彭浦新村) gives way to it.
    for (const other of scores.keys()) if (other !== name && other.endsWith(name)) entry.score -= 2;
    // ... and so does its start when the text only ever writes it as part of the longer one (桃园 of 桃园新村).
    for (const other of scores.keys()) {
      if (other !== name && other.startsWith(name) && text.split(name).length === text.split(other).length) entry.score -= 3;
    }
  }
  let best: { name: string; score: number; first: number } | null = null;
  for (const [name, { score, first }] of scores) {
    if (score < 3) continue;
    if (!best || score > best.score || (score === best.score && first < best.first)) best = { name, score, first };
  }
  return best?.name ?? null;
}

const GENERIC_AREA =
  /((小区|居民区|社区|园区|片区|辖区|景区|校区|街区|住宅区|开发区|试验区|保护区|功能区|风险区|封控区|管控区|防范区|城乡|居住区)$|^(城区|市区|郊区|山区|地区|新区|老区|全区|本区|该区|各区|一区|两区|外区)$)/;

function trimDistrict(raw: string): string | null {
  let s = raw;
  let cut = -1;
  for (let i = 0; i < s.length - 2; i += 1) if (STOP_CHARS.test(s[i])) cut = i;
  if (cut >= 0) s = s.slice(cut + 1);
  s = s.replace(/^(位于|地处|坐落于|坐落在|隶属于?|来自|家住|住在|在|于|是|从|到|和|与|走进)/, '');
  s = s.replace(new RegExp(`^.*[省市](?=${H}{2,3}(新区|区|县)$)`), '');
  return [...s].length >= 2 && [...s].length <= 5 && !GENERIC_AREA.test(s) && !/(全|多个|来自|各|[十百千几])/.test(s) ? s : null;
}

/** How a subdistrict's name ends: 街道, 镇 (not the 镇 of '嘉定镇街道'), 乡. */
const SUBDISTRICT_END = '(?:街道|镇(?!街道)|乡)';

function placeZh(text: string, name: string | null): { district: string | null; subdistrict: string | null } {
  const pair = new RegExp(`(${H}{2,4}?(?:新区|区|县))(${H}{2,5}?${SUBDISTRICT_END})`, 'g');
  let district: string | null = null;
  let subdistrict: string | null = null;
  for (const m of text.matchAll(pair)) {
    const d = trimDistrict(m[1]);
    if (d && !/[区县]/.test(m[2].slice(0, -1)) && !/(多个|[十百千几]|各|全)/.test(m[2])) {
      district = d;
      subdistrict = m[2];
      break;
    }
  }
  if (!subdistrict && name) {
    // '顾村镇的馨佳园', '位于殷行街道的市光四村'
    const near = text.match(new RegExp(`(${H}{2,5}?${SUBDISTRICT_END})的${name}`));
    // '该县江湾镇的…': what stands before the town's own name ('该县', '全区') is not part of it.
    if (near) subdistrict = near[1].replace(/^(位于|地处|坐落于|坐落在|在|于)/, '').replace(new RegExp(`^${H}*?[省市县区](?=${H}{2,}${SUBDISTRICT_END}$)`), '');
  }
  if (!district) {
    for (const m of text.matchAll(new RegExp(`(${H}{2,5}?(?:新区|区|县))`, 'g'))) {
      const d = trimDistrict(m[1]);
      if (d) {
        district = d;
        break;
      }
    }
  }
  return { district, subdistrict };
}

const FIGURE_SENTENCE_ZH = new RegExp(`(\\d|[${CN_ONE_TO_NINE}十])+\\s*(余|多)?户|建于|建成|占比|成立于|入住率|交付`);

export function statedFiguresZh(paragraphs: string[]): StatedFigures {
  const text = paragraphs.join('\n');
  const out = noFigures();
  out.yearBuilt = yearZh(text);
  householdsZh(text, out);
  sharesZh(text, out);
  headCountsZh(text, out);
  const figureSentences = sentences(text).filter((s) => FIGURE_SENTENCE_ZH.test(s));
  out.name = nameZh(text, figureSentences);
  Object.assign(out, placeZh(text, out.name));
  return out;
}

// =============================================================================================
// English

const EN_UNITS_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const EN_TENS_WORDS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
/** 'nine hundred', 'twelve hundred', 'two thousand five hundred', 'forty-two' (regex source, no groups). */
const EN_COUNT_WORDS = `(?:(?:${EN_TENS_WORDS})(?:-(?:${EN_UNITS_WORDS}))?|${EN_UNITS_WORDS})(?:[^\\S\\n]+(?:hundred|thousand)(?:[^\\S\\n]+(?:and[^\\S\\n]+)?(?:(?:${EN_TENS_WORDS})(?:-(?:${EN_UNITS_WORDS}))?|${EN_UNITS_WORDS})(?:[^\\S\\n]+hundred)?)?)*`;
const EN_WORD_VALUES: Record<string, number> = Object.fromEntries([
  ...EN_UNITS_WORDS.split('|').map((w, i) => [w, i + 1]),
  ...EN_TENS_WORDS.split('|').map((w, i) => [w, (i + 2) * 10]),
] as Array<[string, number]>);

/** '1,600' → 1600; 'nine hundred' → 900; 'two thousand five hundred' → 2500. */
export function parseCountEn(raw: string): number | null {
  const s = raw.toLowerCase().replace(/-odd$/, '').trim();
  if (/^[\d,]+$/.test(s)) return parseCount(s);
  let total = 0;
  let group = 0;
  for (const word of s.split(/[\s-]+/)) {
    if (word === 'and') continue;
    if (word === 'hundred') group = (group || 1) * 100;
    else if (word === 'thousand') {
      total += (group || 1) * 1000;
      group = 0;
    } else if (EN_WORD_VALUES[word] !== undefined) group += EN_WORD_VALUES[word];
    else return null;
  }
  return total + group || null;
}

const EN_NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+|${EN_COUNT_WORDS})(?:-odd)?`;
const EN_SHARE =
  String.raw`(\d+(?:\.\d+)?\s*(?:%|per\s?cent)|(?:one|` +
  Object.keys(EN_NUMBER_WORDS).join('|') +
  String.raw`|\d{1,2}) in (?:` +
  Object.keys(EN_NUMBER_WORDS).join('|') +
  String.raw`|\d{1,3})\b|(?:one|a|two)[- ](?:third|quarter|fifth)s?|two[- ]thirds|three[- ]quarters|three[- ]fifths|half)`;
const EN_QUAL = String.raw`(about|around|roughly|nearly|almost|over|more than|some|under|less than|close to|just over|just under)`;

function enShareValue(raw: string): number | null {
  const s = raw.toLowerCase().replace(/-/g, ' ');
  if (s === 'two thirds') return 2 / 3;
  if (s === 'three quarters') return 0.75;
  if (s === 'three fifths') return 0.6;
  // 'one in four', 'two in five', 'three in 10'
  const nIn = s.match(/^(\w+) in (\w+)$/);
  if (nIn) {
    const word = (w: string) => (/^\d+$/.test(w) ? Number(w) : w === 'one' ? 1 : (EN_NUMBER_WORDS[w] ?? NaN));
    const v = word(nIn[1]) / word(nIn[2]);
    return Number.isFinite(v) && v > 0 && v <= 1 ? v : null;
  }
  return parseShareText(s);
}

function populationEn(s: string): Population | null {
  if (/\b(live|living|lives) alone\b/i.test(s)) return 'living-alone';
  if (/\b(tenants?|renters?|rent(?:ed|ing|s)?)\b/i.test(s)) return 'tenants';
  if (
    /\b(aged|over|above|older than)\s+(?:over\s+|above\s+)?(60|65|70|sixty)\b|\b(60|65) or (above|older|over)\b|\belderly\b|\bseniors?\b|\bpensioners?\b|\bretire(?:d|es)\b/i.test(
      s,
    )
  )
    return 'elderly';
  return null;
}

const APPOSITION_EN =
  /\b([A-Z][A-Za-z'’]+(?:[^\S\n]+[A-Z][A-Za-z'’]+){0,3}),[^\S\n]+(?:an?|the)[^\S\n]+(?:[a-z-]+[^\S\n]+){0,3}?(?:estate|compound|community|neighbou?rhood)\b(?=[^\S\n]*(?:[,.;]|in\b|of\b|on\b|built\b|that\b|which\b|with\b|where\b|near\b|$))/g;

function namesEn(text: string, figureSentences: string[]): string | null {
  const re =
    /\b((?:(?:[A-Z][A-Za-z'’]+|No\.[^\S\n]*\d+)[^\S\n]+){0,3}(?:Garden|Gardens|Court|Estate|Village|Apartments|Residences|Heights|Mansions|Lane|Terrace|Hutong))\b(?!\s+(?:Subdistrict|Town|Township|District))/g;
  const scores = new Map<string, { score: number; first: number }>();
  for (const m of text.matchAll(re)) {
    const name = m[1]
      .replace(/^.*['’]s\s+/, '') // 'Jiangqiao Town's Jinhe Garden': the place before the name is not part of it
      .replace(/^(?:(?:The|A|An|In|At|Of|When|Built|Completed|Across|Today|Residents?|Since|From|Every|For|Its|Her|His|Their|Our|My)\s+)+/, '')
      .trim();
    if (name.split(/\s+/).length < 2) continue;
    const e = scores.get(name) ?? { score: 0, first: m.index ?? 0 };
    e.score += 1;
    scores.set(name, e);
  }
  // '… in Caojiadu Garden community', 'Pengpu New Village estate'
  for (const m of text.matchAll(/\b((?:[A-Z][A-Za-z'’]+[^\S\n]+){1,3})(?:residential\s+)?(?:estate|community|compound|neighbou?rhood)\b/g)) {
    // 'a Beijing estate' describes; a name does not take 'a'.
    if (/\ban?\s+$/i.test(text.slice(Math.max(0, (m.index ?? 0) - 3), m.index ?? 0))) continue;
    const name = m[1].trim().replace(/^(?:(?:The|A|In|At|Of|When)\s+)+/, '');
    if (!name || /^(The|This|That|Our|Their|Her|His|Its|My|Shanghai)$/.test(name)) continue;
    const e = scores.get(name) ?? { score: 0, first: m.index ?? 0 };
    e.score += 1;
    scores.set(name, e);
  }
  // 'Fangzhuang Fangqunyuan, an estate in Fengtai District': a name in apposition to 'an estate'.
  for (const m of text.matchAll(APPOSITION_EN)) {
    const name = m[1].replace(/^(?:(?:The|In|At|Of|When|Built|Completed|Across|Today|Since|From)\s+)+/, '');
    if (name.split(/\s+/).length < 2 && !scores.has(name)) continue;
    const e = scores.get(name) ?? { score: 0, first: m.index ?? 0 };
    e.score += 2;
    scores.set(name, e);
  }
  let best: { name: string; score: number; first: number } | null = null;
  for (const [name, e] of scores) {
    if (figureSentences.some((s) => s.includes(name))) e.score += 2;
    if (!best || e.score > best.score || (e.score === best.score && e.first < best.first)) best = { name, ...e };
  }
  return best && best.score >= 1 ? best.name : null;
}

const WORKS_EN = /\b(renovat\w*|retrofit\w*|upgrad\w*|refurbish\w*|repair\w*|project|works|lifts?|installation)\b/i;
/** 'Jing'an District has 420,000 households': a place larger than the estate is the subject. */
const ESTATE_WORD_EN =
  /\b(?:Gardens?|Court|Estate|Village|Apartments|Residences|Heights|Mansions|Lane|Terrace|estate|compound|community|neighbou?rhood|complex)\b/;
const PLACE_SUBJECT_EN = /\b(?:District|City|Town|Township|Subdistrict|County|Area|district|city|town|county|Shanghai|Beijing)\s*$/;

export function statedFiguresEn(paragraphs: string[]): StatedFigures {
  const text = paragraphs.join('\n');
  const out = noFigures();
  for (const m of text.matchAll(/\b(?:built|completed|finished|constructed)\s+in\s+(\d{4})\b/gi)) {
    // 'Its renovation was completed in 2020': works on the estate, not the year it was built.
    const at = m.index ?? 0;
    if (WORKS_EN.test(text.slice(Math.max(text.lastIndexOf('.', at - 1), text.lastIndexOf('\n', at - 1)) + 1, at))) continue;
    out.yearBuilt = parseYear(m[1]);
    break;
  }

  const total = new RegExp(`\\b(?:home to|has|have|houses|comprises|total of|with)\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\b`, 'gi');
  for (const m of text.matchAll(total)) {
    const n = parseCountEn(m[2]);
    const at = m.index ?? 0;
    const subject = text.slice(Math.max(text.lastIndexOf('.', at - 1), text.lastIndexOf('\n', at - 1)) + 1, at);
    if (PLACE_SUBJECT_EN.test(subject) && !ESTATE_WORD_EN.test(subject)) {
      out.setAside.push({ text: m[0], reason: 'the households of a district or city, not of the neighbourhood' });
      continue;
    }
    if (n !== null && out.households === null) {
      out.households = n;
      out.householdsApproximate = !!m[1];
    }
  }
  // 'About 260 households still live there', 'There are 860 households in …', 'the 1,100 households of …', 'the estate's 960 households'
  const stated = [
    `\\b(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\s+(?:still\\s+)?(?:live|lived|living|reside|resided)\\b`,
    `\\b(?:lane|estate|compound|community|neighbou?rhood|village|complex|block)\\s+of\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\b`,
    `\\bits\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\b`,
    `\\bthere\\s+are\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\s+in\\b`,
    `\\bthe\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\s+(?:of|in)\\s+[A-Z]`,
    `['’]s\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\b`,
  ];
  for (const source of stated) {
    const m = out.households === null ? text.match(new RegExp(source, 'i')) : null;
    if (m) {
      out.households = parseCountEn(m[2]);
      out.householdsApproximate = !!m[1] || /-odd$/i.test(m[0]);
    }
  }
  for (const m of text.matchAll(
    new RegExp(`\\b(?:benefit(?:ed|s|ing)?|reach(?:ed)?|cover(?:ed|s)?|serv(?:ed|es))\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+households\\b`, 'gi'),
  )) {
    out.setAside.push({ text: m[0], reason: "a count of households that is not the neighbourhood's total" });
  }
  const occ =
    text.match(new RegExp(`\\bof which\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+(?:households\\s+)?(?:have\\s+)?(?:already\\s+)?moved\\s+(?:in|back)`, 'i')) ??
    text.match(
      new RegExp(`\\bof which\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+(?:households\\s+|flats\\s+|homes\\s+)?(?:are|have been)\\s+(?:now\\s+)?occupied`, 'i'),
    ) ??
    text.match(new RegExp(`\\b(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+(?:households|families)\\s+(?:have\\s+)?(?:already\\s+)?(?:moved|settled)\\s+in`, 'i'));
  // 'Of the estate's 1,960 households, 1,540 have moved in'
  const ofTotal = text.match(
    new RegExp(`\\bof\\s+the\\s+[A-Za-z'’ ]{0,30}?${EN_NUM}\\s+households,\\s+(?:${EN_QUAL}\\s+)?${EN_NUM}\\s+(?:have\\s+)?(?:already\\s+)?moved\\s+in`, 'i'),
  );
  if (occ) out.occupiedHouseholds = parseCountEn(occ[2]);
  else if (ofTotal) out.occupiedHouseholds = parseCountEn(ofTotal[3]);
  const occRate =
    text.match(
      new RegExp(
        `(?:${EN_QUAL}\\s+)?${EN_SHARE}\\s+of\\s+(?:them|the\\s+households|households|the\\s+flats|flats|homes)\\s+(?:have\\s+)?(?:been\\s+)?(?:moved\\s+in|occupied|taken)`,
        'i',
      ),
    ) ?? text.match(new RegExp(`occupancy(?:\\s+rate)?\\s+(?:is|of|stands at|has reached)\\s+(?:${EN_QUAL}\\s+)?${EN_SHARE}`, 'i'));
  if (occRate) out.occupiedFromRate = enShareValue(occRate[2]);

  const shareRe = new RegExp(`(?:${EN_QUAL}\\s+)?${EN_SHARE}`, 'gi');
  // Clauses end at , ; . — not at the comma of '2,100' or the point of '45.5'.
  for (const c of clauses(text, /(?:[^,;.\n]|(?<=\d)[,.](?=\d))+/g)) {
    if (/moved in|occupancy|occupied/i.test(c.text)) continue;
    // Two shares joined by 'and' are read apart; the 'and' of 'aged 60 and above' joins nothing.
    for (const part of c.text.split(/\band\b(?!\s+(?:above|over|older)\b)/)) {
      for (const m of part.matchAll(shareRe)) {
        const value = enShareValue(m[2]);
        if (value === null || value > 1) continue;
        if (/^half$/i.test(m[2]) && !/half\s+of|half\s+(?:the|its)|half\s+are/i.test(part)) continue;
        const population = populationEn(part) ?? 'other';
        out.shares.push({ value, qualifier: m[1] ? m[1].toLowerCase() : null, population, text: part.trim() });
      }
    }
  }
  for (const m of text.matchAll(new RegExp(`\\b${EN_NUM}\\s+(?:of\\s+(?:them|the\\s+[a-z ]{0,30}?)\\s+)?(?:live|living)\\s+alone`, 'gi'))) {
    const n = parseCount(m[1]);
    if (n !== null) out.headCounts.push({ count: n, approximate: false, population: 'living alone', text: m[0] });
  }

  const figureSentences = sentences(text.replace(/\. /g, '.\n')).filter((s) => /households|built in|completed in|percent|%|third|half|quarter/i.test(s));
  out.name = namesEn(text, figureSentences);
  // 'Jing'an District', 'Pudong New Area', 'Anji County'
  const district = text.match(/\b([A-Z][a-z]+(?:['’][a-z]+)?(?:\s+New)?\s+District|[A-Z][a-z]+\s+New\s+Area|[A-Z][a-z]+(?:['’][a-z]+)?\s+County)\b/);
  out.district = district ? district[1].replace(/\s+/g, ' ') : null;
  const sub = text.match(/\b((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+(Subdistrict|Town|Township)\b/);
  out.subdistrict = sub ? `${sub[1]} ${sub[2]}` : null;
  return out;
}
