/**
 * Dates as Chinese forms and notices print them: deadlines are Asia/Shanghai wall-clock times
 * (DESIGN §8), whatever zone the server runs in.
 */
const ZONE = 'Asia/Shanghai';

const parts = (at: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;

/** 2026年7月15日 */
export function shanghaiDate(at: Date): string {
  const p = parts(at);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** 2026年7月15日 17:00（北京时间） */
export function shanghaiDateTime(at: Date): string {
  const p = parts(at);
  return `${shanghaiDate(at)} ${p.hour}:${p.minute}（北京时间）`;
}

/** 2026-07-15 17:00 +08:00, for English messages and machine-readable manifests. */
export function shanghaiIso(at: Date): string {
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} +08:00`;
}

/**
 * CSV as spreadsheet programs in China open it: UTF-8 with a byte-order mark (or Excel reads GBK),
 * CRLF line ends, every field quoted.
 */
export function csvWithBom(rows: readonly (readonly (string | number)[])[]): Buffer {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
}

const xmlAllowed = (n: number) => (n >= 0x20 ? n !== 0xfffe && n !== 0xffff : n === 0x09 || n === 0x0a || n === 0x0d);

/**
 * The text without the characters XML 1.0 cannot carry (most C0 controls): one of them in a
 * Word or Excel part and the file is called corrupt. Scans first, as almost every text is clean.
 */
export function xmlChars(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (!xmlAllowed(text.charCodeAt(i))) return [...text].filter((c) => xmlAllowed(c.codePointAt(0)!)).join('');
  }
  return text;
}
