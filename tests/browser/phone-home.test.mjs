// The first screen of the home page on a phone: the newest article, not the site's name a
// second time. Its title starts in the top 40% of a 390x844 screen and its whole card is on
// the first screen; the page still has one h1 (for screen readers); the menu wraps into rows
// 44px apart whose links are 44px tall touch targets, with no gap between the rows.
import { withBrowser, openPage, check } from './lib.mjs';

await withBrowser(async (browser) => {
  for (const width of [320, 390, 430]) {
    for (const dark of [false, true]) {
      const page = await openPage(browser, '', { width, height: 844, dark });
      const m = await page.evaluate(() => {
        const box = (el) => el.getBoundingClientRect();
        const card = document.querySelector('.article-card');
        const links = [...document.querySelectorAll('.site-nav a')].map(box);
        const rows = [...new Set(links.map((r) => Math.round(r.top)))].sort((a, b) => a - b);
        const h1s = [...document.querySelectorAll('h1')];
        return {
          titleTop: box(card.querySelector('.card-title')).top,
          cardBottom: box(card).bottom,
          navHeight: box(document.querySelector('.site-nav')).height,
          linkHeights: links.map((r) => r.height),
          rows,
          h1s: h1s.map((h) => h.textContent.trim()),
          siteTitle: document.querySelector('.site-title').textContent.trim(),
        };
      });
      const at = `home at ${width}x844${dark ? ' (dark)' : ''}`;
      check(m.titleTop <= 0.4 * 844,
        `${at}: the first article's title starts at ${Math.round(m.titleTop)} px, below the top 40% (${0.4 * 844} px)`);
      check(m.cardBottom <= 844,
        `${at}: the first article's card ends at ${Math.round(m.cardBottom)} px, past the first screen`);
      check(m.h1s.length === 1 && m.h1s[0] === m.siteTitle,
        `${at}: the page's h1 should be the site's name, once: ${JSON.stringify(m.h1s)}`);
      check(m.linkHeights.every((h) => h >= 44),
        `${at}: menu links are ${m.linkHeights.map(Math.round).join(', ')} px tall; touch targets need 44`);
      const pitch = m.rows.slice(1).map((r, i) => r - m.rows[i]);
      check(pitch.every((p) => p <= 44),
        `${at}: the menu's rows are ${pitch.join(', ')} px apart (at most 44: the links' own height)`);
      check(m.navHeight <= m.rows.length * 44 + 1,
        `${at}: the menu is ${m.navHeight} px tall for ${m.rows.length} row(s)`);
      await page.close();
    }
  }
});
