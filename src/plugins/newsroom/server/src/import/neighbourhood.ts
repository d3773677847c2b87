/**
 * Neighbourhood facts stated in an article body: name, place, year built, households, shares,
 * party secretary, services and partnerships. Returns null unless the text names a neighbourhood
 * and states at least one figure (households, occupied households, a share or the year built).
 */
import { normaliseLine } from './lines';
import { CLOCK_SOURCE, parseClock } from './numbers';
import type { ParsedNeighbourhood, ParsedPartnership, ParsedService } from './types';
import { StatedFigures, statedFiguresEn, statedFiguresZh } from './figures-text';
import { CN_NUMERAL, DAY_PART_SOURCE, FREQUENCY_SOURCE, HAN as H, HAN_BASIC } from './vocabulary';

/** A run of Chinese characters or digits (a population or a place: '80岁以上老人'). */
const HAN_OR_DIGIT = `[${HAN_BASIC}\\d]`;
const DAY_PART_RE = new RegExp(`^(${DAY_PART_SOURCE})`);

// ---------------------------------------------------------------------------------------------
// Chinese

const KIND_RE =
  /(动迁安置房|动迁安置小区|拆迁安置小区|拆迁安置房|动迁小区|动迁房|安置小区|安置房|保障性住房|保障房|公租房|廉租房|经济适用房|共有产权房|售后公房|老公房|商品房小区|商品房|老旧小区|人才公寓)/;

const SPEECH = '(?=告诉|介绍|说|表示|谈|坦言|透露|感慨|回忆|指出|认为|笑|提到|解释|称|带|向|在|对|也|[,，。、“:：\\s(（])';
function partySecretaryZh(text: string): string | null {
  const m = text.match(new RegExp(`党(?:支部|总支|委|组织)?(?:书记|支书)(?:[兼、]${H}{2,8}?(?:主任|主席|书记))?(${H}{2,3}?)${SPEECH}`));
  return m ? m[1] : null;
}

const SERVICE_WORDS =
  /(免费|理发|剪发|修鞋|磨刀|修伞|缝补|配钥匙|血压|血糖|义诊|体检|配餐|助餐|送餐|助浴|陪诊|配药|代购|跑腿|维修|保洁|理疗|推拿|按摩|康复|护理|照料|咨询|上门|探望|探访|巡访|家政|托管|讲座|随访|家庭医生|助老|陪伴)/;
const AUDIENCE_END = /(老人|老年人|长者|居民|住户|儿童|孩子|残疾人|家庭|群体|租户|病人|患者|学生)$/;
const GENERIC_SERVICE = /^(优质|多样|贴心|暖心|周到|便民|精准|全方位|一站式|专业|更好|更多|各类|各种|相关|多元|综合|志愿)$/;

function audienceFrom(clauses: string[]): string | null {
  for (let i = clauses.length - 1; i >= 0; i--) {
    let c = clauses[i].trim();
    if (!AUDIENCE_END.test(c)) continue;
    c = c.replace(/^(比如|例如|其中|针对|对于|对|为|给)/, '');
    c = c.replace(/^(小区|社区|居民区|辖区)(内|里|中)?/, '');
    c = c.replace(/^(一|两|几|多|这|那)?(位|名|个|户|对)/, '');
    if (c.length >= 2) return c;
  }
  return null;
}

const TIMES = String.raw`(?:${CLOCK_SOURCE})(?:[和、及与至到~-](?:${CLOCK_SOURCE}))*`;

/** '每日' + '上午十点和下午三点' → '每日10:00、15:00'; a range '九点至十一点' → '09:00-11:00'. */
function schedule(frequency: string, times: string | undefined): string {
  if (!times) return frequency;
  // '晚上七点至九点': the second time keeps the first one's part of the day.
  let period = '';
  const clocks = [...times.matchAll(new RegExp(CLOCK_SOURCE, 'g'))]
    .map((t) => {
      const own = t[0].match(DAY_PART_RE);
      if (own) period = own[1];
      return parseClock(own || /:/.test(t[0]) ? t[0] : `${period}${t[0]}`);
    })
    .filter((t): t is string => !!t);
  const range = clocks.length === 2 && /[至到~-]/.test(times.replace(new RegExp(CLOCK_SOURCE, 'g'), ''));
  return `${frequency}${clocks.join(range ? '-' : '、')}`;
}

function sentenceAround(text: string, at: number): { start: number; end: number } {
  const start = Math.max(...[...'。！？!?\n'].map((c) => text.lastIndexOf(c, at - 1))) + 1;
  const ends = [...'。！？!?\n'].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  return { start, end: ends.length ? Math.min(...ends) : text.length };
}

function servicesZh(paragraphs: string[]): ParsedService[] {
  const found: Array<ParsedService & { at: number }> = [];
  const text = paragraphs.join('\n');
  const add = (at: number, service: ParsedService) => {
    if (service.name && !found.some((s) => s.name === service.name)) found.push({ ...service, at });
  };

  // Lists: '免费理发、免费修鞋、量血压', '为居民提供义诊、理发、修伞、磨刀等服务'
  let offset = 0;
  for (const clause of text.split(/([\n。！？!?；;，,：:“”"‘’()[\]【】《》])/)) {
    if (clause.includes('、')) {
      const items = clause.split('、').map((s) => s.trim());
      const lead = items[0].match(/^(.*?)(提供|开展|设有|包括|推出|还有)(?!.*(提供|开展|设有|包括|推出|还有))/);
      items[0] = lead ? items[0].slice(lead[0].length) : items[0];
      items[items.length - 1] = items[items.length - 1].replace(/等(服务|项目|活动)?$|(服务|项目)$/, '');
      const short = items.every((s) => [...s].length >= 2 && [...s].length <= 8);
      const hits = items.filter((s) => SERVICE_WORDS.test(s)).length;
      if (items.length >= 2 && short && hits * 2 >= items.length) {
        const { start } = sentenceAround(text, offset);
        const before = text.slice(start, offset + clause.length);
        const when = before.match(new RegExp(`(${FREQUENCY_SOURCE})(${TIMES})?`));
        const who = lead?.[1].match(new RegExp(`(?:为|给|向)(${HAN_OR_DIGIT}{2,12})$`));
        items.forEach((name, i) => add(offset + i, { name, schedule: when ? schedule(when[1], when[2]) : null, audience: who ? who[1] : null }));
      }
    }
    offset += clause.length;
  }

  // Scheduled visits: '每日上午十点和下午三点上门探望'
  const visit = new RegExp(`(${FREQUENCY_SOURCE})(${TIMES})?((?:上门|定期|入户)?${H}{2,6}?)(?=[\\n。，,；;！!？?、“]|$)`, 'g');
  for (const m of text.matchAll(visit)) {
    const action = m[3];
    if (/^(至|到|和|及|与|、)/.test(action) || new RegExp(CLOCK_SOURCE).test(action)) continue;
    if (!m[2] && !SERVICE_WORDS.test(action)) continue;
    const at = m.index ?? 0;
    const before = text.slice(sentenceAround(text, at).start, at);
    const own = before.match(new RegExp(`(?:为|给|对|向)(${HAN_OR_DIGIT}{2,12})$`));
    const clauses = before.split(/[,，;；]/);
    clauses.pop();
    // '“睦邻客厅”每天晚上七点至九点对居民开放' → the facility opens to its audience.
    const opens = action.match(new RegExp(`^(?:对|向|为)(${H}{1,4}?)(开放|服务|营业|开课)$`));
    const facility = opens ? [...before.matchAll(/“([^”]{2,12})”/g)].pop()?.[1] : undefined;
    add(at, {
      name: opens ? `${facility ?? ''}${opens[2]}` : action,
      schedule: schedule(m[1], m[2]),
      audience: opens ? opens[1] : own ? own[1] : audienceFrom(clauses),
    });
  }

  // Devices installed for residents: '在老人家中安装了摄像头'
  const device = new RegExp(
    `(?:在(${H}{1,6}?)家中|为(${H}{1,8}?))?(?:免费)?(安装|加装|配备|配置|发放)了?(${H}{0,4}?(?:摄像头|监控探头|烟感报警器|烟感|报警器|紧急呼叫器|呼叫器|智能手环|扶手|门磁|智能水表))`,
    'g',
  );
  for (const m of text.matchAll(device)) {
    add(m.index ?? 0, { name: `${m[3]}${m[4]}`, schedule: null, audience: m[1] ?? m[2] ?? null });
  }

  // '为80岁以上老人提供送餐上门服务'
  for (const m of text.matchAll(new RegExp(`(?:为(${HAN_OR_DIGIT}{2,12}?))?提供(?:了)?([^\\s,，。、的]{2,8}?)服务`, 'g'))) {
    if (!GENERIC_SERVICE.test(m[2])) add(m.index ?? 0, { name: `${m[2]}服务`, schedule: null, audience: m[1] ?? null });
  }

  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...service }) => service);
}

function partnershipsZh(paragraphs: string[]): ParsedPartnership[] {
  const result: ParsedPartnership[] = [];
  const re = new RegExp(`与(${H}{2,14}?)(?:开展|进行|建立|签订|签署|结成)?了?(?:党建共建|结对共建|合作共建|党建联建|共建|结对|联建)`, 'g');
  for (const paragraph of paragraphs) {
    for (const m of paragraph.matchAll(re)) {
      const partner = m[1];
      if (result.some((p) => p.partner === partner)) continue;
      const after = paragraph.slice((m.index ?? 0) + m[0].length);
      const focus = after.match(/围绕“([^”]{2,80})”/) ?? after.match(/“([^”]*联[^”]*联[^”]*)”/);
      result.push({ partner, focus: focus ? focus[1] : null });
    }
  }
  return result;
}

function extractZh(paragraphs: string[]): ParsedNeighbourhood | null {
  const text = paragraphs.join('\n');
  const f = statedFiguresZh(paragraphs);
  return assemble(f, {
    kind: text.match(KIND_RE)?.[1] ?? null,
    partySecretary: partySecretaryZh(text),
    services: servicesZh(paragraphs),
    partnerships: partnershipsZh(paragraphs),
  });
}

// ---------------------------------------------------------------------------------------------
// English

function extractEn(paragraphs: string[]): ParsedNeighbourhood | null {
  const text = paragraphs.join('\n');
  const f = statedFiguresEn(paragraphs);
  const secretary = text.match(/[Pp]arty (?:branch )?[Ss]ecretary(?: of [^,]{3,60}?)?,?\s+([A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?)/);
  const kind = text.match(/(resettlement (?:housing|community|compound|estate)|public rental housing|affordable housing)/i);
  return assemble(f, { kind: kind ? kind[1] : null, partySecretary: secretary ? secretary[1] : null, services: [], partnerships: [] });
}

// ---------------------------------------------------------------------------------------------

type Extras = Pick<ParsedNeighbourhood, 'kind' | 'partySecretary' | 'services' | 'partnerships'>;

function assemble(f: StatedFigures, extras: Extras): ParsedNeighbourhood | null {
  const tenant = f.shares.find((x) => x.population === 'tenants') ?? null;
  const elderly = f.shares.find((x) => x.population === 'elderly') ?? null;
  let occupied = f.occupiedHouseholds;
  let occupiedFromRate = false;
  if (occupied === null && f.occupiedFromRate !== null && f.households !== null) {
    occupied = Math.round(f.households * f.occupiedFromRate);
    occupiedFromRate = true;
  }
  const notStored: ParsedNeighbourhood['notStored'] = [];
  let yearBuilt = f.yearBuilt;
  if (yearBuilt !== null && yearBuilt > new Date().getFullYear() + 1) {
    notStored.push({ text: String(yearBuilt), field: 'yearBuilt', reason: 'a year in the future: not a year built' });
    yearBuilt = null;
  }
  // Occupied households cannot exceed the total: when they do, one of the two was misread.
  if (f.households !== null && occupied !== null && occupied > f.households) {
    notStored.push({ text: String(occupied), field: 'occupiedHouseholds', reason: 'more occupied households than households' });
    occupied = null;
  }
  const figures = [f.households, occupied, tenant, elderly, yearBuilt];
  if (!f.name || figures.every((v) => v === null)) return null;
  for (const s of f.shares) {
    if (s === tenant || s === elderly) continue;
    const why =
      s.population === 'living-alone'
        ? 'a share of residents living alone: no field stores it'
        : s.population === 'other'
          ? 'a share of a population the profile does not store'
          : `a second ${s.population} share: the first one stated is kept`;
    notStored.push({ text: s.text, field: 'share', reason: why });
  }
  for (const h of f.headCounts)
    notStored.push({
      text: h.text,
      field: 'headCount',
      reason: `a head count (${h.count}${h.approximate ? ', approximate' : ''} ${h.population}), kept as a count, never a share`,
    });
  for (const x of f.setAside) notStored.push({ text: x.text, field: 'households', reason: x.reason });
  if (f.householdsApproximate)
    notStored.push({
      text: String(f.households),
      field: 'householdsApproximate',
      reason: 'households stated as approximate (余/about): stored as the round figure',
    });
  if (occupiedFromRate)
    notStored.push({ text: String(f.occupiedFromRate), field: 'occupiedHouseholds', reason: 'occupied households computed from the occupancy rate' });
  return {
    name: f.name,
    district: f.district,
    subdistrict: f.subdistrict,
    yearBuilt,
    households: f.households,
    occupiedHouseholds: occupied,
    tenantShare: tenant ? tenant.value : null,
    elderlyShare: elderly ? elderly.value : null,
    ...extras,
    householdsApproximate: f.householdsApproximate,
    shares: f.shares.map(({ value, qualifier, population }) => ({ value, qualifier, population })),
    headCounts: f.headCounts.map(({ count, approximate, population }) => ({ count, approximate, population })),
    notStored,
  };
}

const LONG_RUNS = new RegExp(`\\d{16,}|${CN_NUMERAL}{16,}|[,.]{16,}`, 'g');

export function extractNeighbourhood(paragraphs: string[], language: 'zh-Hans' | 'en'): ParsedNeighbourhood | null {
  // Runs of digits or numerals longer than any figure become one mark: figure patterns then stay
  // linear on pathological lines (a regex trying a count at every position of a 50,000-digit run).
  const normalised = paragraphs.map((p) => normaliseLine(p).replace(LONG_RUNS, '#'));
  return language === 'en' ? extractEn(normalised) : extractZh(normalised);
}
