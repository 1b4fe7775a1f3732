// A citation's preview (the reference it points to, shown on focus, hover or tap) stays inside
// the screen on a phone. Every citation of every demo article is focused, scrolled to the
// middle of the screen first as a reader would tap it there, at the narrowest and widest
// common phone widths, in light and dark mode; citations at the start, the middle and the end
// of a line must all be among them. One citation of each kind is also hovered.
import { withBrowser, openPage, articlePaths, check } from './lib.mjs';

/** Where citation `i` stands in its line, and where its preview is (in the page). */
function measure(i) {
  const link = document.querySelectorAll('.article-body .cite-link')[i];
  const preview = link.closest('.cite-item').querySelector('.cite-preview');
  const column = document.querySelector('.article-body').getBoundingClientRect();
  const l = link.getBoundingClientRect();
  const p = preview.getBoundingClientRect();
  const third = (l.left + l.width / 2 - column.left) / column.width;
  return {
    where: third < 1 / 3 ? 'start' : third > 2 / 3 ? 'end' : 'middle',
    shown: getComputedStyle(preview).display !== 'none' && p.width > 0 && p.height > 0,
    left: p.left, right: p.right, top: p.top, bottom: p.bottom,
    text: preview.textContent.slice(0, 40),
  };
}

await withBrowser(async (browser) => {
  for (const width of [320, 390, 430]) {
    const seen = { start: 0, middle: 0, end: 0 };
    for (const dark of [false, true]) {
      for (const rel of articlePaths()) {
        const page = await openPage(browser, rel, { width, dark });
        const count = await page.evaluate(
          () => document.querySelectorAll('.article-body .cite-link').length);
        const { innerWidth, innerHeight } = await page.evaluate(
          () => ({ innerWidth: window.innerWidth, innerHeight: window.innerHeight }));
        const hovered = new Set();
        for (let i = 0; i < count; i += 1) {
          await page.evaluate((k) => {
            const link = document.querySelectorAll('.article-body .cite-link')[k];
            link.scrollIntoView({ block: 'center' });
            link.focus({ preventScroll: true });
          }, i);
          const m = await page.evaluate(measure, i);
          seen[m.where] += 1;
          const label = `/${rel} citation ${i + 1} (${m.where} of a line) at ${width} px${dark ? ' dark' : ''}`;
          check(m.shown, `${label}: no preview on focus`);
          check(m.left >= 0 && m.right <= width,
            `${label}: preview "${m.text}" spans ${Math.round(m.left)}-${Math.round(m.right)} px, off a ${width} px screen`);
          check(m.top >= 0 && m.bottom <= innerHeight,
            `${label}: preview spans ${Math.round(m.top)}-${Math.round(m.bottom)} px, off a ${innerHeight} px tall screen`);
          check(innerWidth === width, `${label}: the page widened to ${innerWidth} px`);
          if (!dark && !hovered.has(m.where)) {
            hovered.add(m.where);
            const at = await page.evaluate((k) => {
              document.activeElement.blur();
              const r = document.querySelectorAll('.article-body .cite-link')[k].getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }, i);
            await page.mouse.move(at.x, at.y);
            const h = await page.evaluate(measure, i);
            check(h.shown && h.left >= 0 && h.right <= width,
              `${label}: on hover the preview spans ${Math.round(h.left)}-${Math.round(h.right)} px`);
            await page.mouse.move(0, 0);
          }
        }
        await page.close();
      }
    }
    for (const where of ['start', 'middle', 'end']) {
      check(seen[where] > 0, `at ${width} px no citation stands at the ${where} of a line`);
    }
    console.log(`${width} px: ${seen.start} at the start, ${seen.middle} in the middle, ${seen.end} at the end of a line`);
  }
});
