import { describe, expect, it } from 'vitest';
import { TOPICS, type Topic } from '../../../core/contract';
import { refusalMessage, topicVerdicts, whyNotFollow, type LiveHolder } from '../../../core/http/topic-access';

const NOBODY: LiveHolder = { user: null, ticketKiosk: false, ratingTablet: false, onLobbyComputer: false };
const desk = (over: Partial<LiveHolder> = {}): LiveHolder => ({ ...NOBODY, user: { id: 2, username: 'desk1', displayName: 'Desk', roles: ['desk'] }, ...over });

describe('who may follow a live topic', () => {
  it('anyone follows the public boards; staff, kiosk and tablet topics say why not', () => {
    const { allowed, refused } = topicVerdicts(TOPICS, NOBODY);
    expect(allowed).toEqual(['queue.board', 'kiosk.status', 'devices.sim', 'hearings.board', 'detainees.board', 'marquee', 'emergency']);
    expect(Object.fromEntries(refused)).toEqual({ 'signed-out': ['queue.staff', 'devices.health'], 'kiosk-revoked': ['kiosk.scan', 'rating.prompts'] });
  });

  it('a role list lets in its roles and admin, and tells another role it lacks it', () => {
    expect(whyNotFollow('queue.staff', desk())).toBeNull();
    expect(whyNotFollow('queue.staff', desk({ user: { id: 1, username: 'chen', displayName: '陳', roles: ['admin'] } }))).toBeNull();
    expect(whyNotFollow('queue.staff', desk({ user: { id: 3, username: 'b', displayName: 'B', roles: ['bailiff'] } }))).toBe('role-removed');
  });

  it('the summons scans reach only a ticket kiosk on the lobby computer; the prompts only a rating tablet', () => {
    expect(whyNotFollow('kiosk.scan', { ...NOBODY, ticketKiosk: true, onLobbyComputer: true })).toBeNull();
    expect(whyNotFollow('kiosk.scan', { ...NOBODY, ticketKiosk: true })).toBe('kiosk-revoked');
    expect(whyNotFollow('kiosk.scan', { ...NOBODY, ratingTablet: true, onLobbyComputer: true })).toBe('kiosk-revoked');
    expect(whyNotFollow('rating.prompts', { ...NOBODY, ratingTablet: true })).toBeNull();
    expect(whyNotFollow('rating.prompts', desk({ ticketKiosk: true, onLobbyComputer: true }))).toBe('kiosk-revoked');
  });

  it('names the tablet when only tablet topics were refused', () => {
    expect(refusalMessage('kiosk-revoked', ['rating.prompts'])).toBe("Only a counter's rating tablet may follow: rating.prompts");
    expect(refusalMessage('kiosk-revoked', ['kiosk.scan', 'rating.prompts'] as Topic[])).toBe('Only a kiosk on the lobby computer may follow: kiosk.scan, rating.prompts');
    expect(refusalMessage('signed-out', ['queue.staff'])).toBe('Sign in to follow: queue.staff');
  });
});
