import iconv from 'iconv-lite';
import { Parser as CsvParser, type Options as CsvOptions } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { hearingInputSchema, type HearingInput } from '../../contract';
import { DomainError } from '../errors';
import { courtroomFinder, unknownCourtroom, type NamedRoom } from './courtrooms';
import { runInTurns, runNow, type Steps } from '../turns';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 6 * 1024 * 1024;

/** CSV headers, English or as the case system exports them in Chinese. */
const COLUMNS: Record<string, keyof Omit<HearingInput, 'persons'> | 'persons'> = {
  date: 'date', 日期: 'date', 開庭日期: 'date',
  time: 'time', 時間: 'time', 開庭時間: 'time',
  courtroom: 'courtroomId', courtroomid: 'courtroomId', 法庭: 'courtroomId', 庭別: 'courtroomId',
  case_number: 'caseNumber', casenumber: 'caseNumber', 案號: 'caseNumber',
  division: 'division', 股別: 'division',
  prosecutor: 'prosecutor', 檢察官: 'prosecutor',
  persons: 'persons', 到庭人: 'persons', 傳喚對象: 'persons',
};

const ROLE_WORDS: Record<string, HearingInput['persons'][number]['role']> = {
  被告: 'defendant', defendant: 'defendant',
  證人: 'witness', witness: 'witness',
  告訴人: 'complainant', complainant: 'complainant',
  被害人: 'victim', victim: 'victim',
};

/**
 * Bytes decoded or parsed between turns of the event loop: about a millisecond
 * of work when warm, a few when the parser is still cold (the first import
 * after a start), well under what a printer poll or a board update can wait.
 */
const SLICE_BYTES = 8 * 1024;

/** The case system writes UTF-8; older exports are Big5. Whatever is not valid UTF-8 is read as Big5. */
export function decodeImport(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'big5' } {
  return runNow(decodeSteps(bytes));
}

/** Streaming decoders, a slice at a time: the same text as decoding the whole file at once. */
function* decodeSteps(bytes: Uint8Array): Steps<{ text: string; encoding: 'utf-8' | 'big5' }> {
  const parts: string[] = [];
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      parts.push(utf8.decode(bytes.subarray(at, at + SLICE_BYTES), { stream: true }));
      yield;
    }
    parts.push(utf8.decode());
    return { text: parts.join('').replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    // not UTF-8: read as Big5 below
  }
  parts.length = 0;
  const big5 = iconv.getDecoder('big5');
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    parts.push(big5.write(Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(SLICE_BYTES, bytes.length - at))));
    yield;
  }
  parts.push(big5.end() ?? '');
  return { text: parts.join(''), encoding: 'big5' };
}

/**
 * What went wrong in a file, in our words. A library's own message quotes the
 * file ("value is \"吳大同\"", a JSON snippet), and these messages reach the log
 * and the refused/ note: library messages are user data, so only the code,
 * the line and the column are kept.
 */
const CSV_PROBLEMS: Record<string, { zh: string; en: string }> = {
  INVALID_OPENING_QUOTE: { zh: '欄位中間出現引號 (")', en: 'a quote (") inside a field' },
  CSV_INVALID_OPENING_QUOTE: { zh: '欄位中間出現引號 (")', en: 'a quote (") inside a field' },
  CSV_QUOTE_NOT_CLOSED: { zh: '引號 (") 沒有結束', en: 'a quote (") that is never closed' },
  CSV_INVALID_CLOSING_QUOTE: { zh: '結束引號 (") 後面緊接其他字元', en: 'a character right after a closing quote (")' },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: { zh: '欄位數與標題列不同', en: 'a different number of fields than the header' },
  CSV_RECORD_INCONSISTENT_COLUMNS: { zh: '欄位數與標題列不同', en: 'a different number of fields than the header' },
  CSV_MAX_RECORD_SIZE: { zh: '一列過長', en: 'a line that is too long' },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: { zh: '結束引號 (") 後面緊接其他字元', en: 'a character right after a closing quote (")' },
};

function csvProblem(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; lines?: unknown; index?: unknown };
  const problem = (typeof e.code === 'string' && CSV_PROBLEMS[e.code]) || { zh: '格式錯誤', en: 'a format error' };
  const line = typeof e.lines === 'number' ? e.lines : null;
  const field = typeof e.index === 'number' ? e.index + 1 : null;
  const where = line === null ? '' : field === null ? ` at line ${line}` : ` at line ${line}, field ${field}`;
  const whereZh = line === null ? '' : field === null ? `第 ${line} 行` : `第 ${line} 行第 ${field} 欄`;
  return `The CSV file cannot be read${where}: ${problem.en}. 檔案${whereZh}無法讀取：${problem.zh}。`;
}

function jsonProblem(text: string, err: unknown): string {
  const at = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!at) return 'The JSON file cannot be read: it is not valid JSON. 檔案不是有效的 JSON。';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `The JSON file cannot be read at line ${line}, column ${column}: it is not valid JSON there. 檔案第 ${line} 行第 ${column} 字無法讀取（不是有效的 JSON）。`;
}

/** "王小明(被告):A1B2C3; 李四(證人)" → persons. */
function parsePersons(cell: string): unknown[] {
  return cell
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(.+?)\s*(?:[(（]([^)）]+)[)）])?\s*(?::\s*([A-Za-z0-9]+))?$/.exec(p);
      const name = m?.[1]?.trim() ?? p;
      const role = ROLE_WORDS[(m?.[2] ?? '').trim().toLowerCase()] ?? 'other';
      return m?.[3] ? { name, role, code: m[3] } : { name, role };
    });
}

const CSV_OPTIONS: CsvOptions = { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true };

/** csv-parse's incremental parser (what its stream and sync entry points both drive); not in its typings. */
interface CsvApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

/** The same records as csv-parse/sync, parsed a slice at a time. */
function* csvRecords(text: string): Steps<string[][]> {
  const api = (new CsvParser(CSV_OPTIONS) as unknown as { api?: CsvApi }).api;
  // Should a csv-parse upgrade move its incremental parser, read the file in one go rather than not at all.
  if (typeof api?.parse !== 'function') return parseCsv(text, CSV_OPTIONS) as string[][];
  const records: string[][] = [];
  const push = (record: string[]) => records.push(record);
  // Encoded a slice at a time too (never splitting a surrogate pair): encoding the whole text is itself a stall.
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + SLICE_BYTES / 2);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end += 1;
    const err = api.parse(Buffer.from(text.slice(at, end)), false, push, () => {});
    if (err) throw err;
    at = end;
    yield;
  }
  const err = api.parse(undefined, true, push, () => {});
  if (err) throw err;
  return records;
}

function* rowsFromCsv(text: string): Steps<{ row: number; value: unknown }[]> {
  let records: string[][];
  try {
    records = yield* csvRecords(text);
  } catch (err) {
    throw new DomainError('invalid', csvProblem(err));
  }
  const [header, ...body] = records;
  if (!header) throw new DomainError('invalid', 'The file is empty.');
  const keys = header.map((h) => COLUMNS[h.trim().toLowerCase()] ?? COLUMNS[h.trim()]);
  const missing = ['date', 'time', 'courtroomId', 'caseNumber', 'division', 'prosecutor'].filter((k) => !keys.includes(k as never));
  if (missing.length) throw new DomainError('invalid', `The header lacks the columns: ${missing.join(', ')}.`);
  const rows: { row: number; value: unknown }[] = [];
  for (const [i, cells] of body.entries()) {
    const obj: Record<string, unknown> = { persons: [] };
    keys.forEach((k, j) => {
      if (!k) return;
      obj[k] = k === 'persons' ? parsePersons(cells[j] ?? '') : (cells[j] ?? '');
    });
    // Row numbers as a spreadsheet shows them: the header is row 1.
    rows.push({ row: i + 2, value: obj });
    yield;
  }
  return rows;
}

function rowsFromJson(text: string): { row: number; value: unknown }[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DomainError('invalid', jsonProblem(text, err));
  }
  const list = Array.isArray(json) ? json : (json as { hearings?: unknown }).hearings;
  if (!Array.isArray(list)) throw new DomainError('invalid', 'The JSON file must be a list of hearings (or { "hearings": [...] }).');
  return list.map((value, i) => ({ row: i + 1, value: withRoomKey(value) }));
}

/** A JSON row may name its room as `courtroom` (a name, as staff write it) or `courtroomId`. */
function withRoomKey(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('courtroom' in value) || 'courtroomId' in value) return value;
  const { courtroom, ...rest } = value as Record<string, unknown>;
  return { ...rest, courtroomId: courtroom };
}

/**
 * Reads a hearings file. Every row is checked; if any row is bad the whole
 * file is refused with each bad row's number and reason, and nothing is
 * imported — a half-imported day would leave clerks guessing which rows landed.
 * A row names its courtroom as staff do (第一偵查庭, Investigation Court 1, or
 * the id r1); the hearings it gives carry the room's id.
 */
export function readHearingsFile(
  bytes: Uint8Array,
  format: 'csv' | 'json',
  courtrooms: readonly NamedRoom[],
): { inputs: HearingInput[]; encoding: 'utf-8' | 'big5' } {
  return runNow(readSteps(bytes, format, courtrooms));
}

/**
 * The same reading, giving the event loop a turn every few ms: a 5,000-row
 * file took a third of a second at once, while the printer waited for its poll.
 */
export function readHearingsFileInTurns(
  bytes: Uint8Array,
  format: 'csv' | 'json',
  courtrooms: readonly NamedRoom[],
): Promise<{ inputs: HearingInput[]; encoding: 'utf-8' | 'big5' }> {
  return runInTurns(readSteps(bytes, format, courtrooms));
}

function* readSteps(bytes: Uint8Array, format: 'csv' | 'json', courtrooms: readonly NamedRoom[]): Steps<{ inputs: HearingInput[]; encoding: 'utf-8' | 'big5' }> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new DomainError('invalid', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  const { text, encoding } = yield* decodeSteps(bytes);
  // JSON.parse cannot be cut up; a 5,000-hearing file parses in a few ms.
  const rows = format === 'csv' ? yield* rowsFromCsv(text) : rowsFromJson(text);
  if (rows.length > MAX_IMPORT_ROWS) throw new DomainError('invalid', `The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} at a time.`);
  if (rows.length === 0) throw new DomainError('invalid', 'The file has no hearings.');
  const roomOf = courtroomFinder(courtrooms);
  const inputs: HearingInput[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    yield;
    const r = hearingInputSchema.safeParse(value);
    if (!r.success) {
      errors.push({ row, message: r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
      continue;
    }
    const room = roomOf(r.data.courtroomId);
    if (!room) {
      errors.push({ row, message: unknownCourtroom(r.data.courtroomId, courtrooms) });
      continue;
    }
    const key = `${r.data.date}|${room.id}|${r.data.caseNumber}`;
    if (seen.has(key)) {
      errors.push({ row, message: `the same case in the same room on the same day as row ${seen.get(key)}` });
      continue;
    }
    seen.set(key, row);
    inputs.push({ ...r.data, courtroomId: room.id });
  }
  if (errors.length) {
    throw new DomainError('invalid', `${errors.length} of ${rows.length} rows are not valid; nothing was imported.`, errors.slice(0, 200));
  }
  return { inputs, encoding };
}
