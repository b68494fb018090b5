/**
 * Boards are designed on a fixed 1920×1080 canvas; scale it (CSS zoom) to
 * whatever the TV's viewport really is so nothing overflows and nothing is tiny.
 * Call once, outside React.
 */
export function fitCanvas(width = 1920, height = 1080): () => void {
  const apply = () => {
    const z = Math.min(window.innerWidth / width, window.innerHeight / height);
    document.documentElement.style.setProperty('--canvas-zoom', String(z > 0 ? z : 1));
  };
  apply();
  window.addEventListener('resize', apply);
  return () => window.removeEventListener('resize', apply);
}
