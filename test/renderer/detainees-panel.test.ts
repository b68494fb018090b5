/**
 * The staff 新收人犯 panel offers the stages and outcomes the server sent for
 * this site, not a list of its own: the staff store loads a site's list
 * through its API, then the panel is rendered from that state.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { create } from 'zustand';
import { describe, expect, it, vi } from 'vitest';
import type { Detainee, DetaineeStep, PublicSite } from '../../core/contract';
import { DetaineesPanel } from '../../renderer/apps/staff/DetaineesPanel';
import { createStaffStore, type StaffState } from '../../renderer/apps/staff/store';

// A server render reads a store's initial state, so the panel's store is swapped
// for one whose initial state is a loaded court store's state.
const panelStore = vi.hoisted(() => ({ current: null as null | ((selector: (s: StaffState) => unknown) => unknown) }));
vi.mock('../../renderer/apps/staff/state', () => ({
  useStaff: (selector: (s: StaffState) => unknown) => panelStore.current!(selector),
}));

const site: PublicSite = {
  id: 'test',
  kind: 'prison',
  agency: { zh: '測試監獄', en: 'Test Prison' },
  timeZone: 'Asia/Taipei',
  services: [],
  counters: [],
  courtrooms: [],
  signs: [],
};
const person = (id: number, stage: string): Detainee => ({
  id,
  name: `王小明${id}`,
  broughtAt: '08:15',
  agency: '臺東縣警察局',
  offence: null,
  stage,
  updatedAt: '2026-11-26T08:15:00+08:00',
});
const testIds = (html: string, prefix: string) => [...html.matchAll(new RegExp(`data-testid="(${prefix}[^"]*)"`, 'g'))].map((m) => m[1]);

/** The panel as it shows after the staff API answered with these people and steps. */
async function renderPanel(detainees: Detainee[], stages: DetaineeStep[], outcomes: DetaineeStep[]): Promise<string> {
  const store = createStaffStore({ api: { detainees: async () => ({ detainees, stages, outcomes }) } });
  await store.getState().loadDetainees();
  const loaded = create<StaffState>()(() => store.getState());
  panelStore.current = (selector) => loaded(selector);
  return renderToStaticMarkup(createElement(DetaineesPanel, { site }));
}

describe('the staff detainees panel', () => {
  it('offers the site’s own stages and outcomes, with their labels', async () => {
    const html = await renderPanel(
      [person(1, 'intake'), person(2, 'search'), person(3, 'housed')],
      [
        { id: 'intake', zh: '入監', en: 'Intake' },
        { id: 'search', zh: '檢身', en: 'Searched' },
      ],
      [{ id: 'housed', zh: '配房', en: 'Assigned a cell' }],
    );
    expect(testIds(html, 'stage-1-')).toEqual(['stage-1-search']);
    expect(testIds(html, 'stage-2-')).toEqual(['stage-2-housed']);
    expect(testIds(html, 'stage-3-')).toEqual([]);
    expect(html).toContain('→ 檢身');
    expect(html).toContain('入監');
    // An outcome shows as itself, no check mark: where processing ended is not good or bad news.
    expect(html).toContain('配房');
    expect(html).not.toContain('✓');
    // None of the default prosecutors' office steps.
    for (const zh of ['解送到署', '候訊', '訊問中', '訊畢', '交保']) expect(html).not.toContain(zh);
  });

  it('offers the configuration’s default steps to a site that keeps them', async () => {
    const html = await renderPanel(
      [person(1, 'delivered')],
      [
        { id: 'delivered', zh: '解送到署', en: 'Delivered' },
        { id: 'waiting', zh: '候訊', en: 'Awaiting questioning' },
      ],
      [{ id: 'bail', zh: '交保', en: 'Released on bail' }],
    );
    expect(testIds(html, 'stage-1-')).toEqual(['stage-1-waiting']);
    expect(html).toContain('解送到署');
  });
});
