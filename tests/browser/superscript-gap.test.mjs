// No visible space before a superscript: on every article at 390 px, light and dark, the first
// glyph of each citation number or note letter starts within 2 px of the last glyph of the
// text before it (when both are on the same line). Measured on the glyphs (Range boxes), so a
// wide tap target around the number cannot hide a gap, nor a space in the text.
import { withBrowser, openPage, articlePaths, check } from './lib.mjs';

await withBrowser(async (browser) => {
  let measured = 0;
  for (const rel of articlePaths()) {
    const page = await openPage(browser, rel);
    await page.evaluate(() => document.fonts.ready);
    const gaps = await page.evaluate(() => {
      const out = [];
      for (const sup of document.querySelectorAll('.article-body sup.cite, .article-body sup.fn-ref')) {
        const before = sup.previousSibling;
        if (!before || before.nodeType !== Node.TEXT_NODE || before.data.length === 0) continue;
        const a = document.createRange();
        a.setStart(before, before.data.length - 1);
        a.setEnd(before, before.data.length);
        const link = sup.querySelector('a');
        const text = [...link.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
        const b = document.createRange();
        b.setStart(text, 0);
        b.setEnd(text, 1);
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        if (Math.abs(ra.top - rb.top) > ra.height) continue; // wrapped onto the next line
        out.push([sup.className, before.data.slice(-12) + link.textContent, rb.left - ra.right]);
      }
      return out;
    });
    for (const [kind, where, gap] of gaps) {
      measured += 1;
      check(gap < 2, `${rel}: ${gap.toFixed(1)} px before the ${kind} superscript in "${where}"`);
    }
    await page.close();
  }
  check(measured > 20, `only ${measured} superscripts measured`);
  console.log(`${measured} superscripts measured`);
});
