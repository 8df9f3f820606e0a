/**
 * The /sites page's board state: a role the board is not for is told so once and the page stops
 * asking (a dispatcher's page used to ask every 5 s and get a 403 each time); an account whose
 * township is not valid is told why, once; a leader's board keeps refreshing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOARD_REFRESH_MS, StaffingBoardState } from '../../src/lib/state/staffing-board.svelte';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const board = { generatedAt: '2026-11-30T06:00:00.000Z', townshipId: 't:a', sites: [], recommendations: [], recentMoves: [] };

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
	vi.useFakeTimers();
	fetchMock = vi.fn();
	vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const boardRequests = () => fetchMock.mock.calls.filter(([url]) => url === '/api/staffing/board').length;

describe('StaffingBoardState on /sites', () => {
	it('marks a role without the board forbidden and asks no more', async () => {
		fetchMock.mockImplementation(async () => json(403, { error: 'role_not_allowed', message: { zh: '您的角色无权进行此操作', en: 'your role may not view the staffing board' } }));
		const state = new StaffingBoardState('en');
		const stop = state.start();
		await vi.advanceTimersByTimeAsync(BOARD_REFRESH_MS * 6);
		expect(state.forbidden).toBe(true);
		expect(state.refused).toBeNull();
		expect(state.board).toBeNull();
		expect(boardRequests()).toBe(1);
		stop();
	});

	it('says once, in the page’s language, why an account whose township is not valid sees no board', async () => {
		fetchMock.mockImplementation(async () => json(403, { error: 'scope_invalid', message: { zh: '此账号的管辖范围设置有误', en: 'township t:x does not exist' } }));
		const state = new StaffingBoardState('zh-CN');
		const stop = state.start();
		await vi.advanceTimersByTimeAsync(BOARD_REFRESH_MS * 6);
		expect(state.forbidden).toBe(false);
		expect(state.refused).toBe('此账号的管辖范围设置有误');
		expect(boardRequests()).toBe(1);
		stop();
	});

	it('keeps refreshing a leader’s board until the page closes', async () => {
		fetchMock.mockImplementation(async () => json(200, board));
		const state = new StaffingBoardState('zh-CN');
		const stop = state.start();
		await vi.advanceTimersByTimeAsync(BOARD_REFRESH_MS * 3);
		expect(state.board).toEqual(board);
		expect(boardRequests()).toBe(4);
		stop();
		await vi.advanceTimersByTimeAsync(BOARD_REFRESH_MS * 3);
		expect(boardRequests()).toBe(4);
	});
});
