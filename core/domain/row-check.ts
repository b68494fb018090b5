/**
 * Rows read from SQLite are checked as they are mapped to typed values: a
 * column of the wrong type (a migration gone wrong, a hand edit of the file, a
 * query that lost a column) fails at the read, naming the row shape and the
 * column, instead of travelling on as a typed value that lies to a screen.
 *
 * Written for speed: a mapping function reads each column by its property
 * (`c.int(r.id, 'id')`), so the engine sees one fixed row shape; a board of
 * thousands of rows pays well under a millisecond for its checks.
 */

export class RowShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowShapeError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? String(value)}`;
}

export interface ColumnChecks {
  /** The row itself: an object, else the read is refused. */
  row(row: unknown): Record<string, unknown>;
  int(value: unknown, column: string): number;
  intOrNull(value: unknown, column: string): number | null;
  num(value: unknown, column: string): number;
  /**
   * A moment in epoch milliseconds. Any finite number, not only integers: the queue's
   * own clock runs at half speed after a back step (steadyClock), so its stamps may
   * carry fractions of a millisecond.
   */
  time(value: unknown, column: string): number;
  timeOrNull(value: unknown, column: string): number | null;
  text(value: unknown, column: string): string;
  textOrNull(value: unknown, column: string): string | null;
  /** SQLite has no booleans: a flag column holds 0 or 1. */
  flag(value: unknown, column: string): boolean;
  oneOf<const T extends string>(value: unknown, allowed: readonly T[], column: string): T;
  /** A column holding a JSON array of text (roles, targets). */
  jsonStrings(value: unknown, column: string): string[];
  /** A column holding a JSON array of integers (weekdays). */
  jsonInts(value: unknown, column: string): number[];
  /** A column holding a JSON array of values from a list (an account's roles). */
  jsonOneOf<const T extends string>(value: unknown, allowed: readonly T[], column: string): T[];
  /** A column whose text `parse` accepts (a kiosk's purpose); `expected` says what it should hold. */
  parsed<T>(value: unknown, parse: (text: string) => T | undefined, column: string, expected: string): T;
}

/** The checks for one row shape; `shape` names it in errors ("tickets row"). Made once per shape, at module level. */
export function columnChecks(shape: string): ColumnChecks {
  const fail = (value: unknown, column: string, expected: string): never => {
    throw new RowShapeError(`${shape}: column ${column} is ${describe(value)}, expected ${expected}`);
  };
  const json = (value: unknown, column: string, expected: string): unknown => {
    if (typeof value !== 'string') return fail(value, column, expected);
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return fail(value, column, expected);
    }
  };
  return {
    row(row) {
      if (typeof row === 'object' && row !== null) return row as Record<string, unknown>;
      throw new RowShapeError(`${shape}: expected a row, got ${describe(row)}`);
    },
    int: (v, column) => (typeof v === 'number' && Number.isInteger(v) ? v : fail(v, column, 'an integer')),
    intOrNull: (v, column) => (v === null ? null : typeof v === 'number' && Number.isInteger(v) ? v : fail(v, column, 'an integer or null')),
    num: (v, column) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(v, column, 'a number')),
    time: (v, column) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(v, column, 'a time in epoch ms')),
    timeOrNull: (v, column) => (v === null ? null : typeof v === 'number' && Number.isFinite(v) ? v : fail(v, column, 'a time in epoch ms or null')),
    text: (v, column) => (typeof v === 'string' ? v : fail(v, column, 'text')),
    textOrNull: (v, column) => (v === null || typeof v === 'string' ? v : fail(v, column, 'text or null')),
    flag: (v, column) => (v === 1 ? true : v === 0 ? false : fail(v, column, '0 or 1')),
    oneOf: <const T extends string>(v: unknown, allowed: readonly T[], column: string): T =>
      typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fail(v, column, `one of ${allowed.join(', ')}`),
    jsonStrings(v, column) {
      const parsed = json(v, column, 'a JSON array of text');
      return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? (parsed as string[]) : fail(v, column, 'a JSON array of text');
    },
    jsonInts(v, column) {
      const parsed = json(v, column, 'a JSON array of integers');
      return Array.isArray(parsed) && parsed.every((x) => Number.isInteger(x)) ? (parsed as number[]) : fail(v, column, 'a JSON array of integers');
    },
    jsonOneOf<const T extends string>(v: unknown, allowed: readonly T[], column: string): T[] {
      const expected = `a JSON array of ${allowed.join(', ')}`;
      const parsed = json(v, column, expected);
      const known = allowed as readonly unknown[];
      return Array.isArray(parsed) && parsed.every((x) => known.includes(x)) ? (parsed as T[]) : fail(v, column, expected);
    },
    parsed<T>(v: unknown, parse: (text: string) => T | undefined, column: string, expected: string): T {
      const out = typeof v === 'string' ? parse(v) : undefined;
      return out === undefined ? fail(v, column, expected) : out;
    },
  };
}

/** A row that may be absent (`.get()` finding nothing), mapped when present. */
export function maybeRow<T>(row: unknown, map: (row: unknown) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}

/** A single integer from a plucked `.get()` (a count, a flag from EXISTS). */
export function intValue(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new RowShapeError(`${what}: expected an integer, got ${describe(value)}`);
}

/** A single number from a plucked `.get()` (a sort key). */
export function numValue(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new RowShapeError(`${what}: expected a number, got ${describe(value)}`);
}

/** A single text or null from a plucked `.get()` (MAX of a text column, a setting). */
export function textOrNullValue(value: unknown, what: string): string | null {
  if (value === null || value === undefined || typeof value === 'string') return value ?? null;
  throw new RowShapeError(`${what}: expected text or null, got ${describe(value)}`);
}
