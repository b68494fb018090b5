import { describe, expect, it } from 'vitest';
import { columnChecks, intValue, maybeRow, RowShapeError, textOrNullValue } from '../../../core/domain/row-check';
import { openDb } from '../../../core/store/db';

const T = columnChecks('things row');

describe('row checks', () => {
  it('pass the values of a row of the right shape through, flags as booleans and JSON arrays parsed', () => {
    const r = T.row({ id: 3, name: 'A001', note: null, on: 1, kind: 'b', tags: '["x","y"]', days: '[1,5]', at: 1.5 });
    expect([T.int(r.id, 'id'), T.text(r.name, 'name'), T.textOrNull(r.note, 'note'), T.flag(r.on, 'on'), T.oneOf(r.kind, ['a', 'b'], 'kind')]).toEqual([3, 'A001', null, true, 'b']);
    expect([T.jsonStrings(r.tags, 'tags'), T.jsonInts(r.days, 'days'), T.num(r.at, 'at'), T.intOrNull(null, 'x')]).toEqual([['x', 'y'], [1, 5], 1.5, null]);
  });

  it('refuse a column of the wrong type, naming the row shape, the column and what it held', () => {
    expect(() => T.int('7', 'id')).toThrow(new RowShapeError('things row: column id is string "7", expected an integer'));
    expect(() => T.int(1.5, 'id')).toThrow(/column id is number 1.5, expected an integer/);
    expect(() => T.text(undefined, 'name')).toThrow(/things row: column name is missing, expected text/);
    expect(() => T.flag(2, 'on')).toThrow(/column on is number 2, expected 0 or 1/);
    expect(() => T.oneOf('c', ['a', 'b'], 'kind')).toThrow(/column kind is string "c", expected one of a, b/);
    expect(() => T.jsonStrings('[1]', 'tags')).toThrow(/column tags is string "\[1\]", expected a JSON array of text/);
    expect(() => T.jsonInts('not json', 'days')).toThrow(/column days is string "not json", expected a JSON array of integers/);
    expect(() => T.row(undefined)).toThrow(/things row: expected a row, got missing/);
  });

  it('check what better-sqlite3 hands back: integers, text, NULL, and nothing for no row', () => {
    const db = openDb(':memory:');
    expect(intValue(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get(), 'count')).toBe(0);
    expect(textOrNullValue(db.prepare('SELECT MAX(day) FROM tickets').pluck().get(), 'max day')).toBeNull();
    expect(maybeRow(db.prepare('SELECT * FROM tickets WHERE id = 1').get(), () => 'mapped')).toBeUndefined();
    expect(() => intValue(db.prepare("SELECT 'x'").pluck().get(), 'count')).toThrow(/count: expected an integer, got string "x"/);
    db.close();
  });
});
