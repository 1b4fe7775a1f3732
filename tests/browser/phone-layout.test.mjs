// On a phone, nothing is wider than the screen: a page that scrolls sideways hides the end of
// every line. Checked on the home page and every article, at the narrowest and widest common
// phone widths, in light and dark mode.
import { withBrowser, openPage, articlePaths, check } from './lib.mjs';

await withBrowser(async (browser) => {
  const pages = ['', ...articlePaths()];
  for (const width of [320, 390, 430]) {
    for (const dark of [false, true]) {
      for (const rel of pages) {
        const page = await openPage(browser, rel, { width, dark });
        // A phone widens the layout viewport to fit content that is too wide (and shrinks
        // the text), so compare with the width the page was opened at, not innerWidth.
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        check(scroll <= width,
          `/${rel} at ${width} px${dark ? ' (dark)' : ''} is ${scroll} px wide: it scrolls sideways`);
        check(page.blocked.length === 0, `/${rel} requested other sites: ${page.blocked.join(', ')}`);
        check(page.errors.length === 0, `/${rel} had script errors: ${page.errors.join('; ')}`);
        await page.close();
      }
    }
  }
});
