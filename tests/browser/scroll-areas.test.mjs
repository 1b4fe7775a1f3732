// A code block too wide for a phone shows that it scrolls: a shadow at the edge with more to
// see (looked for in the pixels of a screenshot, not in the CSS), none at an edge with
// nothing more. A keyboard can scroll it (it is focusable, with a label), and axe finds no
// problem with it or with a wide table. The demo blog has no code block, so this builds a
// copy of it with one more article.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBrowser, openPage, buildSite, check } from './lib.mjs';

const ARTICLE = `---
title: "Keeping a blood pressure log"
date: 2026-01-10
description: "How to write down home blood pressure readings so that your clinician can use them."
tags: [blood pressure]
opinion: true
---

Write each reading on its own line, in the same order every time:

\`\`\`text
Date        Time   Arm    Top (systolic)   Bottom (diastolic)   Pulse   Notes
2026-01-10  07:30  left   128              82                   64      before coffee, after 5 minutes of rest
\`\`\`

Or keep a table like this one:

| Day | Morning top | Morning bottom | Evening top | Evening bottom | Pulse | What you took and when |
|---|---|---|---|---|---|---|
| Monday | 128 | 82 | 124 | 80 | 64 | Morning pill at 7 a.m. with water |
`;

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Brightness (0-255) of pixels of an element, from a screenshot of it. */
async function brightness(page, selector, points) {
  const el = await page.$(selector);
  const png = await el.screenshot({ encoding: 'base64' });
  return page.evaluate(async (b64, pts) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    return pts.map(([x, y]) => {
      const [r, gr, b] = g.getImageData(Math.round(x * img.width), y, 1, 1).data;
      return 0.2126 * r + 0.7152 * gr + 0.0722 * b;
    });
  }, png, points);
}

await withBrowser(async (browser) => {
  const site = buildSite({ 'articles/keeping-a-blood-pressure-log.md': ARTICLE });
  const rel = 'articles/keeping-a-blood-pressure-log/';
  for (const width of [320, 390]) {
    for (const dark of [false, true]) {
      const at = `at ${width} px${dark ? ' (dark)' : ''}`;
      const page = await openPage(browser, rel, { width, dark, siteDir: site });
      const pre = await page.evaluate(() => {
        const el = document.querySelector('.article-body pre');
        return {
          scrolls: el.scrollWidth > el.clientWidth,
          tabindex: el.getAttribute('tabindex'),
          label: el.getAttribute('aria-label'),
        };
      });
      check(pre.scrolls, `the code block does not scroll ${at}; the test needs one that does`);
      check(pre.tabindex === '0' && pre.label, `the code block is not a focusable, labelled area ${at}`);

      // More to the right: a shadow at the right edge, none at the left. y = 4 is in the
      // block's top padding, above the text.
      const [left, middle, right] = await brightness(page, '.article-body pre', [[0.012, 4], [0.5, 4], [0.985, 4]]);
      check(middle - right >= 8, `${at}: no shadow at the right edge of the code block (${Math.round(right)} vs ${Math.round(middle)})`);
      check(Math.abs(middle - left) < 4, `${at}: a shadow at the left edge before scrolling (${Math.round(left)} vs ${Math.round(middle)})`);

      // The keyboard scrolls it; at the end, the shadow is at the left.
      await page.focus('.article-body pre');
      await page.keyboard.press('ArrowRight');
      // Arrow-key scrolling may be animated: wait up to a second for it to move.
      const moved = await page.waitForFunction(
        () => document.querySelector('.article-body pre').scrollLeft > 0, { timeout: 1000 },
      ).then(() => 1, () => 0);
      check(moved > 0, `${at}: the arrow key does not scroll the focused code block`);
      await page.evaluate(() => {
        const el = document.querySelector('.article-body pre');
        el.scrollLeft = el.scrollWidth;
      });
      const [left2, middle2, right2] = await brightness(page, '.article-body pre', [[0.012, 4], [0.5, 4], [0.985, 4]]);
      check(middle2 - left2 >= 8, `${at}: no shadow at the left edge once scrolled to the end (${Math.round(left2)} vs ${Math.round(middle2)})`);
      check(Math.abs(middle2 - right2) < 4, `${at}: a shadow at the right edge with nothing more to see (${Math.round(right2)} vs ${Math.round(middle2)})`);

      await page.addScriptTag({ content: AXE });
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length,
          where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      const scrollRules = ['scrollable-region-focusable', 'aria-allowed-attr', 'aria-prohibited-attr',
        'aria-allowed-role', 'landmark-unique', 'nested-interactive'];
      for (const v of found) {
        check(!scrollRules.includes(v.id) && !['serious', 'critical'].includes(v.impact),
          `${at}: axe ${v.id} (${v.impact}) on ${v.where.join(', ')}`);
      }
      await page.close();
    }
  }
});
