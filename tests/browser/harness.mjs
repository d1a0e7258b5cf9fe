// Test harness: starts a real keyledger server on a free loopback port with a
// fresh data directory, launches Debian's Chromium through playwright-core, and
// offers a small API client for setting up data the way a script would.

import {spawn} from 'node:child_process';
import {mkdtempSync, mkdirSync, rmSync, openSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join, resolve, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const screenshotDir = process.env.KEYLEDGER_SCREENSHOT_DIR || join(repoRoot, 'build', 'screenshots');
const serverBinary = process.env.KEYLEDGER_BIN || join(repoRoot, 'build', 'bin', 'keyledger');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

export const adminPassword = 'browser-test-admin-pw';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-ui-data-'));
  const logPath = join(dataDir, '..', `${dataDir.split('/').pop()}.log`);
  const log = openSync(logPath, 'w');
  const child = spawn(serverBinary, [
    'serve', '--data-dir', dataDir, '--http-addr', '127.0.0.1', '--http-port', String(port),
    '--admin-password', adminPassword,
  ], {stdio: ['ignore', log, log], env: {...process.env, KEYLEDGER_SECURITY_ADMIN_PASSWORD: adminPassword}});
  let exited = null;
  child.on('exit', (code, signal) => { exited = {code, signal}; });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Wait (bounded) until the server answers /api/health with 200.
  for (let i = 0; i < 300; i++) {
    if (exited) break;
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.status === 200) {
        return {baseUrl, port, dataDir, logPath, child, stop: () => stopServer(child, dataDir, logPath)};
      }
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  child.kill('SIGKILL');
  const tail = readFileSync(logPath, 'utf8').slice(-3000);
  throw new Error(`keyledger did not become healthy at ${baseUrl} (exit: ${JSON.stringify(exited)}). Log:\n${tail}`);
}

async function stopServer(child, dataDir, logPath) {
  if (child.exitCode === null && child.signalCode === null) {
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await done;
    clearTimeout(timer);
  }
  rmSync(dataDir, {recursive: true, force: true});
  rmSync(logPath, {force: true});
}

export async function launchBrowser(baseUrl) {
  const profile = mkdtempSync(join(tmpdir(), 'keyledger-ui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: {width: 1280, height: 900},
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: baseUrl});
  context.setDefaultTimeout(15000);
  const close = async () => {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  };
  return {context, close};
}

// Calls the API as the server admin (or with `auth` headers) from the test.
export function apiClient(baseUrl) {
  const adminAuth = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;
  return async function call(method, path, {body, orgId, auth} = {}) {
    const headers = {Authorization: auth ?? adminAuth};
    if (orgId) headers['X-Grafana-Org-Id'] = String(orgId);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    return {status: response.status, body: json, headers: response.headers};
  };
}

export function ensureScreenshotDir() {
  mkdirSync(screenshotDir, {recursive: true});
  return screenshotDir;
}

export {sleep};
