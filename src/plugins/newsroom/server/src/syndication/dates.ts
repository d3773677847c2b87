/** Newsroom dates in the configured UTC offset: RFC 3339 for JSON and sitemaps, RFC 822 for RSS. */
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetMinutes(offset: string): number {
  const m = OFFSET.exec(offset);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) throw new RangeError(`UTC offset must look like +08:00, got ${JSON.stringify(offset)}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The wall-clock fields at the offset, read through UTC getters so the host's time zone never leaks in. */
function shifted(iso: string | Date, offset: string): Date {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${JSON.stringify(iso)}`);
  return new Date(time + offsetMinutes(offset) * 60_000);
}

/** `2021-12-28T07:14:00.000Z`, `+08:00` → `2021-12-28T15:14:00+08:00` */
export function toOffsetIso(iso: string | Date, offset: string): string {
  const d = shifted(iso, offset);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}

/** `2021-12-28T07:14:00.000Z`, `+08:00` → `2021-12-28 15:14:00`: the wall clock editors read, at the newsroom's offset. */
export const wallClock = (iso: string | Date, offset: string): string => toOffsetIso(iso, offset).slice(0, 19).replace('T', ' ');

/**
 * `2021-12-28T07:14:00.000Z`, `+08:00` → `2021-12-28 15:14:00 (UTC+08:00)`: a time as every
 * editor-facing text shows it (panels, history, list tooltips, refusal messages), with its offset.
 */
export const editorTime = (iso: string | Date, offset: string): string => `${wallClock(iso, offset)} (UTC${offset})`;

/** `2021-12-28T07:14:00.000Z`, `+08:00` → `2021-12-28T15:14`: a datetime-local input's value, to the minute. */
export const minuteInputValue = (iso: string | Date, offset: string): string => toOffsetIso(iso, offset).slice(0, 16);

/**
 * `2021-12-28T15:14`, `+08:00` → the instant `2021-12-28T07:14:00.000Z`: what an editor typed on the
 * newsroom's clock, whatever the browser's time zone. Null when it is not a wall-clock time.
 */
export function instantFromWallClock(local: string, offset: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0));
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const back = new Date(utc);
  // 2026-02-30 and 25:00 are not times (Date.UTC would roll them over).
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h) return null;
  return new Date(utc - offsetMinutes(offset) * 60_000);
}

/** `2021-12-28T07:14:00.000Z`, `+08:00` → `Tue, 28 Dec 2021 15:14:00 +0800` */
export function toRfc822(iso: string | Date, offset: string): string {
  const d = shifted(iso, offset);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${offset.replace(':', '')}`;
}
