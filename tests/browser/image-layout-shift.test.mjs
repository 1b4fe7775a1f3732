// Body images keep their place while they load: on a slow connection the text below a picture
// does not jump down when it arrives (Chromium's layout-shift entries add up to 0). The same
// picture written without width and height, on the same page, shows that the measurement
// sees a jump when there is one. The demo blog has no body image, so this builds a copy of it
// with an article that has two (a bundle file and a file of static/).
import fs from 'node:fs';
import path from 'node:path';
import { withBrowser, openPage, buildSite, check } from './lib.mjs';

const png = fs.readFileSync(path.join(process.env.CONTENT_DIR, 'static', 'images', 'share-default.png'));

const article = (body) => `---
title: "What a blood pressure cuff looks like"
date: 2026-01-10
description: "A picture of the cuff, and where it goes on the arm."
opinion: true
---

The cuff goes on your bare upper arm, about an inch above the elbow.

${body}

Sit with your back supported and your feet flat on the floor. Rest your arm on a table at the
height of your heart, and do not talk while the cuff is measuring.
`;

const site = buildSite({
  'articles/cuff/index.md': article('![A grey cuff on an upper arm](cuff.png)\n\n![The clinic card](/images/share-default.png)'),
  'articles/cuff/cuff.png': png,
  // The control: the same picture, as an HTML image with no size.
  'articles/cuff-unsized/index.md': article('<img src="cuff.png" alt="A grey cuff on an upper arm">'),
  'articles/cuff-unsized/cuff.png': png,
});

/** The sum of the page's layout shifts once every image has arrived. */
async function shifts(page) {
  return page.evaluate(async () => {
    await Promise.all([...document.images].map((i) => (i.complete ? null : i.decode().catch(() => null))));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return new Promise((resolve) => {
      let sum = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) sum += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(sum), 100);
    });
  });
}

await withBrowser(async (browser) => {
  for (const dark of [false, true]) {
    const page = await openPage(browser, 'articles/cuff/', { siteDir: site, slow: /\.png$/, dark });
    const sized = await page.$$eval('.article-body img', (imgs) =>
      imgs.map((i) => [i.getAttribute('width'), i.getAttribute('height'), i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width]));
    check(sized.length === 2, `two body images, found ${sized.length}`);
    for (const [w, h, nw, nh, shown] of sized) {
      check(Number(w) === nw && Number(h) === nh, `width/height ${w}x${h} match the file's ${nw}x${nh}`);
      check(shown <= 390, `an image fits the 390 px screen (${shown} px wide)`);
    }
    const cls = await shifts(page);
    check(cls === 0, `layout shift with sized images is 0 (dark ${dark}), got ${cls}`);
    await page.close();
  }
  const control = await openPage(browser, 'articles/cuff-unsized/', { siteDir: site, slow: /\.png$/ });
  const cls = await shifts(control);
  check(cls > 0, `the measurement sees the jump of an unsized image (got ${cls})`);
  await control.close();
});
