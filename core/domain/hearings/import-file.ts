import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { hearingInputSchema, type HearingInput } from '../../contract';
import { DomainError } from '../errors';

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

/** The case system writes UTF-8; older exports are Big5. Whatever is not valid UTF-8 is read as Big5. */
export function decodeImport(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'big5' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'big5'), encoding: 'big5' };
  }
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

function rowsFromCsv(text: string): { row: number; value: unknown }[] {
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw new DomainError('invalid', `The CSV file cannot be read: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new DomainError('invalid', 'The file is empty.');
  const keys = header.map((h) => COLUMNS[h.trim().toLowerCase()] ?? COLUMNS[h.trim()]);
  const missing = ['date', 'time', 'courtroomId', 'caseNumber', 'division', 'prosecutor'].filter((k) => !keys.includes(k as never));
  if (missing.length) throw new DomainError('invalid', `The header lacks the columns: ${missing.join(', ')}.`);
  return body.map((cells, i) => {
    const obj: Record<string, unknown> = { persons: [] };
    keys.forEach((k, j) => {
      if (!k) return;
      obj[k] = k === 'persons' ? parsePersons(cells[j] ?? '') : (cells[j] ?? '');
    });
    // Row numbers as a spreadsheet shows them: the header is row 1.
    return { row: i + 2, value: obj };
  });
}

function rowsFromJson(text: string): { row: number; value: unknown }[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DomainError('invalid', `The JSON file cannot be read: ${(err as Error).message}`);
  }
  const list = Array.isArray(json) ? json : (json as { hearings?: unknown }).hearings;
  if (!Array.isArray(list)) throw new DomainError('invalid', 'The JSON file must be a list of hearings (or { "hearings": [...] }).');
  return list.map((value, i) => ({ row: i + 1, value }));
}

/**
 * Reads a hearings file. Every row is checked; if any row is bad the whole
 * file is refused with each bad row's number and reason, and nothing is
 * imported — a half-imported day would leave clerks guessing which rows landed.
 */
export function readHearingsFile(
  bytes: Uint8Array,
  format: 'csv' | 'json',
  courtroomIds: readonly string[],
): { inputs: HearingInput[]; encoding: 'utf-8' | 'big5' } {
  if (bytes.length > MAX_IMPORT_BYTES) throw new DomainError('invalid', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  const { text, encoding } = decodeImport(bytes);
  const rows = format === 'csv' ? rowsFromCsv(text) : rowsFromJson(text);
  if (rows.length > MAX_IMPORT_ROWS) throw new DomainError('invalid', `The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} at a time.`);
  if (rows.length === 0) throw new DomainError('invalid', 'The file has no hearings.');
  const rooms = new Set(courtroomIds);
  const inputs: HearingInput[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const r = hearingInputSchema.safeParse(value);
    if (!r.success) {
      errors.push({ row, message: r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
      continue;
    }
    if (!rooms.has(r.data.courtroomId)) {
      errors.push({ row, message: `courtroomId: no courtroom "${r.data.courtroomId}" (this site has ${[...rooms].join(', ')})` });
      continue;
    }
    const key = `${r.data.date}|${r.data.courtroomId}|${r.data.caseNumber}`;
    if (seen.has(key)) {
      errors.push({ row, message: `the same case in the same room on the same day as row ${seen.get(key)}` });
      continue;
    }
    seen.set(key, row);
    inputs.push(r.data);
  }
  if (errors.length) {
    throw new DomainError('invalid', `${errors.length} of ${rows.length} rows are not valid; nothing was imported.`, errors.slice(0, 200));
  }
  return { inputs, encoding };
}
