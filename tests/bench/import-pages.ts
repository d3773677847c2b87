/**
 * A folder of pages in the house style for the importer benchmark: each page has a unique title,
 * a body (with or without figures), credits, an exclusive notice or a reprint dateline, and one to
 * four related-news teaser blocks. Deterministic for a given count, so runs compare.
 */
import fs from 'fs';
import path from 'path';

const DISTRICTS = [
  ['普陀区', '桃浦镇'],
  ['静安区', '彭浦新村街道'],
  ['闵行区', '七宝镇'],
  ['宝山区', '大场镇'],
  ['徐汇区', '田林街道'],
  ['长宁区', '天山路街道'],
  ['杨浦区', '殷行街道'],
  ['浦东新区', '三林镇'],
];
const ESTATES = ['兰苑小区', '和平新村', '春晓花园', '金桥公寓', '绿洲家园', '东方城', '望春苑', '安居里'];
const REPORTERS = ['张晓鸣', '丁婉星', '王文娟', '周渊', '李晨琰', '邵珍', '李婷', '陈静'];
const EDITORS = ['王嘉旖', '徐晶卉', '周正'];
const RESP = ['单颖文', '许琦敏'];
const OUTLETS = [
  (i: number) => `中新网上海12月${(i % 28) + 1}日电 (记者 陈静)${(i % 28) + 1}日,记者从有关部门获悉,本市一批社区服务设施近日投入使用,为居民提供`,
  () => '央视网消息:近年来,各地持续推进社区嵌入式服务设施建设,让老人在家门口就能享受',
  (i: number) => `新华社北京12月${(i % 28) + 1}日电 记者从民政部获悉,截至目前,全国已建成各类养老服务机构和设施`,
  (i: number) => `澎湃新闻记者 陈灿 ${(i % 28) + 1}日,上海市住建委发布消息称,本市旧住房更新改造工作`,
];

const pick = <T>(list: T[], i: number): T => list[i % list.length];

/** Size of the archive case's pool of related headlines that recur from page to page, as a site's sidebar does. */
export const ARCHIVE_POOL = 50;

/**
 * Page `i`. `archive`: its one to four related items are drawn from a pool of ARCHIVE_POOL recurring
 * headlines (each always with the same teaser), as on a real site; otherwise every item is new.
 */
export function benchPage(i: number, { archive = false }: { archive?: boolean } = {}): string {
  const [district, town] = pick(DISTRICTS, i);
  const estate = `${pick(['华', '金', '康', '瑞', '福', '嘉', '永', '和'], i)}${pick(['晟', '祥', '乐', '欣', '泰', '安'], i >> 3)}${pick(ESTATES, i >> 1)}`;
  const households = 600 + ((i * 37) % 1400);
  const occupied = Math.floor(households * 0.6);
  const reprint = i % 5 === 4;
  const withFigures = i % 4 !== 3;
  const lines: string[] = [];
  lines.push(`${estate}第${i + 1}期“邻里议事会”开张,居民家门口的事大家商量着办|城市`);
  if (reprint) {
    lines.push(
      `中新网上海12月${(i % 28) + 1}日电 (记者 李明)${(i % 28) + 1}日上午,${district}${town}${estate}的议事厅里坐满了居民,大家围绕停车难、加装电梯等问题各抒己见。`,
    );
  } else {
    lines.push(`走进${district}${town}${estate},小区广场旁新设的议事厅里坐满了居民,大家围绕停车难、加装电梯等问题各抒己见。`);
  }
  lines.push('(资料图片仅供参考)');
  if (withFigures) {
    lines.push(
      `${estate}建于${1990 + (i % 30)}年,小区共有居民${households}户,目前已入住${occupied}户,其中60岁以上老人占比约${pick(['三成', '四成', '28%', '三分之一'], i)}。`,
    );
  }
  lines.push('“以前有事只能找居委会,现在大家坐下来一起商量,办法反而更多了。”住在这里二十多年的陈阿姨说。');
  lines.push(`据介绍,议事会每月召开一次,今年以来已协调解决居民“急难愁盼”问题${10 + (i % 20)}件,居民满意度明显提升。`);
  if (reprint) {
    lines.push('(完)');
    lines.push('来源:中新网');
  } else {
    lines.push(`作者:${pick(REPORTERS, i)} ${pick(REPORTERS, i + 3)}`);
  }
  lines.push(`编辑:${pick(EDITORS, i)}`);
  lines.push(`责任编辑:${pick(RESP, i)}`);
  if (!reprint) lines.push('*文汇独家稿件,转载请注明出处。');
  lines.push('关键词:');
  const teasers = 1 + (i % 4);
  for (let t = 0; t < teasers; t += 1) {
    // 11·t mod 50 differs for t < 4: a page never repeats a pool item.
    const n = archive ? (i * 7 + t * 11) % ARCHIVE_POOL : i + t;
    lines.push('-');
    lines.push(`${pick(['社区食堂', '加装电梯', '口袋公园', '睦邻客厅'], n)}第${archive ? n : i * 4 + t}站:${pick(DISTRICTS, n)[0]}又添便民新去处`);
    lines.push(pick(OUTLETS, n)(n));
  }
  lines.push('X 关闭');
  lines.push('世界微头条丨寒潮来袭多地气温骤降');
  lines.push('年货节开幕 市民选购热情高涨 全球百事通');
  return `${lines.join('\n')}\n`;
}

/** Writes `count` pages into `dir` (created); returns the number of related news items written. */
export function writeBenchPages(dir: string, count: number, options: { archive?: boolean } = {}): number {
  fs.mkdirSync(dir, { recursive: true });
  let related = 0;
  for (let i = 0; i < count; i += 1) {
    fs.writeFileSync(path.join(dir, `page-${String(i).padStart(5, '0')}.txt`), benchPage(i, options));
    related += 1 + (i % 4);
  }
  return related;
}

if (require.main === module) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node -r esbuild-register tests/bench/import-pages.ts <dir> [count=600]');
    process.exit(2);
  }
  const related = writeBenchPages(dir, Number(n ?? 600));
  console.log(`${n ?? 600} pages, ${related} related news items → ${dir}`);
}
