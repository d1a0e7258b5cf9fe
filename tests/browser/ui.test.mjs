// End-to-end tests of the web UI: every flow of the product page, walked in a
// real browser against a real keyledger server. The steps run in order and
// share one server and one browser tab, as one person's session would.
//
// Run with tests/browser/run.sh (node --test).

import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {startServer, launchBrowser, apiClient, ensureScreenshotDir, adminPassword, sleep} from './harness.mjs';

let server;
let browser;
let page;
let call;
const problems = [];  // CSP violations and uncaught errors seen in the page
let shots;

before(async () => {
  server = await startServer();
  call = apiClient(server.baseUrl);
  browser = await launchBrowser(server.baseUrl);
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  shots = ensureScreenshotDir();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---- helpers ----

const shot = (name) => page.screenshot({path: join(shots, `${name}.png`), fullPage: true});
const notice = (text) => page.locator('#notices .notice').filter({hasText: text});
const dialog = () => page.getByRole('dialog');
const keyRow = (name) => page.locator(`tr[data-key-name="${name}"]`);
const saRow = (name) => page.locator(`tr[data-sa-name="${name}"]`);
const tokenRow = (name) => page.locator(`tr[data-token-name="${name}"]`);
const navLink = (name) => page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name, exact: true});

async function visible(locator) {
  await locator.first().waitFor({state: 'visible'});
  return locator.first();
}

async function gone(locator) {
  await locator.first().waitFor({state: 'detached'});
}

async function signInAsAdmin() {
  await page.goto(`${server.baseUrl}/#/sign-in`);
  await page.getByLabel('Username', {exact: true}).fill('admin');
  await page.getByLabel('Password', {exact: true}).fill(adminPassword);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await visible(page.getByRole('heading', {name: 'API keys', level: 1}));
}

async function signOut() {
  await page.getByRole('button', {name: 'Sign out'}).click();
  await visible(page.getByRole('heading', {name: 'Sign in to keyledger'}));
}

async function confirm(buttonName) {
  const d = await visible(dialog());
  await d.getByRole('button', {name: buttonName, exact: true}).click();
  await gone(dialog());
}

// Creates a key through the UI and returns the secret shown once.
async function addKeyInUi(name, role, ttl) {
  await page.getByRole('button', {name: 'New API key'}).click();
  await page.getByLabel('Key name', {exact: true}).fill(name);
  await page.getByLabel('Role', {exact: true}).selectOption(role);
  await page.getByLabel('Time to live', {exact: true}).fill(ttl);
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  const panel = await visible(page.getByRole('region', {name: 'New API key'}));
  return panel.getByRole('textbox').inputValue();
}

// ---- the flows ----

test('the web UI is served with a strict content security policy', async () => {
  const response = await fetch(`${server.baseUrl}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  const js = await fetch(`${server.baseUrl}/assets/app.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.ok(js.headers.get('content-security-policy'));
});

test('a wrong password is refused with a message', async () => {
  await page.goto(`${server.baseUrl}/`);
  await visible(page.getByRole('heading', {name: 'Sign in to keyledger'}));
  await shot('sign-in');
  await page.getByLabel('Username', {exact: true}).fill('admin');
  await page.getByLabel('Password', {exact: true}).fill('not-the-password');
  await page.getByRole('button', {name: 'Sign in'}).click();
  const error = await visible(page.getByRole('alert').filter({hasText: 'Sign-in failed'}));
  assert.match(await error.textContent(), /Sign-in failed: \S/);
  assert.equal(await page.getByRole('navigation', {name: 'Main'}).isVisible(), false);
});

test('the server admin signs in and sees the main pages', async () => {
  await signInAsAdmin();
  for (const name of ['API keys', 'Service accounts', 'Audit']) await visible(navLink(name));
  assert.match(await page.locator('#who').textContent(), /admin · server admin/);
  await visible(page.getByRole('heading', {name: 'Switch from API keys to service accounts'}));
  await visible(page.getByText('There are no API keys in this organization.'));
});

let deploySecret;

test('New API key: name, Role, Time to live, Add; the secret is shown once with a copy button', async () => {
  await page.getByRole('button', {name: 'New API key'}).click();
  await page.getByLabel('Key name', {exact: true}).fill('ci-deploy');
  await page.getByLabel('Role', {exact: true}).selectOption('Editor');
  await page.getByLabel('Time to live', {exact: true}).fill('12 hours');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  await visible(page.getByRole('alert').filter({hasText: 'Time to live must be a number followed by one letter'}));

  await page.getByLabel('Time to live', {exact: true}).fill('12h');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  const panel = await visible(page.getByRole('region', {name: 'New API key'}));
  assert.match(await panel.textContent(), /You will not be able to see this API key again/);
  deploySecret = await panel.getByRole('textbox').inputValue();
  assert.match(deploySecret, /^eyJ/);  // legacy key: base64 of {"k":...}

  await panel.getByRole('button', {name: 'Copy'}).click();
  await visible(panel.getByText('Copied to clipboard.'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), deploySecret);

  const row = await visible(keyRow('ci-deploy'));
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'Editor');
  assert.notEqual(cells[2], 'Never');  // it expires in 12 hours
  assert.equal(cells[3], 'Never');     // not used yet
  await shot('api-keys-new-key');

  await panel.getByRole('button', {name: 'I have copied it, close'}).click();
  await gone(page.getByRole('region', {name: 'New API key'}));

  // The secret works, and it is not shown again anywhere on the page.
  const verify = await call('GET', '/api/auth/verify', {auth: `Bearer ${deploySecret}`});
  assert.equal(verify.status, 200);
  assert.equal(verify.headers.get('x-keyledger-role'), 'Editor');
  await page.reload();
  await visible(keyRow('ci-deploy'));
  assert.equal((await page.content()).includes(deploySecret), false);
});

test('a duplicate key name is refused with the server\'s message', async () => {
  await page.getByRole('button', {name: 'New API key'}).click();
  await page.getByLabel('Key name', {exact: true}).fill('ci-deploy');
  await page.getByLabel('Time to live', {exact: true}).fill('1h');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  const error = await visible(page.getByRole('alert').filter({hasText: 'Could not add the API key'}));
  assert.match(await error.textContent(), /must be unique/);
  await page.getByRole('button', {name: 'Cancel'}).click();
});

test('expired keys are listed and marked', async () => {
  const created = await call('POST', '/api/auth/keys', {body: {name: 'short-lived', role: 'Viewer', secondsToLive: 1}});
  assert.equal(created.status, 200, JSON.stringify(created.body));
  await sleep(2100);  // let it expire; nothing here measures time
  await page.reload();
  const row = await visible(keyRow('short-lived'));
  assert.match(await row.textContent(), /Expired/);
  assert.doesNotMatch(await keyRow('ci-deploy').textContent(), /Expired/);
  await shot('api-keys');
});

test('deleting a key asks first, and Cancel keeps it', async () => {
  await keyRow('short-lived').getByRole('button', {name: 'Delete'}).click();
  const d = await visible(dialog());
  assert.match(await d.textContent(), /Delete API key\?.*short-lived/s);
  await shot('dialog-delete-key');
  await d.getByRole('button', {name: 'Cancel'}).click();
  await gone(dialog());
  await visible(keyRow('short-lived'));

  await keyRow('short-lived').getByRole('button', {name: 'Delete'}).click();
  await confirm('Delete');
  await visible(notice('API key "short-lived" deleted.'));
  await gone(keyRow('short-lived'));
  const keys = await call('GET', '/api/auth/keys?includeExpired=true');
  assert.equal(keys.body.some((k) => k.name === 'short-lived'), false);
});

test('Migrate to service account moves one key', async () => {
  await addKeyInUi('single-one', 'Viewer', '1d');
  await page.getByRole('button', {name: 'I have copied it, close'}).click();
  await keyRow('single-one').getByRole('button', {name: 'Migrate to service account'}).click();
  await visible(notice('API key "single-one" migrated to a service account'));
  await gone(keyRow('single-one'));
  await visible(keyRow('ci-deploy'));
  const found = await call('GET', '/api/serviceaccounts/search?query=single-one');
  assert.equal(found.status, 200);
  assert.equal(found.body.serviceAccounts.length, 1);
});

test('a pasted key acts as itself, and refusals are shown in plain words', async () => {
  await signOut();
  await page.getByLabel('API key or service account token', {exact: true}).fill('not-a-real-key');
  await page.getByRole('button', {name: 'Use this key'}).click();
  await visible(page.getByRole('alert').filter({hasText: 'This key was not accepted'}));

  await page.getByLabel('API key or service account token', {exact: true}).fill(deploySecret);
  await page.getByRole('button', {name: 'Use this key'}).click();
  await visible(page.getByRole('heading', {name: 'API keys', level: 1}));
  assert.match(await page.locator('#who').textContent(), /API key \d+ · Editor in org 1/);
  // An Editor key may not manage keys: the page says so instead of failing silently.
  const error = await visible(page.getByRole('alert').filter({hasText: 'Could not load the API keys'}));
  assert.match(await error.textContent(), /You do not have permission/);
  await shot('signed-in-as-editor-key');
  await signOut();
  await signInAsAdmin();
});

test('Service accounts: create, then change the role', async () => {
  await navLink('Service accounts').click();
  await visible(page.getByRole('heading', {name: 'Service accounts', level: 1}));
  await page.getByRole('button', {name: 'Add service account'}).click();
  await page.getByLabel('Display name', {exact: true}).fill('robot');
  await page.getByLabel('Role', {exact: true}).selectOption('Viewer');
  await page.getByRole('button', {name: 'Create'}).click();
  await visible(page.getByRole('heading', {name: 'robot', level: 1}));
  await visible(notice('Service account "robot" created.'));
  await visible(page.getByText('This service account has no tokens.'));

  await page.getByLabel('Role', {exact: true}).selectOption('Editor');
  await visible(notice('Role of "robot" changed to Editor.'));
  const found = await call('GET', '/api/serviceaccounts/search?query=robot');
  assert.equal(found.body.serviceAccounts[0].role, 'Editor');
});

let robotToken;

test('tokens: add with a time to live, the secret is shown once', async () => {
  await page.getByRole('button', {name: 'Add service account token'}).click();
  await page.getByLabel('Token name', {exact: true}).fill('robot-token');
  await page.getByLabel('Time to live', {exact: true}).fill('1d');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  const panel = await visible(page.getByRole('region', {name: 'New service account token'}));
  assert.match(await panel.textContent(), /You will not be able to see this service account token again/);
  robotToken = await panel.getByRole('textbox').inputValue();
  assert.match(robotToken, /^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/);
  await panel.getByRole('button', {name: 'I have copied it, close'}).click();
  const row = await visible(tokenRow('robot-token'));
  assert.match(await row.textContent(), /Expires in/);

  // A token without a time to live is refused by the server (30-day limit): shown, not swallowed.
  await page.getByRole('button', {name: 'Add service account token'}).click();
  await page.getByLabel('Token name', {exact: true}).fill('robot-token-2');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  await visible(page.getByRole('alert').filter({hasText: 'Could not add the token:'}));
  await page.getByLabel('Time to live', {exact: true}).fill('2h');
  await page.getByRole('button', {name: 'Add', exact: true}).click();
  await visible(page.getByRole('region', {name: 'New service account token'}));
  await page.getByRole('button', {name: 'I have copied it, close'}).click();
  await visible(tokenRow('robot-token-2'));
  await shot('service-account');
});

test('Revert to API key is refused while the account has two tokens', async () => {
  await tokenRow('robot-token').getByRole('button', {name: 'Revert to API key'}).click();
  const d = await visible(dialog());
  assert.match(await d.textContent(), /deletes the service account "robot"/);
  await confirm('Revert to API key');
  await visible(page.getByRole('alert').filter({hasText: 'Could not revert the token "robot-token" to an API key'}));
  await visible(page.getByRole('heading', {name: 'robot', level: 1}));
});

test('tokens: revoke, show or hide revoked ones, delete', async () => {
  await tokenRow('robot-token-2').getByRole('button', {name: 'Revoke'}).click();
  await confirm('Revoke');
  await visible(notice('Token "robot-token-2" revoked.'));
  await visible(tokenRow('robot-token-2').getByText('Revoked'));
  await page.getByLabel('Show expired and revoked tokens', {exact: true}).uncheck();
  await gone(tokenRow('robot-token-2'));
  await visible(tokenRow('robot-token'));
  await page.getByLabel('Show expired and revoked tokens', {exact: true}).check();
  await visible(tokenRow('robot-token-2'));

  await tokenRow('robot-token-2').getByRole('button', {name: 'Delete'}).click();
  await confirm('Delete');
  await visible(notice('Token "robot-token-2" deleted.'));
  await gone(tokenRow('robot-token-2'));
});

test('disable and enable a service account', async () => {
  await page.getByRole('button', {name: 'Disable service account'}).click();
  await visible(notice('Service account "robot" disabled'));
  await visible(page.getByRole('button', {name: 'Enable service account'}));
  const refused = await call('GET', '/api/auth/verify', {auth: `Bearer ${robotToken}`});
  assert.equal(refused.status, 401);

  await navLink('Service accounts').click();
  await visible(saRow('robot').getByText('Disabled'));
  await saRow('robot').getByRole('button', {name: 'Enable'}).click();
  await visible(notice('Service account "robot" enabled.'));
  await visible(saRow('robot').getByText('Enabled'));
  const accepted = await call('GET', '/api/auth/verify', {auth: `Bearer ${robotToken}`});
  assert.equal(accepted.status, 200);
});

test('service accounts: search and filter', async () => {
  await visible(saRow('sa-autogen-single-one'));
  await page.getByLabel('Search service accounts', {exact: true}).fill('robo');
  await page.getByRole('button', {name: 'Search'}).click();
  await gone(saRow('sa-autogen-single-one'));
  await visible(saRow('robot'));
  await page.getByLabel('Search service accounts', {exact: true}).fill('');
  await page.getByLabel('Show', {exact: true}).selectOption('Disabled');
  await visible(page.getByText('No service accounts match this search.'));
  await page.getByLabel('Show', {exact: true}).selectOption('All');
  await visible(saRow('sa-autogen-single-one'));
  await saRow('robot').getByLabel('Role of robot', {exact: true}).selectOption('Admin');
  await visible(notice('Role of "robot" changed to Admin.'));
  await shot('service-accounts');
});

test('Revert to API key turns the only token back into a key and deletes the account', async () => {
  await saRow('sa-autogen-single-one').getByRole('link', {name: 'sa-autogen-single-one'}).click();
  await visible(page.getByRole('heading', {name: 'sa-autogen-single-one', level: 1}));
  await tokenRow('single-one').getByRole('button', {name: 'Revert to API key'}).click();
  const d = await visible(dialog());
  assert.match(await d.textContent(), /Warning: this deletes the service account "sa-autogen-single-one"/);
  await shot('dialog-revert');
  await confirm('Revert to API key');
  await visible(page.getByRole('heading', {name: 'API keys', level: 1}));
  await visible(notice('Token "single-one" is an API key again'));
  await visible(keyRow('single-one'));
  const found = await call('GET', '/api/serviceaccounts/search?query=single-one');
  assert.equal(found.body.serviceAccounts.length, 0);
});

test('deleting a service account asks first', async () => {
  await navLink('Service accounts').click();
  await saRow('robot').getByRole('link', {name: 'robot'}).click();
  await page.getByRole('button', {name: 'Delete service account'}).click();
  const d = await visible(dialog());
  assert.match(await d.textContent(), /"robot" and its token will be deleted/);
  await confirm('Delete service account');
  await visible(page.getByRole('heading', {name: 'Service accounts', level: 1}));
  await visible(notice('Service account "robot" deleted.'));
  await gone(saRow('robot'));
  const refused = await call('GET', '/api/auth/verify', {auth: `Bearer ${robotToken}`});
  assert.equal(refused.status, 401);
});

test('Audit: entries with filters and pages', async () => {
  await navLink('Audit').click();
  await visible(page.getByRole('heading', {name: 'Audit', level: 1}));
  const table = await visible(page.locator('table.audit'));
  assert.ok(await table.locator('tbody tr').count() > 0);
  await shot('audit');

  await page.getByLabel('Action', {exact: true}).fill('ApiKeyDeleted');
  await page.getByRole('button', {name: 'Apply filters'}).click();
  await visible(page.locator('caption', {hasText: 'Audit entries (1)'}));
  const actions = await page.locator('table.audit tbody tr td:nth-child(5)').allTextContents();
  assert.deepEqual(actions, ['ApiKeyDeleted']);
  assert.match(await page.locator('table.audit tbody tr').textContent(), /admin/);

  await page.getByRole('button', {name: 'Clear filters'}).click();
  await page.getByLabel('Entries per page', {exact: true}).selectOption('10');
  await visible(page.getByText(/Page 1 of ([2-9]|\d\d+)\b/));
  await page.getByRole('button', {name: 'Next page'}).click();
  await visible(page.getByText(/Page 2 of ([2-9]|\d\d+)\b/));
  assert.equal(await page.locator('table.audit tbody tr').count() > 0, true);

  await page.getByLabel('Actor', {exact: true}).fill('nobody-by-this-name');
  await page.getByRole('button', {name: 'Apply filters'}).click();
  await visible(page.getByText('No audit entries match these filters.'));
});

test('Migrate to service accounts now, then Hide API keys page forever (in a second org)', async () => {
  const org = await call('POST', '/api/orgs', {body: {name: 'Migration Org'}});
  assert.equal(org.status, 200, JSON.stringify(org.body));
  const orgId = org.body.orgId;
  for (const name of ['legacy-a', 'legacy-b']) {
    const r = await call('POST', '/api/auth/keys', {orgId, body: {name, role: 'Viewer', secondsToLive: 3600}});
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  // The org list is read at sign-in.
  await signOut();
  await signInAsAdmin();
  await page.getByLabel('Organization', {exact: true}).selectOption(String(orgId));
  await visible(keyRow('legacy-a'));
  await visible(keyRow('legacy-b'));

  await page.getByRole('button', {name: 'Migrate to service accounts now'}).click();
  const d = await visible(dialog());
  assert.match(await d.textContent(), /Migrate API keys to service accounts\?/);
  await shot('dialog-migrate');
  await confirm('Yes, migrate now');
  await visible(page.getByRole('status').filter({hasText: 'Migrated 2 of 2 API keys to service accounts.'}));
  await visible(page.getByText('There are no API keys in this organization.'));
  assert.equal(await page.getByRole('button', {name: 'New API key'}).isVisible(), false);
  const refused = await call('POST', '/api/auth/keys', {orgId, body: {name: 'too-late', role: 'Viewer', secondsToLive: 60}});
  assert.equal(refused.status, 410);
  await shot('api-keys-migrated');

  await page.getByRole('button', {name: 'Hide API keys page forever'}).click();
  await confirm('Yes, hide it forever');
  await visible(page.getByRole('heading', {name: 'Service accounts', level: 1}));
  await visible(notice('The API keys page is now hidden for this organization.'));
  await visible(saRow('sa-autogen-legacy-a'));
  assert.equal(await navLink('API keys').count(), 0);
  const status = await call('GET', '/api/serviceaccounts/migrationstatus', {orgId});
  assert.deepEqual(status.body, {migrated: true, apiKeysHidden: true});

  // Not offered even by its address; the first org still has its page.
  await page.goto(`${server.baseUrl}/#/api-keys`);
  await visible(page.getByText('The API keys page is hidden for this organization.'));
  assert.equal(await page.getByRole('button', {name: 'New API key'}).count(), 0);
  await page.getByLabel('Organization', {exact: true}).selectOption('1');
  await visible(navLink('API keys'));
  await visible(keyRow('ci-deploy'));
});

test('no page broke the content security policy or threw an error', () => {
  assert.deepEqual(problems, []);
});
