// Browser end-to-end test of the boshcertauth plugin: real Openfire (started by it.BrowserE2ELauncher), real Chromium
// presenting client certificates from its NSS database, Converse.js and Strophe.js logging in over BOSH.
// Run through run-e2e.sh (builds the plugin and the test classpath first). Exit code 0 only if every scenario ended
// as expected. Results, screenshots and openfire.log copies go to $E2E_OUT (default /tmp/boshcertauth-e2e-<time>).
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(e2eDir, '../../..');
const out = path.resolve(process.env.E2E_OUT || path.join(os.tmpdir(), 'boshcertauth-e2e-' + new Date().toISOString().replace(/[:.]/g, '-')));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const openfireHome = process.env.OPENFIRE_HOME_FOR_TESTS || '/work/shared/openfire-5.1.1/openfire-5.1.1.tar.gz';
const policyDir = process.env.CHROMIUM_POLICY_DIR || '/etc/chromium/policies/managed';
const policyFile = path.join(policyDir, 'boshcertauth-e2e.json');
const onlyProfiles = (process.env.E2E_PROFILES || 'wanted,needed,selfsigned').split(',');
const SCENARIO_TIMEOUT_MS = Number(process.env.E2E_SCENARIO_TIMEOUT_MS || 20000);
const BROWSER_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'];

fs.mkdirSync(out, { recursive: true });
const results = [];

// ---------------------------------------------------------------------------------------------------------------
// The web root: our pages plus the clients' distribution files, served by Openfire itself (same origin as BOSH).

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

// ---------------------------------------------------------------------------------------------------------------
// Openfire, one profile at a time.

async function startOpenfire(profile, webRoot) {
  const dir = path.join(out, profile);
  const classpath = ['target/test-classes', 'target/classes',
    fs.readFileSync(path.join(projectDir, 'target/test-classpath.txt'), 'utf8').trim()].join(path.delimiter);
  const child = spawn('java', ['-cp', classpath, '-Dopenfire.home=' + openfireHome,
    '-Dplugin.jar=' + path.join(projectDir, 'target/boshcertauth.jar'),
    'org.igniterealtime.openfire.plugin.boshcertauth.it.BrowserE2ELauncher', profile, dir, webRoot],
  { cwd: projectDir, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const config = await new Promise((resolve, reject) => {
    child.on('exit', code => reject(new Error('Openfire launcher exited with ' + code)));
    lines.on('line', line => {
      console.log('[launcher] ' + line);
      if (line.startsWith('E2E-READY ')) {
        resolve(JSON.parse(fs.readFileSync(line.substring('E2E-READY '.length), 'utf8')));
      }
    });
  });
  return { child, config, stop: () => new Promise(resolve => { child.on('exit', resolve); child.stdin.end(); }) };
}

// Chromium picks the client certificate without a dialog for these origins (policy read at browser start).
function writeCertificatePolicy(ports) {
  fs.mkdirSync(policyDir, { recursive: true });
  const patterns = ports.map(port => JSON.stringify({ pattern: 'https://localhost:' + port, filter: {} }));
  fs.writeFileSync(policyFile, JSON.stringify({ AutoSelectCertificateForUrls: patterns }, null, 2));
}

// ---------------------------------------------------------------------------------------------------------------
// One scenario = one fresh browser (own HOME with its own NSS database, own profile directory).

function nssDatabaseWith(home, p12, password) {
  const db = path.join(home, '.pki/nssdb');
  fs.mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-N', '-d', 'sql:' + db, '--empty-password']);
  if (p12) {
    execFileSync('pk12util', ['-i', p12, '-d', 'sql:' + db, '-W', password], { stdio: 'pipe' });
  }
}

async function runScenario(profile, config, scenario) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-browser-'));
  const certificate = scenario.certificate ? config.certificates[scenario.certificate] : null;
  nssDatabaseWith(home, certificate && certificate.p12, config.p12Password);
  const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
    executablePath: chromiumPath, headless: true,
    // E2E_NETLOG=1: Chromium's own network log per scenario (TLS handshakes, client certificate requests, retries).
    args: process.env.E2E_NETLOG ? [...BROWSER_FLAGS, `--log-net-log=${path.join(out, 'netlog-' + profile + '-' + scenario.name + '.json')}`] : BROWSER_FLAGS,
    env: { ...process.env, HOME: home }, viewport: { width: 1100, height: 700 }
  });
  const network = [];
  const consoleLines = [];
  const result = { profile, name: scenario.name, client: scenario.client, certificate: scenario.certificate || '(none)',
    expect: scenario.expect };
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', message => consoleLines.push(message.type() + ' ' + message.text()));
    page.on('pageerror', error => consoleLines.push('pageerror ' + error.message));
    page.on('requestfailed', request => network.push('FAILED ' + request.method() + ' ' + request.url() + ' ' + request.failure().errorText));
    page.on('response', response => {
      if (response.url().includes('/http-bind')) network.push(response.status() + ' ' + response.request().method() + ' ' + response.url());
    });
    const url = scenario.url(config);
    result.url = url;
    try {
      await page.goto(url, { timeout: 15000 });
    } catch (e) {
      result.pageError = e.message.split('\n')[0];
    }
    if (!result.pageError) {
      try {
        await page.waitForFunction(() => window.__e2e && window.__e2e.status !== 'pending', null, { timeout: SCENARIO_TIMEOUT_MS });
      } catch (e) {
        // still pending: reported as such
      }
      if (scenario.client === 'converse') {
        // Let Converse render the roster / the error it shows.
        await page.waitForTimeout(2500);
      }
      const probe = (await page.evaluate(() => window.__e2e).catch(e => null)) || { status: 'no probe on page: ' + (await page.title().catch(() => '?')) };
      Object.assign(result, { status: probe.status, jid: probe.jid, mechanismsOffered: probe.mechanismsOffered,
        mechanismsMatched: probe.mechanismsMatched, mechanismChosen: probe.mechanismChosen, saslFailure: probe.saslFailure,
        events: probe.events, frames: probe.frames });
    } else {
      result.status = 'page not loaded';
    }
    result.screenshot = path.join(out, 'screenshots', profile + '-' + scenario.name + '.png');
    fs.mkdirSync(path.dirname(result.screenshot), { recursive: true });
    // A page torn down by a failed connection sometimes cannot be captured: note it, never abort the run for it.
    await page.screenshot({ path: result.screenshot }).catch(async () => {
      await page.waitForTimeout(1000);
      await page.screenshot({ path: result.screenshot }).catch(e => { result.screenshot = 'none: ' + e.message.split('\n')[0]; });
    });
  } finally {
    result.network = network;
    result.console = consoleLines.filter(l => !/^debug /.test(l) || /SASL|auth|failure|403|EXTERNAL/i.test(l)).slice(0, 60);
    await context.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
  result.loggedIn = result.status === 'connected';
  result.ok = scenario.expect === 'login'
    ? result.loggedIn && (!scenario.expectJid || (result.jid || '').split('/')[0] === scenario.expectJid)
      && (!scenario.expectMechanism || result.mechanismChosen === scenario.expectMechanism)
    : !result.loggedIn;
  result.refusedHow = result.loggedIn ? '' : describeRefusal(result);
  console.log(`${scenario.expect === 'observe' ? 'SEEN' : result.ok ? 'PASS' : 'FAIL'} [${profile}] ${scenario.name}: ${result.loggedIn ? 'logged in as ' + result.jid + ' via ' + result.mechanismChosen : 'not logged in — ' + result.refusedHow}`);
  results.push(result);
  return result;
}

function describeRefusal(result) {
  if (result.pageError) return 'page load failed: ' + result.pageError;
  const parts = [];
  if (result.mechanismsOffered) parts.push('offered ' + result.mechanismsOffered.join(','));
  if (result.mechanismChosen) parts.push('client tried ' + result.mechanismChosen);
  if (result.saslFailure) parts.push('SASL <failure> ' + result.saslFailure);
  const statuses = (result.network || []).filter(n => /^\d{3} /.test(n) && !n.startsWith('200 ')).map(n => 'HTTP ' + n.split(' ')[0]);
  if (statuses.length) parts.push([...new Set(statuses)].join(', ') + ' on /http-bind/');
  // (CSP-blocked requests are Converse's sponsor logos from the Internet, blocked on purpose: not part of the refusal.)
  const failed = (result.network || []).filter(n => n.startsWith('FAILED ') && !n.endsWith(' csp')).map(n => n.split(' ').pop());
  if (failed.length) parts.push('request failed ' + [...new Set(failed)].join(', '));
  const last = (result.events || []).filter(e => / status /.test(e)).pop();
  if (last) parts.push('client: ' + last.replace(/^\S+ /, ''));
  if (!parts.length) parts.push('client status ' + result.status);
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

const origin = config => `https://localhost:${config.boshHttpsPort}`;
const converse = (query) => config => `${origin(config)}/converse.html?${new URLSearchParams(query)}`;
const strophe = (query) => config => `${origin(config)}/strophe.html?${new URLSearchParams(query)}`;
const BAD = ['expired', 'unknown-ca', 'revoked', 'server-auth-only', 'unknown-user', 'foreign-domain', 'self-signed'];

function scenarios(profile, config) {
  const list = [];
  if (profile === 'wanted' || profile === 'needed') {
    list.push({ name: 'converse-external-alice', client: 'converse', certificate: 'alice', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'alice@localhost' }) });
    list.push({ name: 'converse-external-domain-only', client: 'converse', certificate: 'alice', expect: 'login',
      expectJid: 'alice@localhost', expectMechanism: 'EXTERNAL', url: converse({ auth: 'external', jid: 'localhost' }) });
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
    // Page on another origin (the node server below), BOSH cross-origin: does the certificate travel?
    list.push({ name: 'strophe-cross-origin', client: 'strophe', certificate: 'alice', expect: 'observe',
      url: c => `${crossOrigin}/strophe.html?${new URLSearchParams({ jid: 'alice@localhost', bosh: origin(c) + '/http-bind/' })}` });
    list.push({ name: 'strophe-cross-origin-with-credentials', client: 'strophe', certificate: 'alice', expect: 'observe',
      url: c => `${crossOrigin}/strophe.html?${new URLSearchParams({ jid: 'alice@localhost', bosh: origin(c) + '/http-bind/', withCredentials: 'true' })}` });
  } else if (profile === 'selfsigned') {
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

// A second origin for the cross-origin scenarios: plain HTTP on loopback serving the same web root.
let crossOrigin;
function startCrossOriginServer(webRoot) {
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
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
    crossOrigin = `http://localhost:${server.address().port}`;
    resolve(server);
  }));
}

// ---------------------------------------------------------------------------------------------------------------

function report(versions) {
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ versions, results }, null, 2));
  const rows = results.map(r => `| ${r.profile} | ${r.name} | ${r.certificate} | ${r.expect} | ${r.loggedIn ? 'logged in as ' + r.jid + ' (' + r.mechanismChosen + ')' : 'refused: ' + r.refusedHow} | ${r.expect === 'observe' ? 'observed' : r.ok ? 'PASS' : 'FAIL'} |`);
  const md = [`# boshcertauth browser E2E — ${new Date().toISOString()}`, '',
    Object.entries(versions).map(([k, v]) => `- ${k}: ${v}`).join('\n'), '',
    '| profile | scenario | certificate | expected | outcome | verdict |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
  fs.writeFileSync(path.join(out, 'results.md'), md);
}

const webRoot = buildWebRoot();
const crossOriginServer = await startCrossOriginServer(webRoot);
const browserVersion = execFileSync(chromiumPath, ['--version']).toString().trim();
const versions = { chromium: browserVersion, 'playwright-core': version('playwright-core'), 'converse.js': version('converse.js'),
  'strophe.js': version('strophe.js'), node: process.version };
try {
  for (const profile of onlyProfiles) {
    // E2E_OPENFIRE_JSON: use an Openfire that is already running (an openfire.json written by BrowserE2ELauncher).
    const openfire = process.env.E2E_OPENFIRE_JSON
      ? { config: JSON.parse(fs.readFileSync(process.env.E2E_OPENFIRE_JSON, 'utf8')), stop: async () => {} }
      : await startOpenfire(profile, webRoot);
    versions['openfire(' + profile + ')'] = openfire.config.openfireVersion;
    try {
      writeCertificatePolicy([openfire.config.boshHttpsPort]);
      for (const scenario of scenarios(profile, openfire.config)) {
        if (process.env.E2E_ONLY && !scenario.name.match(process.env.E2E_ONLY)) continue;
        await runScenario(profile, openfire.config, scenario);
      }
    } finally {
      fs.copyFileSync(openfire.config.openfireLog, path.join(out, profile + '-openfire.log'));
      await openfire.stop();
    }
  }
} finally {
  fs.rmSync(policyFile, { force: true });
  crossOriginServer.close();
  report(versions);
}
const checked = results.filter(r => r.expect !== 'observe');
const failed = checked.filter(r => !r.ok);
console.log(`Results: ${path.join(out, 'results.md')}`);
console.log(`${checked.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
