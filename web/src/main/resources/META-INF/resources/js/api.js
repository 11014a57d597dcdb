// The one way the pages talk to the REST API: JSON in and out, problem+json errors as ApiError, the access token
// attached and refreshed before it expires, and reads that follow a recent write waiting for it (read-your-writes).
const STORE = 'careslot.session';
const REFRESH_AHEAD_MS = 60_000;
const POSITION = 'X-Careslot-Position';
const POSITION_FRESH_MS = 10_000;

// A tab opened from this one starts with a copy of its session storage. Two tabs refreshing one refresh token would
// present a spent token, which revokes the whole sign-in; so a copied session keeps only its access token.
const TAB = window.name.startsWith('careslot-') ? window.name : (window.name = `careslot-${crypto.randomUUID?.() ?? Math.random()}`);
let session = adopt(load());
let refreshing = null;
let timer = null;
let lastWrite = null;
const listeners = new Set();

function adopt(stored) {
  if (!stored) return null;
  if (stored.tab !== TAB) {
    stored = {...stored, tab: TAB, refreshToken: null};
    sessionStorage.setItem(STORE, JSON.stringify(stored));
  }
  return stored;
}

export class ApiError extends Error {
  constructor(status, problem, method, path) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.method = method;
    this.path = path;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
  }

  /** True when the server has no such endpoint (yet) rather than no such record. */
  get missingEndpoint() {
    return this.status === 405 || this.status === 404 && !/\b(no|unknown)\b.*\b(slot|appointment|doctor|account|event)\b/i.test(this.problem.detail ?? '');
  }
}

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE)) ?? null;
  } catch {
    return null;
  }
}

function persist() {
  if (session) sessionStorage.setItem(STORE, JSON.stringify(session));
  else sessionStorage.removeItem(STORE);
  schedule();
  listeners.forEach(listener => listener(session));
}

function schedule() {
  clearTimeout(timer);
  if (!session?.refreshToken) return;
  const due = Math.max(5_000, session.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  timer = setTimeout(() => refresh().catch(() => {}), due);
}

schedule();

export function currentSession() {
  return session;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function keep(tokens, extra = {}) {
  session = {
    ...(session ?? {}),
    ...extra,
    tab: TAB,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    role: tokens.role ?? session?.role,
    expiresAt: Date.now() + (tokens.expiresIn ?? 900) * 1000,
  };
}

export async function signIn(email, password) {
  const tokens = await request('POST', '/api/auth/login', {body: {email, password}, auth: false});
  session = null;
  keep(tokens);
  const me = await request('GET', '/api/auth/me');
  session = {...session, accountId: me.accountId, email: me.email, role: me.role ?? session.role};
  persist();
  return session;
}

export async function signOut() {
  const ending = session;
  session = null;
  persist();
  if (ending?.refreshToken) {
    await request('POST', '/api/auth/logout', {body: {refreshToken: ending.refreshToken}, auth: false}).catch(() => {});
  }
}

export function refresh() {
  if (!session?.refreshToken) return Promise.reject(new ApiError(401, {title: 'Signed out'}));
  if (!refreshing) {
    const spent = session.refreshToken;
    refreshing = request('POST', '/api/auth/refresh', {body: {refreshToken: spent}, auth: false})
      .then(tokens => { keep(tokens); persist(); return session; })
      .catch(error => {
        if (error.status === 401 || error.status === 400) { session = null; persist(); }
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function request(method, path, {body, auth = true, headers = {}, retried = false, blob = false} = {}) {
  if (auth && session && session.expiresAt - Date.now() < 15_000) await refresh().catch(() => {});
  const sent = {Accept: 'application/json, application/problem+json', ...headers};
  const form = body instanceof FormData; // an upload: the browser sets the multipart type and boundary
  if (body !== undefined && !form) sent['Content-Type'] = 'application/json';
  if (auth && session) sent.Authorization = `Bearer ${session.accessToken}`;
  if (method === 'GET' && lastWrite && Date.now() - lastWrite.at < POSITION_FRESH_MS) sent[POSITION] = lastWrite.position;
  let response;
  try {
    response = await fetch(path, {method, headers: sent, body: body === undefined || form ? body : JSON.stringify(body)});
  } catch {
    throw new ApiError(0, {title: 'No connection',
      detail: 'Careslot could not be reached. Check your connection and try again.'}, method, path);
  }
  if (response.status === 401 && auth && session && !retried) {
    try {
      await refresh();
      return request(method, path, {body, auth, headers, retried: true, blob});
    } catch {
      // fall through: the 401 below tells the page to sign in again
    }
  }
  const position = response.headers.get(POSITION);
  if (method !== 'GET' && position) lastWrite = {position, at: Date.now()};
  const type = response.headers.get('Content-Type') ?? '';
  const payload = response.status === 204 ? null
    : blob && response.ok ? await response.blob()
    : type.includes('json') ? await response.json().catch(() => null)
    : await response.text();
  if (!response.ok) {
    const problem = payload && typeof payload === 'object' ? payload
      : {title: response.statusText || `HTTP ${response.status}`, status: response.status};
    throw new ApiError(response.status, problem, method, path);
  }
  return payload;
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body = {}, options) => request('POST', path, {...options, body}),
  patch: (path, body, options) => request('PATCH', path, {...options, body}),
  put: (path, body, options) => request('PUT', path, {...options, body}),
  /** A file the caller may read (a credential document) as a Blob, for a preview or a download link. */
  blob: (path, options) => request('GET', path, {...options, headers: {Accept: '*/*'}, blob: true}),
  delete: (path, options) => request('DELETE', path, options),
};

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Whether mail is caught locally (GET /api/dev/mail answers only on the embedded default, from this machine). */
export async function mailIsCaught() {
  try {
    const response = await fetch('/api/dev/mail?to=nobody%40careslot.invalid', {headers: {Accept: 'application/json'}});
    return response.ok;
  } catch {
    return false;
  }
}
