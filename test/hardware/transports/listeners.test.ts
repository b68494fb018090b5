import { describe, expect, it } from 'vitest';
import { Listeners } from '../../../hardware/transports/listeners';

describe('Listeners', () => {
  it('calls every listener with the arguments, and stops calling one once unsubscribed', () => {
    const l = new Listeners<[number, string]>();
    const calls: string[] = [];
    const offA = l.add((n, s) => calls.push(`a${n}${s}`));
    l.add((n, s) => calls.push(`b${n}${s}`));
    l.emit(1, 'x');
    offA();
    l.emit(2, 'y');
    expect(calls).toEqual(['a1x', 'b1x', 'b2y']);
    expect(l.size).toBe(1);
  });

  it('lets a listener unsubscribe itself or another during an emit without skipping anyone', () => {
    const l = new Listeners<[]>();
    const calls: string[] = [];
    const offB: { fn?: () => void } = {};
    const offA = l.add(() => {
      calls.push('a');
      offA();
      offB.fn?.();
    });
    offB.fn = l.add(() => calls.push('b'));
    l.emit();
    l.emit();
    expect(calls).toEqual(['a', 'b']);
    l.clear();
    expect(l.size).toBe(0);
  });
});
