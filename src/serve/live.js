// rounds live reload: injected by `rounds serve` into every HTML page it serves (never written
// to disk). Reloads the page when the server says that this page or a stylesheet changed, or
// when the build's errors appeared or went away.
(() => {
  "use strict";
  const script = document.currentScript;
  const data = (script && script.dataset) || {};
  // The output file this page came from: /articles/x/ -> articles/x/index.html.
  let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (path === "" || path.endsWith("/")) path += "index.html";
  const mine = [path];
  // A "not found" page shows 404.html; it also reloads when the missing page appears.
  if (data.status === "404") mine.push("404.html");

  let events = null;
  const reload = () => {
    if (events) events.close();
    location.reload();
  };
  const connect = () => {
    events = new EventSource("/__rounds/events");
    // The server's build number differs from this page's: a change happened while the page
    // was loading, while this tab was hidden, or the server restarted.
    events.addEventListener("hello", (e) => {
      if (data.build !== undefined && e.data !== data.build) reload();
    });
    events.addEventListener("change", (e) => {
      const changed = JSON.parse(e.data);
      if (changed.some((p) => p.endsWith(".css") || mine.includes(p))) reload();
    });
    events.addEventListener("errors", reload);
    events.addEventListener("reload", reload);
  };
  // Browsers allow six connections per server: hidden tabs let go of theirs.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      if (events) events.close();
      events = null;
    } else if (!events) {
      connect();
    }
  });
  if (!document.hidden) connect();

  const panel = document.getElementById("rounds-errors");
  const hide = panel && panel.querySelector("[data-rounds-hide]");
  if (hide) hide.addEventListener("click", () => panel.remove());
})();
