/**
 * A hearing TV hangs either way: 1920×1080 across or 1080×1920 upright. The
 * board lays itself out for the canvas that matches the screen's shape (a
 * landscape canvas shrunk into a portrait screen would be unreadable from
 * across a hall) and follows the screen if it is turned.
 */
import { useSyncExternalStore } from 'react';
import { fitCanvas } from '../../components/fitCanvas';

export type Orientation = 'landscape' | 'portrait';

export function orientationOf(width: number, height: number): Orientation {
  return height > width ? 'portrait' : 'landscape';
}

let current: Orientation = 'landscape';
const listeners = new Set<() => void>();

/** Fits the canvas to the window now and on every resize; call once, outside React. */
export function fitHearingsCanvas(): void {
  let unfit: (() => void) | null = null;
  const apply = () => {
    const next = orientationOf(window.innerWidth, window.innerHeight);
    if (unfit && next === current) return;
    unfit?.();
    current = next;
    unfit = next === 'portrait' ? fitCanvas(1080, 1920) : fitCanvas(1920, 1080);
    for (const l of listeners) l();
  };
  apply();
  window.addEventListener('resize', apply);
}

export function useOrientation(): Orientation {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => current,
  );
}
