// Browser end-to-end test of the boshcertauth plugin: real Openfire (started by it.BrowserE2ELauncher), real Chromium
// and Firefox presenting client certificates from their own NSS databases (never handed to the driver), Converse.js
// and Strophe.js logging in over BOSH and WebSocket, and pages on other origins trying to log the visitor in with
// the browser's certificate (issue 13). Both browsers are driven by puppeteer-core: Chromium over CDP, Firefox over
// WebDriver BiDi. Run through run-e2e.sh (builds the plugin and the test classpath first) or .ci/run.
// Each case prints one line "PASS|FAIL <browser> <profile> <case> (<time>)"; the run ends with "N passed, N failed"
// and exits non-zero if any case did not end as its table row expects. Results, screenshots and openfire.log copies
// go to $E2E_OUT (default target/e2e).
import puppeteer from 'puppeteer-core';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(e2eDir, '../../..');
const defaultOut = path.join(projectDir, 'target/e2e');
const out = path.resolve(process.env.E2E_OUT || defaultOut);
const executables = { chromium: process.env.CHROMIUM || '/usr/bin/chromium', firefox: process.env.FIREFOX || '/usr/bin/firefox-esr' };
const openfireHome = process.env.OPENFIRE_HOME_FOR_TESTS || '/work/shared/openfire-5.1.1/openfire-5.1.1.tar.gz';
const pluginJar = path.resolve(process.env.PLUGIN_JAR || path.join(projectDir, 'target/boshcertauth.jar'));
const policyDir = process.env.CHROMIUM_POLICY_DIR || '/etc/chromium/policies/managed';
const policyFile = path.join(policyDir, 'boshcertauth-e2e.json');
const onlyProfiles = (process.env.E2E_PROFILES || 'wanted,needed,selfsigned,scriptsyntax,ldap').split(',');
const onlyBrowsers = (process.env.E2E_BROWSERS || 'chromium,firefox').split(',');
// Every wait is bounded: a case that hangs ends as "pending" (FAIL), the run never does.
const CASE_TIMEOUT_MS = Number(process.env.E2E_SCENARIO_TIMEOUT_MS || 20000);
const PAGE_LOAD_TIMEOUT_MS = 15000;
const LAUNCH_TIMEOUT_MS = 60000;
const OPENFIRE_START_TIMEOUT_MS = 240000;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'];
// puppeteer replaces the profile's user.js while it runs: Firefox's own preferences must come through here.
const FIREFOX_PREFS = {
  // Present the certificate from the profile's NSS database without a dialog (headless, "Ask Every Time" hangs).
  'security.default_personal_cert': 'Select Automatically',
  'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false
};

if (!process.env.E2E_OUT) fs.rmSync(defaultOut, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const results = [];
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const bounded = (promise, ms, what) => Promise.race([promise,
  sleep(ms).then(() => { throw new Error(what + ' took longer than ' + ms + ' ms'); })]);

// ---------------------------------------------------------------------------------------------------------------
// The web root: our pages plus the clients' distribution files, served by Openfire itself (same origin as BOSH and
// WebSocket) and by two local page servers on other origins (below).

function buildWebRoot() {
  const web = path.join(out, 'web');
  fs.cpSync(path.join(e2eDir, 'web'), web, { recursive: true });
  fs.cpSync(path.join(e2eDir, 'node_modules/converse.js/dist'), path.join(web, 'dist/converse'), { recursive: true });
  fs.cpSync(path.join(e2eDir, 'node_modules/strophe.js/dist'), path.join(web, 'dist/strophe'), { recursive: true });
  return web;
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(e2eDir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

// Plain HTTP on 127.0.0.1 (another site than https://localhost:<port>), serving the same web root.
function startPageServer(webRoot) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const file = path.join(webRoot, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(webRoot) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () =>
    resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

// ---------------------------------------------------------------------------------------------------------------
// Openfire, one profile at a time.

async function startOpenfire(profile, webRoot, allowedOrigins) {
  const dir = path.join(out, profile);
  const classpath = ['target/test-classes', 'target/classes',
    fs.readFileSync(path.join(projectDir, 'target/test-classpath.txt'), 'utf8').trim()].join(path.delimiter);
  const child = spawn('java', ['-cp', classpath, '-Dopenfire.home=' + openfireHome, '-Dplugin.jar=' + pluginJar,
    '-De2e.allowed-origins=' + allowedOrigins.join(','),
    'org.igniterealtime.openfire.plugin.boshcertauth.it.BrowserE2ELauncher', profile, dir, webRoot],
  { cwd: projectDir, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const config = await bounded(new Promise((resolve, reject) => {
    child.on('exit', code => reject(new Error('Openfire launcher exited with ' + code)));
    lines.on('line', line => {
      console.log('[launcher] ' + line);
      if (line.startsWith('E2E-READY ')) {
        resolve(JSON.parse(fs.readFileSync(line.substring('E2E-READY '.length), 'utf8')));
      }
    });
  }), OPENFIRE_START_TIMEOUT_MS, 'Openfire start').catch(e => { child.kill(); throw e; });
  const stop = () => bounded(new Promise(resolve => { child.on('exit', resolve); child.stdin.end(); }), 60000, 'Openfire stop')
    .catch(() => child.kill('SIGKILL'));
  return { child, config, stop };
}

// Chromium picks the client certificate without a dialog for these origins (policy read at browser start).
function writeCertificatePolicy(ports) {
  fs.mkdirSync(policyDir, { recursive: true });
  const patterns = ports.map(port => JSON.stringify({ pattern: 'https://localhost:' + port, filter: {} }));
  fs.writeFileSync(policyFile, JSON.stringify({ AutoSelectCertificateForUrls: patterns }, null, 2));
}

// ---------------------------------------------------------------------------------------------------------------
// One case = one fresh browser: its own HOME and profile, with the case's PKCS#12 imported into the browser's own
// NSS database (Chromium: $HOME/.pki/nssdb; Firefox: the profile directory), or no certificate at all.

function importCertificate(db, p12, password) {
  fs.mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-N', '-d', 'sql:' + db, '--empty-password']);
  if (p12) execFileSync('pk12util', ['-i', p12, '-d', 'sql:' + db, '-W', password], { stdio: 'pipe' });
}

async function launchBrowser(browserName, home, certificate, p12Password, netlog) {
  const profile = path.join(home, 'profile');
  const env = { ...process.env, HOME: home };
  if (browserName === 'firefox') {
    importCertificate(profile, certificate && certificate.p12, p12Password);
    return puppeteer.launch({ browser: 'firefox', executablePath: executables.firefox, headless: true, userDataDir: profile,
      env, acceptInsecureCerts: true, extraPrefsFirefox: FIREFOX_PREFS, timeout: LAUNCH_TIMEOUT_MS, protocolTimeout: 30000,
      defaultViewport: { width: 1100, height: 700 } });
  }
  importCertificate(path.join(home, '.pki/nssdb'), certificate && certificate.p12, p12Password);
  // E2E_NETLOG=1: Chromium's own network log per case (TLS handshakes, client certificate requests, retries).
  const args = netlog ? [...CHROMIUM_FLAGS, '--log-net-log=' + netlog] : CHROMIUM_FLAGS;
  return puppeteer.launch({ executablePath: executables.chromium, headless: true, userDataDir: profile, env, args,
    timeout: LAUNCH_TIMEOUT_MS, protocolTimeout: 30000, defaultViewport: { width: 1100, height: 700 } });
}

// Opens url in a new tab and waits until the page's probe (window.__e2e) has left 'pending' (bounded).
async function openAndWait(browser, url, scenario, record) {
  const page = await browser.newPage();
  page.on('console', message => record.console.push(message.type() + ' ' + message.text()));
  page.on('pageerror', error => record.console.push('pageerror ' + error.message));
  page.on('requestfailed', request => record.network.push('FAILED ' + request.method() + ' ' + request.url().substring(0, 160)
    + ' ' + ((request.failure() || {}).errorText || '')));
  page.on('response', response => {
    if (!/\/http-bind|\/ws\//.test(response.url())) return;
    record.network.push(response.status() + ' ' + response.request().method() + ' ' + response.url().substring(0, 160));
    // The plugin's reason for a certificate it cannot use, on the session-creation answer (issue 15), as the browser got it.
    const refusal = response.headers()['x-bosh-certificate-refusal'];
    if (refusal) record.refusalHeaders.push(refusal);
  });
  try {
    await page.goto(url, { timeout: PAGE_LOAD_TIMEOUT_MS });
  } catch (e) {
    return { page, probe: { status: 'page not loaded' }, pageError: e.message.split('\n')[0] };
  }
  await page.waitForFunction(() => window.__e2e && window.__e2e.status !== 'pending', { timeout: CASE_TIMEOUT_MS, polling: 200 })
    .catch(() => { /* still pending: reported as such */ });
  // Let Converse render the roster / the error it shows.
  if (scenario.client === 'converse') await sleep(2500);
  const probe = (await page.evaluate(() => window.__e2e).catch(() => null))
    || { status: 'no probe on page: ' + (await page.title().catch(() => '?')) };
  return { page, probe };
}

async function runCase(browserName, profile, config, scenario) {
  const started = Date.now();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-'));
  const certificate = scenario.certificate ? config.certificates[scenario.certificate] : null;
  const expect = expectationFor(scenario, browserName);
  const result = { browser: browserName, profile, name: scenario.name, client: scenario.client,
    certificate: scenario.certificate || '(none)', expect, why: scenario.why ? scenario.why[browserName] || scenario.why.all : '',
    network: [], console: [], refusalHeaders: [] };
  const tag = browserName + '-' + profile + '-' + scenario.name;
  let browser;
  try {
    browser = await launchBrowser(browserName, home, certificate, config.p12Password,
      process.env.E2E_NETLOG && browserName === 'chromium' ? path.join(out, 'netlog-' + tag + '.json') : null);
    if (scenario.ownLoginFirst) {
      // The visitor's own, legitimate certificate login from the server's own origin, still open in its tab.
      const own = await openAndWait(browser, strophe({ jid: 'alice@localhost', mechanisms: 'EXTERNAL' })(config), { client: 'strophe' }, result);
      result.ownLogin = own.probe.status === 'connected' ? 'logged in as ' + own.probe.jid : own.probe.status;
    }
    const url = scenario.url(config);
    result.url = url;
    const { page, probe, pageError } = await openAndWait(browser, url, scenario, result);
    result.pageError = pageError;
    Object.assign(result, { status: probe.status, jid: probe.jid, mechanismsOffered: probe.mechanismsOffered,
      mechanismsMatched: probe.mechanismsMatched, mechanismChosen: probe.mechanismChosen, saslFailure: probe.saslFailure,
      events: probe.events, frames: probe.frames });
    result.screenshot = path.join(out, 'screenshots', tag + '.png');
    fs.mkdirSync(path.dirname(result.screenshot), { recursive: true });
    // A page torn down by a failed connection sometimes cannot be captured: note it, never abort the run for it.
    await bounded(page.screenshot({ path: result.screenshot }), 15000, 'screenshot').catch(e => {
      result.screenshot = 'none: ' + e.message.split('\n')[0];
    });
  } catch (e) {
    result.status = result.status || 'error: ' + e.message.split('\n')[0];
  } finally {
    result.console = result.console.filter(l => !/^debug /.test(l) || /SASL|auth|failure|403|EXTERNAL/i.test(l)).slice(0, 60);
    if (browser) {
      const child = browser.process();
      await bounded(browser.close(), 20000, 'browser close').catch(() => child && child.kill('SIGKILL'));
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - started) / 1000;
  result.loggedIn = result.status === 'connected';
  result.setupFailed = scenario.ownLoginFirst && !/^logged in/.test(result.ownLogin || '');
  // An attack that never reached the server (page not loaded, still pending, network error, server down) proves
  // nothing: it passes as refused only with the server's own answer (a SASL failure, an HTTP status, a BOSH answer
  // without SASL, the server closing the WebSocket, or an HTTP error status on /http-bind or /ws that the page cannot
  // read, e.g. a refused <script src>).
  result.attackDidNotRun = scenario.client === 'attack' && !result.loggedIn
    && !/^failed: (failure |HTTP \d|no SASL answer|WebSocket closed, code (?!1006))/.test(result.status || '')
    && !(/^failed: /.test(result.status || '') && result.network.some(n => /^(?!200 |101 )\d{3} /.test(n)));
  result.ok = !result.setupFailed && !result.attackDidNotRun && (expect === 'login'
    ? result.loggedIn && (!scenario.expectJid || (result.jid || '').split('/')[0] === scenario.expectJid)
      && (!scenario.expectMechanism || result.mechanismChosen === scenario.expectMechanism)
    : !result.loggedIn);
  // A row may check more than the login outcome (e.g. that the server logged the reason): an error text fails it.
  if (result.ok && scenario.check) {
    const problem = await scenario.check(result, config).catch(e => 'check failed: ' + e.message);
    if (problem) {
      result.ok = false;
      result.checkProblem = problem;
    }
  }
  result.outcome = (result.checkProblem ? result.checkProblem + '; ' : '') + (result.setupFailed ? 'own login before the attack failed: ' + result.ownLogin + '; ' : '')
    + (result.attackDidNotRun ? 'the attack page did not run to an answer; ' : '')
    + (result.loggedIn ? 'logged in as ' + result.jid + ' via ' + result.mechanismChosen : 'not logged in — ' + describeRefusal(result));
  console.log(`${result.ok ? 'PASS' : 'FAIL'} ${browserName} ${profile} ${scenario.name} (${result.seconds.toFixed(1)} s) — expected ${expect}: ${result.outcome}`);
  results.push(result);
  return result;
}

function describeRefusal(result) {
  if (result.pageError) return 'page load failed: ' + result.pageError;
  const parts = [];
  if (result.mechanismsOffered) parts.push('offered ' + result.mechanismsOffered.join(','));
  if (result.mechanismChosen) parts.push('client tried ' + result.mechanismChosen);
  if (result.saslFailure) parts.push('SASL <failure> ' + result.saslFailure);
  if ((result.refusalHeaders || []).length) parts.push('X-BOSH-Certificate-Refusal ' + [...new Set(result.refusalHeaders)].join(','));
  const statuses = (result.network || []).filter(n => /^\d{3} /.test(n) && !/^(200|101) /.test(n)).map(n => 'HTTP ' + n.split(' ')[0]);
  if (statuses.length) parts.push([...new Set(statuses)].join(', ') + ' on /http-bind/ or /ws/');
  // (Requests off loopback are Converse's sponsor logos from the Internet, blocked by CSP on purpose: not part of it.)
  const failed = (result.network || []).filter(n => /^FAILED \S+ \w+:\/\/(localhost|127\.0\.0\.1)[:/]/.test(n))
    .map(n => n.split(' ').slice(3).join(' ') || '(no reason given)');
  if (failed.length) parts.push('request failed ' + [...new Set(failed)].join(', '));
  const last = (result.events || []).filter(e => / status |server answered|did not get an answer/.test(e)).pop();
  if (last) parts.push('client: ' + last.replace(/^\S+ /, ''));
  if (!parts.length || !/^failed/.test(result.status || '')) parts.push('status ' + result.status);
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------------------------
// The cases. A row's `expect` is 'login' or 'refused', for every browser or per browser ({ chromium, firefox });
// `browsers` says where the row runs (default: Chromium only; the whole certificate matrix is Chromium's, Firefox runs
// what differs between browsers: the cross-site attacks, Converse from another origin, WebSocket, password login).

const origin = config => `https://localhost:${config.boshHttpsPort}`;
const page = (name, base) => query => config => `${base ? base() : origin(config)}/${name}.html?${new URLSearchParams(query)}`;
const converse = page('converse');
const strophe = page('strophe');
const BAD = ['expired', 'unknown-ca', 'revoked', 'server-auth-only', 'unknown-user', 'foreign-domain', 'self-signed'];
const BOTH = ['chromium', 'firefox'];
// The other origins (set when their page servers start): the attacker's page, never in an allow list, and the
// admin's own Converse.js host, listed in boshcertauth.web.allowed-origins of the profiles `needed` and `wanted`.
const origins = { attacker: null, allowed: null };
const ALLOWED_ORIGINS_BY_PROFILE = { needed: () => [origins.allowed], wanted: () => [origins.allowed] };

function expectationFor(scenario, browserName) {
  return typeof scenario.expect === 'string' ? scenario.expect : scenario.expect[browserName];
}

// Issue 13, findings 1-3: a page on another site (origins.attacker) asks the visitor's browser to log in to the
// XMPP server with SASL EXTERNAL. Every row must end WITHOUT <success/>, in a fresh browser that the attacker makes
// select the certificate itself (one no-cors fetch) and after the visitor's own login in the same browser.
const ATTACKS = [
  { via: 'websocket', finding: 1, profiles: ['wanted', 'needed'], expect: 'refused' },
  { via: 'script', finding: 2, profiles: ['scriptsyntax'], expect: 'refused' },
  { via: 'xhr', finding: 3, profiles: ['wanted'], expect: 'refused' },
  { via: 'fetch-omit', finding: 3, profiles: ['wanted'], expect: 'refused' },
  { via: 'fetch-same-origin', finding: 3, profiles: ['wanted'], expect: 'refused' }
];
const ATTACK_CONDITIONS = [
  { name: 'fresh-browser', prime: true, ownLoginFirst: false },
  { name: 'after-own-login', prime: false, ownLoginFirst: true }
];

function attackCases(profile) {
  const list = [];
  for (const attack of ATTACKS.filter(a => a.profiles.includes(profile))) {
    for (const condition of ATTACK_CONDITIONS) {
      list.push({ name: `attack-${attack.via}-${condition.name}`, client: 'attack', certificate: 'alice', browsers: BOTH,
        expect: attack.expect, ownLoginFirst: condition.ownLoginFirst,
        why: { all: `issue 13 finding ${attack.finding}: another site must not log the visitor in with their certificate` },
        url: c => `${origins.attacker}/attack.html?${new URLSearchParams({ server: origin(c), via: attack.via, ...(condition.prime ? { prime: '1' } : {}) })}` });
    }
  }
  return list;
}

function scenarios(profile, config) {
  const list = [];
  if (profile === 'wanted' || profile === 'needed') {
    list.push({ name: 'converse-external-alice', client: 'converse', certificate: 'alice', expect: 'login', browsers: BOTH,
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'alice@localhost' }) });
    list.push({ name: 'converse-external-domain-only', client: 'converse', certificate: 'alice', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'localhost' }) });
    list.push({ name: 'converse-websocket-external-alice', client: 'converse', certificate: 'alice', expect: 'login', browsers: BOTH,
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL',
      url: c => converse({ auth: 'external', jid: 'alice@localhost', ws: origin(c).replace('https', 'wss') + '/ws/' })(c) });
    list.push({ name: 'strophe-external-alice', client: 'strophe', certificate: 'alice', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: strophe({ jid: 'alice@localhost' }) });
    for (const bad of BAD) {
      const jid = config.certificates[bad].jid;
      list.push({ name: 'strophe-' + bad, client: 'strophe', certificate: bad, expect: 'refused', url: strophe({ jid }) });
      list.push({ name: 'strophe-external-only-' + bad, client: 'strophe', certificate: bad, expect: 'refused',
        url: strophe({ jid, mechanisms: 'EXTERNAL' }) });
      list.push({ name: 'converse-' + bad, client: 'converse', certificate: bad, expect: 'refused',
        url: converse({ auth: 'external', jid }) });
    }
    const password = config.users.alice;
    list.push({ name: 'converse-password-no-certificate', client: 'converse', certificate: null,
      expect: profile === 'wanted' ? 'login' : 'refused', expectJid: 'alice@localhost',
      url: converse({ auth: 'login', jid: 'alice@localhost', password }) });
    // The same, with the page and BOSH on Openfire's plain-HTTP port (no TLS at all).
    list.push({ name: 'converse-password-plain-http', client: 'converse', certificate: null,
      expect: profile === 'wanted' ? 'login' : 'refused', expectJid: 'alice@localhost',
      url: c => `http://localhost:${c.boshHttpPort}/converse.html?${new URLSearchParams({ auth: 'login', jid: 'alice@localhost', password })}` });
    list.push(...attackCases(profile));
  }
  if (profile === 'wanted') {
    // Strophe.js itself as the attacker's library (cross-origin BOSH, credential-less and credentialed XHR).
    for (const withCredentials of ['false', 'true']) {
      list.push({ name: 'attack-strophe-xhr-credentials-' + withCredentials, client: 'strophe', certificate: 'alice', expect: 'refused',
        why: { all: 'issue 13 finding 3 with a real client library' },
        url: c => `${origins.attacker}/strophe.html?${new URLSearchParams({ jid: 'alice@localhost', bosh: origin(c) + '/http-bind/', withCredentials, prime: origin(c) + '/' })}` });
    }
    // A password user without a certificate, from another origin that is in no allow list: not affected. (Chromium
    // cancels a wss:// handshake to a server that asks for a client certificate unless an HTTPS request there has
    // already settled which certificate, here none, to present: hence prime.)
    const password = config.users.alice;
    list.push({ name: 'converse-password-other-origin-bosh', client: 'converse', certificate: null, expect: 'login', browsers: BOTH,
      expectJid: 'alice@localhost', url: c => `${origins.attacker}/converse.html?${new URLSearchParams({ auth: 'login', jid: 'alice@localhost', password, bosh: origin(c) + '/http-bind/' })}` });
    list.push({ name: 'converse-password-other-origin-websocket', client: 'converse', certificate: null, expect: 'login', browsers: BOTH,
      expectJid: 'alice@localhost', url: c => `${origins.attacker}/converse.html?${new URLSearchParams({ auth: 'login', jid: 'alice@localhost', password, ws: origin(c).replace('https', 'wss') + '/ws/', prime: origin(c) + '/' })}` });
  }
  if (profile === 'wanted') list.push(...diagnosticCases(config));
  if (profile === 'needed') {
    // Converse.js hosted by the admin on another origin that is listed in boshcertauth.web.allowed-origins. The page
    // first makes one HTTPS request to the server (prime): Chromium presents a certificate on a wss:// handshake only
    // once it has selected one for that host:port over HTTPS.
    const firefoxAnonymous = 'Firefox sends credential-less cross-origin requests (Converse/Strophe XHR) over a separate '
      + 'connection without the client certificate, so under `needed` TLS refuses it; only WebSocket carries the certificate';
    list.push({ name: 'converse-allowed-origin-bosh', client: 'converse', certificate: 'alice', browsers: BOTH,
      expect: { chromium: 'login', firefox: 'refused' }, why: { firefox: firefoxAnonymous },
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL',
      url: c => `${origins.allowed}/converse.html?${new URLSearchParams({ auth: 'external', jid: 'alice@localhost', bosh: origin(c) + '/http-bind/', prime: origin(c) + '/' })}` });
    list.push({ name: 'converse-allowed-origin-websocket', client: 'converse', certificate: 'alice', browsers: BOTH, expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL',
      url: c => `${origins.allowed}/converse.html?${new URLSearchParams({ auth: 'external', jid: 'alice@localhost', ws: origin(c).replace('https', 'wss') + '/ws/', prime: origin(c) + '/' })}` });
  }
  if (profile === 'wanted' || profile === 'needed') list.push(...webSocketParityCases(profile, config));
  if (profile === 'scriptsyntax') {
    list.push(...attackCases(profile));
    list.push({ name: 'converse-external-alice', client: 'converse', certificate: 'alice', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'alice@localhost' }) });
  }
  if (profile === 'ldap') list.push(...ldapCases());
  if (profile === 'selfsigned') {
    list.push({ name: 'converse-external-self-signed', client: 'converse', certificate: 'self-signed', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'alice@localhost' }) });
    list.push({ name: 'strophe-external-self-signed', client: 'strophe', certificate: 'self-signed', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: strophe({ jid: 'alice@localhost' }) });
    list.push({ name: 'strophe-ca-issued-not-trusted', client: 'strophe', certificate: 'alice', expect: 'refused',
      url: strophe({ jid: 'alice@localhost' }) });
    list.push({ name: 'converse-password-no-certificate', client: 'converse', certificate: null, expect: 'refused',
      url: converse({ auth: 'login', jid: 'alice@localhost', password: config.users.alice }) });
  }
  return list;
}

// Issue 15, "every refusal explained": a certificate that cannot be used is recorded with its reason, Converse's
// outcome is a message or a working password fallback (never a spinner), a cross-origin refusal is readable, and
// Chromium's WebSocket behaviour (no certificate on wss:// before an HTTPS request to that host:port).
// Only the certificates that pass Openfire's TLS layer reach the plugin: an expired, unknown-CA, serverAuth-only or
// self-signed one ends the handshake (JSSE's trust manager, also under `wanted`) and Chromium retries without it.
const UNUSABLE_REASON = { 'revoked': 'REVOKED', 'foreign-domain': 'FOREIGN_DOMAIN' };

function certificateSha256(config, name) {
  const pem = fs.readFileSync(config.certificates[name].p12.replace(/\.p12$/, '.pem'), 'utf8');
  return new crypto.X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

// The plugin's log line for this certificate's refusal at session creation (bounded wait: the log is written as it happens).
async function loggedUnusable(config, name, reason) {
  const sha256 = certificateSha256(config, name);
  const line = new RegExp(`Certificate login \\[bosh\\] from \\S+: failure (\\w+); certificate [^\\n]*sha256=${sha256}; the certificate presented at BOSH session creation cannot be used`);
  for (let i = 0; i < 25; i++) {
    const found = fs.readFileSync(config.openfireLog, 'utf8').match(line);
    if (found) return reason && found[1] !== reason ? `logged ${found[1]}, expected ${reason}` : null;
    await sleep(200);
  }
  return 'no log line "[bosh] failure ... cannot be used" for this certificate';
}

function diagnosticCases(config) {
  const list = [];
  const notPending = result => result.status === 'pending' ? 'still pending: an endless spinner' : null;
  for (const [bad, reason] of Object.entries(UNUSABLE_REASON)) {
    list.push({ name: 'diag-converse-unusable-' + bad, client: 'converse', certificate: bad, expect: 'refused',
      why: { all: 'issue 15: recorded with its reason, Converse ends with a message' },
      url: converse({ auth: 'external', jid: config.certificates[bad].jid }),
      check: async (result, c) => notPending(result) || await loggedUnusable(c, bad, reason) });
  }
  // A chain that fails (revoked) binds nothing: the password works. (A valid chain naming a foreign domain binds the
  // session under the default enforcement CERTIFICATE_IDENTITY, so there the password is refused too: readme.)
  list.push({ name: 'diag-converse-password-fallback-revoked', client: 'converse', certificate: 'revoked',
    expect: 'login', expectJid: 'alice@localhost', why: { all: 'issue 15: an unusable certificate leaves password login working' },
    url: converse({ auth: 'login', jid: 'alice@localhost', password: config.users.alice }),
    check: (result, c) => loggedUnusable(c, 'revoked', 'REVOKED') });
  list.push({ name: 'diag-cross-origin-refusal-readable', client: 'attack', certificate: null, expect: 'refused',
    why: { all: 'issue 15: the 403 carries CORS headers and exposes X-BOSH-Certificate-Refusal' },
    url: c => `${origins.attacker}/refusal-readable.html?${new URLSearchParams({ server: origin(c) })}`,
    check: async result => /HTTP 403 readable, X-BOSH-Certificate-Refusal=MALFORMED_REQUEST/.test(result.status || '')
      ? null : 'refusal not readable: ' + result.status });
  // The recipe's counter-proof: from another origin, without a first HTTPS request, Chromium cancels the wss://
  // handshake to a server that asks for a certificate (the same page with prime logs in: converse-password-other-origin-websocket).
  list.push({ name: 'diag-websocket-without-first-request', client: 'converse', certificate: null, expect: 'refused',
    why: { all: 'issue 15: Chromium cancels a wss:// handshake before an HTTPS request to that host:port' },
    url: c => `${origins.attacker}/converse.html?${new URLSearchParams({ auth: 'login', jid: 'alice@localhost', password: config.users.alice, ws: origin(c).replace('https', 'wss') + '/ws/' })}` });
  // The recipe under wanted: a Converse page on the XMPP server's own origin, certificate over WebSocket.
  list.push({ name: 'diag-websocket-recipe-own-origin', client: 'converse', certificate: 'alice', expect: 'login',
    expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', why: { all: 'issue 15: the readme recipe, served from the own origin' },
    url: c => converse({ auth: 'external', jid: 'alice@localhost', ws: origin(c).replace('https', 'wss') + '/ws/' })(c) });
  return list;
}

// Issue 18: WebSocket on a par with BOSH, in both browsers where the browser can do it. Adds to the rows above:
// Strophe.js over WebSocket, Converse domain-only over WebSocket, Converse and Strophe over BOSH in Firefox too, a
// password user without a certificate over WebSocket, Converse from the allowed other origin under `wanted`, and the
// bad-certificate matrix over WebSocket (Chromium, like the BOSH one; `wanted`).
function webSocketParityCases(profile, config) {
  const wss = c => origin(c).replace('https', 'wss') + '/ws/';
  const list = [];
  list.push({ name: 'strophe-websocket-external-alice', client: 'strophe', certificate: 'alice', expect: 'login', browsers: BOTH,
    expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: c => strophe({ jid: 'alice@localhost', bosh: wss(c) })(c) });
  list.push({ name: 'converse-websocket-external-domain-only', client: 'converse', certificate: 'alice', expect: 'login', browsers: BOTH,
    expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: c => converse({ auth: 'external', jid: 'localhost', ws: wss(c) })(c) });
  // The BOSH rows above that run in Chromium only, in Firefox too.
  list.push({ name: 'converse-external-domain-only', client: 'converse', certificate: 'alice', expect: 'login', browsers: ['firefox'],
    expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'localhost' }) });
  list.push({ name: 'strophe-external-alice', client: 'strophe', certificate: 'alice', expect: 'login', browsers: ['firefox'],
    expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: strophe({ jid: 'alice@localhost' }) });
  list.push({ name: 'converse-websocket-password-no-certificate', client: 'converse', certificate: null, browsers: BOTH,
    expect: profile === 'wanted' ? 'login' : 'refused', expectJid: 'alice@localhost',
    why: profile === 'needed' ? { all: 'httpbind.client.cert.policy=needed: TLS refuses a browser without a certificate' } : undefined,
    url: c => converse({ auth: 'login', jid: 'alice@localhost', password: config.users.alice, ws: wss(c) })(c) });
  // (Under `needed` these end as the BOSH ones do, refused by TLS or by the plugin's close: `wanted` only, for time.)
  for (const bad of profile === 'wanted' ? BAD : []) {
    list.push({ name: 'converse-websocket-' + bad, client: 'converse', certificate: bad, expect: 'refused',
      url: c => converse({ auth: 'external', jid: config.certificates[bad].jid, ws: wss(c) })(c) });
  }
  if (profile === 'wanted') {
    // Converse.js on the admin's other, allowed origin (prime: see the `needed` rows above).
    list.push({ name: 'converse-allowed-origin-bosh', client: 'converse', certificate: 'alice', browsers: BOTH,
      expect: { chromium: 'login', firefox: 'refused' },
      why: { firefox: 'Firefox sends credential-less cross-origin requests (Converse XHR) over a separate connection without '
        + 'the client certificate: the BOSH session has none, so EXTERNAL is not offered; only WebSocket carries it' },
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL',
      url: c => `${origins.allowed}/converse.html?${new URLSearchParams({ auth: 'external', jid: 'alice@localhost', bosh: origin(c) + '/http-bind/', prime: origin(c) + '/' })}` });
    list.push({ name: 'converse-allowed-origin-websocket', client: 'converse', certificate: 'alice', browsers: BOTH, expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL',
      url: c => `${origins.allowed}/converse.html?${new URLSearchParams({ auth: 'external', jid: 'alice@localhost', ws: wss(c), prime: origin(c) + '/' })}` });
  }
  return list;
}

// Issue 19's acceptance: Openfire takes its users from LDAP (profile ldap: LdapUserProvider/LdapAuthProvider against
// a real LDAP server on loopback with AD-shaped entries), and an AD CS smart-card certificate without xmppAddr logs
// Converse.js in over BOSH as the directory's sAMAccountName, which its UPN (a.example@corp.example.com) does not
// name: the page gives only the domain, the JID is the server's answer. A partner CA in the same truststore, limited
// by boshcertauth.identity.ca-restrictions to UPNs of its own domain, cannot speak for that staff UPN.
function ldapCases() {
  const why = 'issue 19: UPN mapped through the directory (userPrincipalName → sAMAccountName)';
  return [
    { name: 'converse-external-ad-smartcard', client: 'converse', certificate: 'ad-smartcard', expect: 'login', browsers: BOTH,
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', why: { all: why }, url: converse({ auth: 'external', jid: 'localhost' }) },
    { name: 'converse-partner-ca-staff-upn', client: 'converse', certificate: 'partner-staff-upn', expect: 'refused', browsers: BOTH,
      why: { all: 'issue 19: a partner CA may not speak for staff (CA_NOT_ALLOWED)' }, url: converse({ auth: 'external', jid: 'localhost' }),
      check: async (result, c) => {
        if (!(result.refusalHeaders || []).includes('CA_NOT_ALLOWED')) {
          return 'X-BOSH-Certificate-Refusal ' + (result.refusalHeaders.join(',') || 'absent') + ', expected CA_NOT_ALLOWED';
        }
        if (result.saslFailure !== 'not-authorized') return 'SASL failure ' + result.saslFailure + ', expected not-authorized';
        return loggedUnusable(c, 'partner-staff-upn', 'CA_NOT_ALLOWED');
      } }
  ];
}

// ---------------------------------------------------------------------------------------------------------------

function report(versions) {
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ versions, results }, null, 2));
  const cell = text => String(text || '').replace(/\|/g, '\\|');
  const rows = results.map(r => `| ${r.ok ? 'PASS' : 'FAIL'} | ${r.browser} | ${r.profile} | ${r.name} | ${r.certificate} | ${r.expect} | ${cell(r.outcome)} | ${r.seconds.toFixed(1)} s | ${cell(r.why)} |`);
  const md = [`# boshcertauth browser E2E — ${new Date().toISOString()}`, '',
    Object.entries(versions).map(([k, v]) => `- ${k}: ${v}`).join('\n'), '',
    '| verdict | browser | profile | case | certificate | expected | outcome | time | why |', '|---|---|---|---|---|---|---|---|---|', ...rows, ''].join('\n');
  fs.writeFileSync(path.join(out, 'results.md'), md);
}

const runStarted = Date.now();
const webRoot = buildWebRoot();
const attackerServer = await startPageServer(webRoot);
const allowedServer = await startPageServer(webRoot);
origins.attacker = attackerServer.origin;
origins.allowed = allowedServer.origin;
console.log(`Other origins: attacker ${origins.attacker} (allowed nowhere), Converse host ${origins.allowed} (allowed in profile needed)`);
const versions = { 'puppeteer-core': version('puppeteer-core'), 'converse.js': version('converse.js'),
  'strophe.js': version('strophe.js'), node: process.version };
for (const browserName of onlyBrowsers) {
  versions[browserName] = execFileSync(executables[browserName], ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
}
// .ci/run's backstop (timeout) ends a run that overran with SIGTERM: end with the report of the cases so far. Exiting
// also runs puppeteer's exit hook, which kills the browser of the case under way (it has a process group of its own,
// the signal does not reach it); the launcher, in ours, stops its Openfire on the signal itself.
process.on('SIGTERM', () => {
  console.log('ABORTED: terminated (SIGTERM); the report has the cases that ended before');
  fs.rmSync(policyFile, { force: true });
  report({ ...versions, aborted: 'terminated (SIGTERM) after ' + results.length + ' cases' });
  const failed = results.filter(r => !r.ok);
  console.log(`${results.length - failed.length} passed, ${failed.length + 1} failed`);
  process.exit(1);
});
let aborted = null;
try {
  for (const profile of onlyProfiles) {
    const allowedOrigins = (ALLOWED_ORIGINS_BY_PROFILE[profile] || (() => []))();
    // E2E_OPENFIRE_JSON: use an Openfire that is already running (an openfire.json written by BrowserE2ELauncher).
    const openfire = process.env.E2E_OPENFIRE_JSON
      ? { config: JSON.parse(fs.readFileSync(process.env.E2E_OPENFIRE_JSON, 'utf8')), stop: async () => {} }
      : await startOpenfire(profile, webRoot, allowedOrigins);
    versions['openfire(' + profile + ')'] = openfire.config.openfireVersion
      + (allowedOrigins.length ? ', boshcertauth.web.allowed-origins=' + allowedOrigins.join(',') : '')
      + (openfire.config.directory ? ', users from LDAP at ' + openfire.config.directory : '');
    try {
      writeCertificatePolicy([openfire.config.boshHttpsPort]);
      for (const scenario of scenarios(profile, openfire.config)) {
        if (process.env.E2E_ONLY && !scenario.name.match(process.env.E2E_ONLY)) continue;
        for (const browserName of (scenario.browsers || ['chromium']).filter(b => onlyBrowsers.includes(b))) {
          await runCase(browserName, profile, openfire.config, scenario);
        }
      }
    } finally {
      fs.copyFileSync(openfire.config.openfireLog, path.join(out, profile + '-openfire.log'));
      await openfire.stop();
    }
  }
} catch (e) {
  aborted = e;
  console.log('ABORTED: ' + e.message);
} finally {
  fs.rmSync(policyFile, { force: true });
  attackerServer.server.close();
  allowedServer.server.close();
  report(versions);
}
const failed = results.filter(r => !r.ok);
console.log(`Results: ${path.join(out, 'results.md')} (${((Date.now() - runStarted) / 1000).toFixed(0)} s)`);
console.log(`${results.length - failed.length} passed, ${failed.length + (aborted ? 1 : 0)} failed`);
process.exit(failed.length || aborted ? 1 : 0);
