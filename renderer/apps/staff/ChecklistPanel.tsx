import { useEffect } from 'react';
import type { ChecklistStep } from '../../../core/contract';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/accounts.css';

/** A tab the checklist can send the admin to, as the tab bar names it. */
export interface ChecklistTab {
  id: string;
  zh: string;
  en: string;
}

/** Where each step is done, best first: the first of these tabs the console has is offered. */
const STEP_TABS: Record<ChecklistStep, readonly string[]> = {
  'first-admin': ['users'],
  'other-users': ['users'],
  kiosk: ['kiosks', 'devices'],
  'counters-hours': ['hours', 'kiosks'],
  hearings: ['hearings'],
  guide: ['guide'],
  marquee: ['marquee'],
  devices: ['devices'],
};

/** 總覽: a new agency's first-run checklist, each step as the lobby's records show it now. */
export function ChecklistPanel({ tabs, onOpen }: { tabs: readonly ChecklistTab[]; onOpen: (tab: string) => void }) {
  const checklist = useStaff((s) => s.checklist);
  const error = useStaff((s) => s.checklistError);
  const load = useStaff((s) => s.loadChecklist);

  useEffect(() => {
    void load();
  }, [load]);

  const items = checklist?.items ?? [];
  const done = items.filter((i) => i.done).length;
  return (
    <section className="card checklist" data-testid="checklist">
      <div className="card__head">
        <h2 className="card__title">
          <span lang="zh-TW">開站檢查清單</span>
          <span lang="en" className="card__title-en">
            First-run checklist
          </span>
        </h2>
        <button type="button" className="btn" onClick={() => void load()} data-testid="checklist-refresh">
          重新檢查 <span lang="en">Check again</span>
        </button>
      </div>
      <InlineError message={error} testId="checklist-error" />
      {checklist && (
        <p className="checklist__progress" data-testid="checklist-progress">
          {done === items.length ? (
            <>
              全部完成，可以開始服務 <span lang="en">All done: the lobby is ready to open</span>
            </>
          ) : (
            <>
              已完成 {done}/{items.length} 項 <span lang="en">{`${done} of ${items.length} done`}</span>
            </>
          )}
        </p>
      )}
      <ol className="checklist__items">
        {items.map((item) => {
          const tab = STEP_TABS[item.step].map((id) => tabs.find((t) => t.id === id)).find((t) => t !== undefined);
          return (
            <li key={item.step} className={`checklist__item checklist__item--${item.done ? 'done' : 'todo'}`} data-testid={`check-${item.step}`} data-done={item.done}>
              <span className="checklist__mark" aria-hidden="true">
                {item.done ? '✓' : ''}
              </span>
              <div className="checklist__body">
                <p className="checklist__title">
                  <span className="checklist__state">
                    {item.done ? '完成' : '待辦'} <span lang="en">{item.done ? 'Done' : 'To do'}</span>
                  </span>
                  <span lang="zh-TW">{item.title.zh}</span> <span lang="en">{item.title.en}</span>
                </p>
                <p className="checklist__found" data-testid={`check-${item.step}-found`}>
                  <span lang="zh-TW">{item.found.zh}</span> <span lang="en">{item.found.en}</span>
                </p>
              </div>
              {tab && (
                <button type="button" className="btn checklist__go" onClick={() => onOpen(tab.id)} data-testid={`check-${item.step}-go`}>
                  前往{tab.zh} <span lang="en">Open {tab.en}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
