import { Bi } from './parts';

/** "第 1/2 頁 Page 1 of 2" with a dot per page: the rest of the list is coming, wait for it. */
export function PageMark({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <div className="page-mark" data-testid="page-mark" data-page={page} data-pages={pages}>
      <Bi k="hearings.page" vars={{ p: page, n: pages }} className="page-mark__text" />
      <span className="page-mark__dots" aria-hidden="true">
        {Array.from({ length: pages }, (_, i) => (
          <span key={i} className={`page-mark__dot${i + 1 === page ? ' page-mark__dot--on' : ''}`} />
        ))}
      </span>
    </div>
  );
}
