// Same-origin calls to the keyledger HTTP API. Every failure becomes an
// ApiError whose message is fit to show to a person.

import {authHeaders, loadSession} from './session.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;  // 0 when the server could not be reached
  }
}

async function errorFrom(response) {
  let message = '';
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && typeof body.message === 'string') message = body.message;
  } catch {
    message = text.trim().slice(0, 300);  // some errors are plain text
  }
  if (!message) message = response.statusText || 'no details given';
  return new ApiError(response.status, message);
}

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// Sends a request and returns the raw Response when it is 2xx.
// `session` defaults to the signed-in one.
export async function request(method, path, {body, query, session} = {}) {
  const headers = {Accept: 'application/json', ...authHeaders(session ?? loadSession())};
  const init = {method, headers, credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(withQuery(path, query), init);
  } catch {
    throw new ApiError(0, 'the keyledger server could not be reached. Check that it is running.');
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

// Like request(), but returns the parsed JSON body (null when empty).
export async function api(method, path, options) {
  const response = await request(method, path, options);
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'the server sent an answer that is not JSON.');
  }
}

// "Could not delete the API key: API key not found." plus a hint for the
// statuses where the person can do something about it.
export function explain(doing, error) {
  if (!(error instanceof ApiError)) return `${doing}: ${error?.message || error}`;
  let text = `${doing}: ${error.message}`;
  if (!/[.!?]$/.test(text)) text += '.';
  if (error.status === 401) text += ' Your sign-in was not accepted; sign out and sign in again.';
  if (error.status === 403) text += ' You do not have permission to do this.';
  if (error.status >= 500) text += ` (server error ${error.status})`;
  return text;
}
