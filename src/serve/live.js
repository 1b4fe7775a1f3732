// rounds live reload: injected by `rounds serve` into every HTML page it serves (never written
// to disk). Reloads the page when the server says that this page or a stylesheet changed, or
// when the build's errors appeared or went away.
(() => {
  "use strict";
  const script = document.currentScript;
  // The output file this page came from: /articles/x/ -> articles/x/index.html.
  let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (path === "" || path.endsWith("/")) path += "index.html";
  const mine = [path];
  // A "not found" page shows 404.html; it also reloads when the missing page appears.
  if (script && script.dataset.status === "404") mine.push("404.html");

  const events = new EventSource("/__rounds/events");
  let lost = false;
  const reload = () => {
    events.close();
    location.reload();
  };
  events.addEventListener("change", (e) => {
    const changed = JSON.parse(e.data);
    if (changed.some((p) => p.endsWith(".css") || mine.includes(p))) reload();
  });
  events.addEventListener("errors", reload);
  events.addEventListener("reload", reload);
  // The server went away (restarted): reload once it is back, the page may be stale.
  events.addEventListener("error", () => {
    lost = true;
  });
  events.addEventListener("open", () => {
    if (lost) reload();
  });

  const panel = document.getElementById("rounds-errors");
  const hide = panel && panel.querySelector("[data-rounds-hide]");
  if (hide) hide.addEventListener("click", () => panel.remove());
})();
