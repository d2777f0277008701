import { describe, expect, it } from 'vitest';
import { remainingMs } from '$lib/forum/floor.rules';
import type { Speech } from '$lib/forum/types';
import { clockText, countdownText, limitWords } from './floor';

const speech = (over: Partial<Speech> = {}): Speech => ({
	requestId: 'r1',
	participantId: 'p-fra-head',
	delegationId: 'FRA',
	kind: 'statement',
	capacity: { onBehalfOf: null },
	item: 7,
	limitSeconds: 180,
	startedAt: 1_000_000,
	pausedAt: null,
	pausedMs: 0,
	endedAt: null,
	...over
});

describe('countdownText', () => {
	it('shows the whole limit at the start and rounds up while time is left', () => {
		expect(countdownText(180_000)).toEqual({ text: '3:00', over: false });
		expect(countdownText(179_001)).toEqual({ text: '3:00', over: false });
		expect(countdownText(179_000)).toEqual({ text: '2:59', over: false });
		expect(countdownText(1)).toEqual({ text: '0:01', over: false });
		expect(countdownText(0)).toEqual({ text: '0:00', over: false });
	});

	it('counts the time over the limit once it is negative', () => {
		expect(countdownText(-1)).toEqual({ text: '+0:00', over: true });
		expect(countdownText(-61_500)).toEqual({ text: '+1:01', over: true });
	});

	it('reads a speech from the server times, frozen while paused', () => {
		const started = speech();
		expect(countdownText(remainingMs(started, 1_000_000 + 45_200)).text).toBe('2:15');
		const paused = speech({ pausedAt: 1_000_000 + 60_000, pausedMs: 10_000 });
		// 50 s spoken when the pause began, however long the pause has lasted
		expect(countdownText(remainingMs(paused, 1_000_000 + 600_000)).text).toBe('2:10');
	});
});

describe('clockText and limitWords', () => {
	it('writes minutes past 59 and limits in words', () => {
		expect(clockText(3600)).toBe('60:00');
		expect(clockText(65)).toBe('1:05');
		expect(limitWords(180)).toBe('3 minutes');
		expect(limitWords(90)).toBe('1 minute 30 seconds');
		expect(limitWords(45)).toBe('45 seconds');
	});
});
