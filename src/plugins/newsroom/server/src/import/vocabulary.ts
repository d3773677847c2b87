/**
 * The words and characters the page parser reads by: CJK ranges, Chinese numerals, outlets and
 * their datelines, time words, byline roles and separators. One place for each; the recognisers
 * (lines.ts, classify.ts, numbers.ts, figures-text.ts, neighbourhood.ts) import them from here.
 * Pure data and regex sources; the numeral values come from the core (enforcement/numerals.ts).
 */
import { CN_DIGITS, CN_UNITS } from '../enforcement/numerals';
import type { BylineRole } from '../content-types/facts';

// ---------------------------------------------------------------------------------------------
// CJK characters

/** CJK Unified Ideographs, the block every common Chinese character is in (regex class body). */
export const HAN_BASIC = String.raw`\u4e00-\u9fff`;
/** CJK Unified Ideographs Extension A: rare characters, counted as Chinese but not matched as names. */
export const HAN_EXT_A = String.raw`\u3400-\u4dbf`;
/** Every ideograph range that makes text Chinese (regex class body). */
export const CJK_RANGES = `${HAN_EXT_A}${HAN_BASIC}`;
/** One common Chinese character (regex source): names, places, outlets. */
export const HAN = `[${HAN_BASIC}]`;

const CJK_RE = new RegExp(`[${CJK_RANGES}]`);
const CJK_ALL_RE = new RegExp(`[${CJK_RANGES}]`, 'g');
const HAN_RE = new RegExp(HAN);

/** Any Chinese character in the text. */
export const hasCjk = (s: string): boolean => CJK_RE.test(s);
/** How many Chinese characters the text holds. */
export const countCjk = (s: string): number => (s.match(CJK_ALL_RE) ?? []).length;
/** The single character is a common Chinese character. */
export const isHanChar = (c: string): boolean => HAN_RE.test(c);

// ---------------------------------------------------------------------------------------------
// Chinese numerals

// The values live with the figure rules (enforcement/numerals.ts): the core does not depend on the importer.
export { CN_DIGITS, CN_UNITS };
/** The digit characters, in the order of the table ('零〇一二两三四五六七八九'). */
export const CN_DIGIT_CHARS = Object.keys(CN_DIGITS).join('');
/** Digits a year is written with, digit by digit (二〇二一): no 两. */
export const CN_YEAR_DIGIT_CHARS = CN_DIGIT_CHARS.replace('两', '');
/** The digits one to nine, without 零/两: tenths in 三成五, clock minutes. */
export const CN_ONE_TO_NINE = '一二三四五六七八九';
export const CN_UNIT_CHARS = Object.keys(CN_UNITS).join('');
/** 万 (10,000): '1.2万', '三万二千'. */
export const CN_MYRIAD = '万';
/** One character of a Chinese numeral, digits, units and 万 (regex class). */
export const CN_NUMERAL = `[${CN_DIGIT_CHARS}${CN_UNIT_CHARS}${CN_MYRIAD}]`;

/** English number words up to ten: 'one in five'. */
export const EN_NUMBER_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

// ---------------------------------------------------------------------------------------------
// Time words

/** Parts of the day in a Chinese clock time ('上午十点', '晚上七点'). */
export const DAY_PARTS = ['上午', '下午', '早上', '早晨', '晚上', '中午', '傍晚', '凌晨', '夜里', '清晨'];
export const DAY_PART_SOURCE = DAY_PARTS.join('|');
/** Parts of the day after noon: a clock hour under 12 gets 12 added. */
export const AFTERNOON_PARTS = /下午|晚上|傍晚|夜里/;
/** How often a service runs: '每日', '每周三', '每月5号', '每逢周末', '周一至周五' (regex alternation). */
export const FREQUENCY_SOURCE =
  String.raw`每日|每天|每周[一二三四五六日天]*|每月[\d一二三四五六七八九十]*[号日]?|每逢` +
  `${HAN}{1,4}` +
  String.raw`|周[一二三四五六日末](?:至周[一二三四五六日])?`;
/** A Chinese month and day: '12月27日', '十二月廿七日' (regex source). */
export const CN_MONTH_DAY = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\\d{1,2}|[一二三四五六七八九十廿卅]{1,3})日';
/** An English month and day: 'Dec. 27', 'December 27', 'Sept 3' (regex source). */
export const EN_MONTH_DAY = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}';

// ---------------------------------------------------------------------------------------------
// Outlets and datelines

/** Outlets named in datelines, '来源:' lines and teaser credits; longest names first where one contains another. */
export const KNOWN_OUTLETS = [
  '中国新闻网',
  '中新网',
  '中新社',
  '新华社',
  '新华网',
  '央视网',
  '央视新闻',
  '央广网',
  '人民网',
  '人民日报',
  '光明网',
  '光明日报',
  '中国日报网',
  '中国日报',
  '环球网',
  '环球时报',
  '澎湃新闻',
  '文汇报',
  '文汇网',
  '文汇',
  '解放日报',
  '新民晚报',
  '上观新闻',
  '东方网',
  '看看新闻',
  '界面新闻',
  '第一财经',
  '财新网',
  '经济日报',
  '工人日报',
  '法治日报',
  '中国青年报',
  '中青网',
  '南方日报',
  '南方都市报',
  '新京报',
  '北京日报',
  '北京青年报',
  '扬子晚报',
  '红星新闻',
  '封面新闻',
  '潮新闻',
  '国际在线',
  '海外网',
  '中国网',
  '北青网',
  '极目新闻',
  '本报',
  '本网',
  '本台',
  '本刊',
];
/** Outlets that mean 'this publication': a dateline from them is not a reprint. */
export const SELF_OUTLETS: ReadonlySet<string> = new Set(['本报', '本网', '本台', '本刊', '文汇报', '文汇网', '文汇', '文汇客户端', 'Wenhui', 'Wenhui Daily']);
/** How an outlet's name ends when the list above does not know it (regex alternation). */
export const OUTLET_SUFFIX_SOURCE = '网|社|日报|晚报|新闻|客户端|电视台|广播电视台';
/** The same, for '…消息:' credits. */
export const MESSAGE_OUTLET_SUFFIX_SOURCE = '网|社|日报|晚报|新闻|客户端|电视台';
/** 'According to', before another outlet's dateline in a reprint: '据新华社北京12月20日电'. */
export const REPORTED_BY = '据';
/** An outlet's credit without a dateline: '央视网消息:', '央视网消息(新闻联播):' (regex source). */
export const MESSAGE_CREDIT = String.raw`消息\s*(?:\([^()]{1,12}\))?\s*:`;
/** What closes a Chinese dateline: '…12月27日电', '…讯'. */
export const DATELINE_ENDS = '电|讯';

// ---------------------------------------------------------------------------------------------
// Bylines

/** Chinese role words in credit lines, longest first where one contains another. */
export const ZH_ROLE_WORDS: ReadonlyArray<readonly [string, BylineRole]> = [
  ['责任编辑', 'responsible-editor'],
  ['责编', 'responsible-editor'],
  ['值班编辑', 'editor'],
  ['栏目主编', 'editor'],
  ['文字编辑', 'editor'],
  ['实习编辑', 'editor'],
  ['编辑', 'editor'],
  ['本报记者', 'reporter'],
  ['首席记者', 'reporter'],
  ['实习生', 'reporter'],
  ['特约记者', 'reporter'],
  ['见习记者', 'reporter'],
  ['记者', 'reporter'],
  ['作者', 'reporter'],
  ['撰文', 'reporter'],
  ['撰稿', 'reporter'],
  ['通讯员', 'reporter'],
  ['摄影', 'photographer'],
  ['摄像', 'photographer'],
  ['图片', 'photographer'],
  ['摄', 'photographer'],
  ['图', 'photographer'],
  ['编译', 'translator'],
  ['翻译', 'translator'],
  ['译', 'translator'],
  ['文', 'reporter'],
];
/** What follows a Chinese role word: a colon, '/', '|', '丨' or a blank (regex source). */
export const ZH_ROLE_SEPARATOR = String.raw`\s*[:/|丨]\s*|\s+`;

/** English role phrases at the start of a credit segment, most specific first. */
export const EN_ROLE_PHRASES: ReadonlyArray<readonly [RegExp, BylineRole]> = [
  [/^(?:responsible editor|chief editor|executive editor|editor[- ]in[- ]charge|editor[- ]in[- ]chief)\s*:\s*/i, 'responsible-editor'],
  [/^(?:(?:copy |web |duty )?editors?\s*:|edited by\b)\s*/i, 'editor'],
  [/^(?:translators?\s*:|translated by\b)\s*/i, 'translator'],
  [/^(?:photographers?\s*:|photos?\s*:|photography\s*:|photos? by\b)\s*/i, 'photographer'],
  [/^(?:editing by\b)\s*:?\s*/i, 'editor'],
  [/^(?:reporters?\s*:|writers?\s*:|authors?\s*:|(?:additional reporting|reporting|writing|written|reported|words) by\b\s*:?|by\b\s*:?)\s*/i, 'reporter'],
];

/** Staff titles written before a Chinese name ('记者王文娟'): not part of the name. */
export const ZH_STAFF_TITLES = ['本报记者', '首席记者', '特约记者', '见习记者', '记者', '通讯员', '实习生'];
/** Words that sit among names in credit lines but are not names. */
export const ZH_NAME_NOISE = [...ZH_STAFF_TITLES, '报道', '文', '图', '摄', '摄影', '编辑', '等', '和', '与', '及'];
/** Between Chinese names: blanks, 、, commas, semicolons, '/', '|' (regex class). */
export const ZH_NAME_SEPARATORS = /[\s、,;/|丨]+/;
/** Conjunctions between two Chinese names ('张三和李四'). */
export const ZH_NAME_CONJUNCTIONS = /[和与及]/;
/** Between Latin names: commas, semicolons, '&', 'and'. */
export const EN_NAME_SEPARATORS = /\s*(?:,|;|&|\band\b)\s*/i;
/** Between credit segments on one English line ('By A | Editor: B'). */
export const CREDIT_SEGMENT_SEPARATORS = /\s*[|;]\s*/;
