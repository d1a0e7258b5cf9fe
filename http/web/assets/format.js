// Formatting and input checks shared by the pages.

import {h} from './dom.js';

// "Time to live": a number and a letter, s m h d w M (M = 30 days).
export const kTimeToLivePattern = /^[1-9][0-9]*[smhdwM]$/;

// Returns an error sentence, or '' when `text` is a valid time to live.
export function checkTimeToLive(text) {
  if (kTimeToLivePattern.test(text)) return '';
  return 'Time to live must be a number followed by one letter: s (seconds), m (minutes), ' +
      'h (hours), d (days), w (weeks) or M (months of 30 days), for example 12h or 1M.';
}

const kDateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

// A <time> element for an RFC 3339 string, or `fallback` text when absent.
export function timeCell(value, fallback = 'Never') {
  if (!value) return fallback;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getFullYear() <= 1) return fallback;
  return h('time', {datetime: value, title: value}, kDateTime.format(date));
}

export function isPast(value) {
  if (!value) return false;
  const t = new Date(value).getTime();
  return !Number.isNaN(t) && t <= Date.now();
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// "in 3 days", "in 5 hours" for a number of seconds ahead.
export function inAbout(seconds) {
  const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [name, size] of units) {
    if (seconds >= size) return `in ${plural(Math.round(seconds / size), name, `${name}s`)}`;
  }
  return 'in less than a minute';
}

// datetime-local input value -> RFC 3339 (UTC), '' when empty or invalid.
export function localInputToRfc3339(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
