// Who is signed in. Kept in sessionStorage only: it ends with the browser tab,
// and the UI never writes credentials anywhere else.
//
// A session is one of:
//   {scheme: 'basic', credential: base64(login:password), login, isServerAdmin,
//    orgId, orgs: [{id, name}]}
//   {scheme: 'bearer', credential: <key or token>, identity, orgId, role}

const kStorageKey = 'keyledger.session';

export function loadSession() {
  try {
    const raw = sessionStorage.getItem(kStorageKey);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(kStorageKey, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(kStorageKey);
}

// base64 of the UTF-8 bytes of "login:password" (btoa alone rejects non-Latin-1).
export function basicCredential(login, password) {
  const bytes = new TextEncoder().encode(`${login}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

// Headers that authenticate a request as `session`. A user or the server admin
// picks the org with X-Grafana-Org-Id; a key always acts in its own org.
export function authHeaders(session) {
  if (!session) return {};
  if (session.scheme === 'bearer') return {Authorization: `Bearer ${session.credential}`};
  const headers = {Authorization: `Basic ${session.credential}`};
  if (session.orgId) headers['X-Grafana-Org-Id'] = String(session.orgId);
  return headers;
}

export function describeSession(session) {
  if (session.scheme === 'bearer') {
    const [kind, id] = (session.identity || '').split(':');
    const what = kind === 'service-account' ? `Service account ${id}` : `API key ${id}`;
    return `${what} · ${session.role || 'no role'} in org ${session.orgId}`;
  }
  return session.isServerAdmin ? `${session.login} · server admin` : session.login;
}
