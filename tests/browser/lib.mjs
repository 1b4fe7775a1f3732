// Shared helpers for the browser tests: an offline Chromium that serves the built site from
// disk at its base URL, and a tiny failure collector (see README.md).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';

export const SITE_DIR = path.resolve(process.env.SITE_DIR || 'public');
export const BASE_URL = process.env.BASE_URL || 'https://rounds-demo.example/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon',
  '.txt': 'text/plain', '.wasm': 'application/wasm', '.pf_meta': 'application/octet-stream',
};

let failures = 0;

/** Records a failure (and prints it) when `ok` is false. */
export function check(ok, message) {
  if (!ok) {
    failures += 1;
    console.error(`FAIL: ${message}`);
  }
  return ok;
}

/** The file of the built site in `siteDir` that answers `url`, or null. */
function fileFor(url, siteDir) {
  const base = new URL(BASE_URL);
  let p;
  try { p = decodeURIComponent(url.pathname); } catch { return null; }
  if (!p.startsWith(base.pathname)) return null;
  let f = path.resolve(path.join(siteDir, p.slice(base.pathname.length)));
  if (!f.startsWith(siteDir)) return null;
  try { if (fs.statSync(f).isDirectory()) f = path.join(f, 'index.html'); } catch { /* absent */ }
  return fs.existsSync(f) ? f : null;
}

/** Runs `fn(browser)` in a fresh headless Chromium, then exits 1 if any check failed. */
export async function withBrowser(fn) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rounds-browser-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  try {
    await fn(browser);
  } catch (e) {
    check(false, `test crashed: ${e.stack || e}`);
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  if (failures > 0) {
    console.error(`${failures} check(s) failed`);
    process.exit(1);
  }
}

/**
 * Opens `rel` (a path of the site, like `articles/statins/`) at a viewport `width` (default
 * 390, a common phone) in light or dark mode. Requests for the site's origin are answered
 * from `siteDir` (default SITE_DIR, the demo blog; see buildSite for another); any other
 * request is refused and recorded in `page.blocked`. Files whose path matches the regular
 * expression `slow` arrive `slowMs` later, as on a slow phone connection.
 */
export async function openPage(browser, rel,
  { width = 390, height = 844, dark = false, siteDir = SITE_DIR, slow = null, slowMs = 800 } = {}) {
  const page = await browser.newPage();
  page.blocked = [];
  page.errors = [];
  await page.setViewport({ width, height, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await page.setRequestInterception(true);
  const origin = new URL(BASE_URL).origin;
  page.on('pageerror', (e) => page.errors.push(String(e.message || e)));
  page.on('request', (req) => {
    let u;
    try { u = new URL(req.url()); } catch { return req.abort(); }
    if (u.protocol === 'data:' || u.protocol === 'blob:') return req.continue();
    if (u.origin !== origin) { page.blocked.push(req.url()); return req.abort('blockedbyclient'); }
    const f = fileFor(u, siteDir);
    if (!f) return req.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
    const answer = () => req.respond({
      status: 200,
      contentType: TYPES[path.extname(f).toLowerCase()] || 'application/octet-stream',
      body: fs.readFileSync(f),
    });
    // A slow network for the files `slow` matches (images, say), as on a phone.
    if (slow && slow.test(u.pathname)) return setTimeout(answer, slowMs);
    return answer();
  });
  await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load', timeout: 30000 });
  return page;
}

/** Every built article's path (`articles/<slug>/`), from the site folder. */
export function articlePaths() {
  const dir = path.join(SITE_DIR, 'articles');
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => `articles/${d.name}/`)
    .sort();
}

/**
 * Builds a copy of the demo blog with extra files (`{ 'articles/x.md': text }`, relative to
 * the content folder; a Buffer for a binary file) into a temporary folder, with ROUNDS_BIN; returns the built site's path.
 * For what the demo does not have, such as a code block.
 */
export function buildSite(extra) {
  const content = process.env.CONTENT_DIR;
  const root = path.dirname(content);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rounds-site-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(content, path.join(dir, 'content'), { recursive: true });
  for (const [rel, data] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'content', rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content', rel), data);
  }
  const out = path.join(dir, 'public');
  execFileSync(process.env.ROUNDS_BIN, ['build', '--source', path.join(dir, 'content'),
    '--theme', path.join(root, 'themes', 'default'), '--out', out], { stdio: 'pipe' });
  return out;
}
