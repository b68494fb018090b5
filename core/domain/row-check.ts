/**
 * Rows read from SQLite are checked as they are mapped to typed values: a
 * column of the wrong type (a migration gone wrong, a hand edit of the file, a
 * query that lost a column) fails at the read, naming the row shape and the
 * column, instead of travelling on as a typed value that lies to a screen.
 * Plain `typeof` checks, one object per row: cheap beside the read itself.
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

/** The columns of one row, read by name and type; `shape` names the row in errors ("tickets row"). */
export class Columns {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly shape: string,
  ) {}

  private fail(name: string, expected: string): never {
    throw new RowShapeError(`${this.shape}: column ${name} is ${describe(this.row[name])}, expected ${expected}`);
  }

  int(name: string): number {
    const v = this.row[name];
    return typeof v === 'number' && Number.isInteger(v) ? v : this.fail(name, 'an integer');
  }

  intOrNull(name: string): number | null {
    const v = this.row[name];
    return v === null || (typeof v === 'number' && Number.isInteger(v)) ? v : this.fail(name, 'an integer or null');
  }

  num(name: string): number {
    const v = this.row[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(name, 'a number');
  }

  numOrNull(name: string): number | null {
    const v = this.row[name];
    return v === null || (typeof v === 'number' && Number.isFinite(v)) ? v : this.fail(name, 'a number or null');
  }

  text(name: string): string {
    const v = this.row[name];
    return typeof v === 'string' ? v : this.fail(name, 'text');
  }

  textOrNull(name: string): string | null {
    const v = this.row[name];
    return v === null || typeof v === 'string' ? v : this.fail(name, 'text or null');
  }

  /** SQLite has no booleans: a flag column holds 0 or 1. */
  flag(name: string): boolean {
    const v = this.row[name];
    return v === 1 ? true : v === 0 ? false : this.fail(name, '0 or 1');
  }

  oneOf<const T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.row[name];
    return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : this.fail(name, `one of ${allowed.join(', ')}`);
  }

  /** A column holding a JSON array of strings (roles, targets, weekdays as text). */
  jsonStrings(name: string): string[] {
    const parsed = this.json(name);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? (parsed as string[]) : this.fail(name, 'a JSON array of text');
  }

  /** A column holding a JSON array of integers. */
  jsonInts(name: string): number[] {
    const parsed = this.json(name);
    return Array.isArray(parsed) && parsed.every((x) => Number.isInteger(x)) ? (parsed as number[]) : this.fail(name, 'a JSON array of integers');
  }

  private json(name: string): unknown {
    const text = this.text(name);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return this.fail(name, 'JSON');
    }
  }
}

/** The columns of a row from `.get()` / `.all()`; `shape` names the row in errors. */
export function columns(row: unknown, shape: string): Columns {
  if (typeof row !== 'object' || row === null) throw new RowShapeError(`${shape}: expected a row, got ${describe(row)}`);
  return new Columns(row as Record<string, unknown>, shape);
}

/** A row that may be absent (`.get()` finding nothing), mapped when present. */
export function maybeRow<T>(row: unknown, map: (row: unknown) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}

/** A single integer from a plucked `.get()` (a count, a max). */
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
