/**
 * The staff 導覽內容 tab's calls: the guide with who edited each section, and
 * a section saved (or reset). The tab keeps its draft in its own component
 * state; the server validates the whole guide and names the field it refuses.
 */
import type { StateCreator } from 'zustand';
import type { GuideResponse, GuideSection, GuideSectionRequest } from '../../../core/contract';
import type { GuideApi } from './api';

export interface GuideEditSlice {
  fetchStaffGuide: () => Promise<GuideResponse>;
  saveGuideSection: (section: GuideSection, body: GuideSectionRequest) => Promise<GuideResponse>;
}

export function createGuideEditSlice(api: Pick<GuideApi, 'staffGuide' | 'saveGuideSection'>): StateCreator<GuideEditSlice, [], [], GuideEditSlice> {
  return () => ({
    fetchStaffGuide: () => api.staffGuide(),
    saveGuideSection: (section, body) => api.saveGuideSection(section, body),
  });
}
