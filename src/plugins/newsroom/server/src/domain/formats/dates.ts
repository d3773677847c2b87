/** Dates in the newsroom's UTC offset (+08:00): RFC 3339 for JSON, RFC 822 for RSS. */
const offsetMinutes = (offset: string) => {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};
const pad = (n: number) => String(n).padStart(2, '0');

/** `2021-12-28T15:14:00+08:00` */
export function toOffsetIso(iso: string | Date, offset: string): string {
  const d = new Date(new Date(iso).getTime() + offsetMinutes(offset) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue, 28 Dec 2021 15:14:00 +0800` */
export function toRfc822(iso: string | Date, offset: string): string {
  const d = new Date(new Date(iso).getTime() + offsetMinutes(offset) * 60_000);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offset.replace(':', '')}`;
}
