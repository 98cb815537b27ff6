import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denyWindowAt } from '../../../src/deploy/deny-window.js';
import { nextScheduled } from '../../../src/watch/deploy-policy.js';

// Cron reads local time: pin the zone for this file.
process.env.TZ = 'UTC';
const at = (iso: string) => new Date(`${iso}Z`);

const businessHours = { cron: '0 9 * * 1-5', minutes: 8 * 60 }; // Mon–Fri 09:00–17:00

test('inside a deny window: denied until its end', () => {
  const monday = at('2026-01-05T10:30:00');
  const denied = denyWindowAt(monday, [businessHours]);
  assert.equal(denied?.until.toISOString(), '2026-01-05T17:00:00.000Z');
  assert.equal(denied?.window, businessHours);
});

test('a window opens exactly at its cron time and is closed exactly at its end', () => {
  assert.notEqual(denyWindowAt(at('2026-01-05T09:00:00'), [businessHours]), null);
  assert.equal(denyWindowAt(at('2026-01-05T08:59:59'), [businessHours]), null);
  assert.equal(denyWindowAt(at('2026-01-05T17:00:00'), [businessHours]), null);
});

test('outside every window (weekend, night): not denied', () => {
  assert.equal(denyWindowAt(at('2026-01-03T10:30:00'), [businessHours]), null); // Saturday
  assert.equal(denyWindowAt(at('2026-01-05T20:00:00'), [businessHours]), null);
  assert.equal(denyWindowAt(at('2026-01-05T10:00:00'), []), null);
});

test('windows that reopen before they close chain into one; overlapping windows give the latest end', () => {
  const everyHalfHourForAnHour = { cron: '0,30 12-13 * * *', minutes: 60 };
  // Matches 12:00, 12:30, 13:00, 13:30 → closed at 14:30.
  assert.equal(denyWindowAt(at('2026-01-05T12:10:00'), [everyHalfHourForAnHour])?.until.toISOString(), '2026-01-05T14:30:00.000Z');
  const freeze = { cron: '0 16 5 1 *', minutes: 24 * 60 }; // 5 Jan 16:00 for a day
  const denied = denyWindowAt(at('2026-01-05T16:30:00'), [businessHours, freeze]);
  assert.equal(denied?.window, freeze);
  assert.equal(denied?.until.toISOString(), '2026-01-06T16:00:00.000Z');
});

test('the schedule gives the next time strictly after the reference', () => {
  assert.equal(nextScheduled('*/15 * * * *', at('2026-01-05T10:07:00'))?.toISOString(), '2026-01-05T10:15:00.000Z');
  assert.equal(nextScheduled('*/15 * * * *', at('2026-01-05T10:15:00'))?.toISOString(), '2026-01-05T10:30:00.000Z');
  assert.equal(nextScheduled('0 2 * * *', at('2026-01-05T03:00:00'))?.toISOString(), '2026-01-06T02:00:00.000Z');
});
