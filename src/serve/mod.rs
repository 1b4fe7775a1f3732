//! Serve: the development server behind `rounds serve`.
//!
//! Input: the output folder and an address; then, from the watch loop, the output paths each
//! rebuild changed ([`Server::notify`]) and the last build's errors ([`Server::set_errors`]).
//! Output: HTTP on that address (axum on a current-thread tokio runtime in its own thread, so
//! the watch loop stays synchronous):
//! - the output folder's files (tower-http `ServeDir`); a folder serves its `index.html`; a
//!   missing file gets the site's `404.html` with status 404;
//! - `/__rounds/events`: Server-Sent Events: `hello` (data: the server's build number),
//!   `change` (data: the JSON list of changed output paths), `errors` (the errors appeared,
//!   changed or went away) and `reload`;
//! - `/__rounds/live.js`: the live-reload script, which reloads a page only when its own file
//!   or a stylesheet changed, or on `errors`.
//!
//! Invariants:
//! - nothing outside the output folder is served: `ServeDir` refuses `..`, encoded or not, and
//!   backslashes; every file it opens goes through a backend (`Confined`) that resolves the path
//!   (symlinks included) and refuses anything that does not land inside the output folder;
//! - files on disk are never changed: the `<script>` tag, and the error panel when the last
//!   build failed, are added to HTML responses on their way out, just before `</body>`; those
//!   responses get a recomputed Content-Length;
//! - nothing is cached: conditional request headers are dropped, responses carry no ETag or
//!   Last-Modified and say `Cache-Control: no-store`, so a reload always shows what is on disk
//!   (validators in whole seconds would miss a second save within the same second);
//! - the folder is looked up by path on every request, so a full build that swaps the output
//!   folder for a new one is served without a restart.
//!
//! Every page is served with the server's build number (bumped by each change it is told
//! about); the event stream starts with the current one, so a page that missed a change while
//! it was loading, while its tab was hidden (the script then closes its stream: browsers allow
//! only six connections per host) or while the server restarted, reloads when it reconnects.
//!
//! Ctrl-C is not handled here: the caller catches it ([`crate::watch::on_ctrl_c`]), stops its
//! watch loop and calls [`Server::shutdown`], which ends the event streams and waits briefly
//! for open requests.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};
use tower_http::services::ServeDir;
use tower_http::services::fs::{Backend, TokioBackend, TokioFile};

use crate::diag::Diagnostic;
use crate::html::escape;

/// The live-reload script, served at `/__rounds/live.js`.
pub const LIVE_JS: &str = include_str!("live.js");

/// Where the event stream is.
pub const EVENTS_PATH: &str = "/__rounds/events";

/// Where the script is.
pub const SCRIPT_PATH: &str = "/__rounds/live.js";

/// The default port.
pub const DEFAULT_PORT: u16 = 1111;

/// How long shutdown waits for open requests.
const GRACE: Duration = Duration::from_secs(1);

/// The largest HTML page the server rewrites (larger ones are served without live reload).
const MAX_HTML: usize = 64 * 1024 * 1024;

/// What to serve and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The output folder.
    pub out_dir: PathBuf,
    /// The address to listen on (loopback by default).
    pub bind: IpAddr,
    /// The port; 0 picks any free one (see [`Server::addr`]).
    pub port: u16,
}

impl ServeOptions {
    /// Serves `out_dir` on 127.0.0.1:1111.
    pub fn new(out_dir: impl Into<PathBuf>) -> Self {
        ServeOptions {
            out_dir: out_dir.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
        }
    }

    /// The warning to print when the server is reachable from other machines.
    pub fn exposure_warning(&self) -> Option<String> {
        (!self.bind.is_loopback()).then(|| {
            format!(
                "warning: listening on {}, so other computers on the network can read this \
                 site, drafts included; use --bind 127.0.0.1 to keep it on this computer",
                self.bind
            )
        })
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is taken or not ours.
    #[error(
        "cannot listen on {addr}: {source}; if another rounds serve is running, stop it or choose another port with --port"
    )]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: io::Error,
    },
    /// The server's thread or runtime could not start.
    #[error("cannot start the server: {0}")]
    Start(#[from] io::Error),
}

/// What the event stream carries.
#[derive(Clone, Debug)]
enum Signal {
    Changed(Arc<[String]>),
    Errors,
}

/// State shared by the request handlers.
struct Shared {
    out: PathBuf,
    build: Arc<AtomicU64>,
    signals: broadcast::Sender<Signal>,
    panel: watch::Receiver<Arc<str>>,
    stop: watch::Receiver<bool>,
}

/// A running dev server. Dropping it shuts it down too.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    build: Arc<AtomicU64>,
    signals: broadcast::Sender<Signal>,
    panel: watch::Sender<Arc<str>>,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Starts serving `opts.out_dir` (which need not exist yet) in a thread of its own.
pub fn start(opts: ServeOptions) -> Result<Server, ServeError> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener =
        std::net::TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let listener = {
        let _guard = rt.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    let (signals, _) = broadcast::channel(64);
    let (panel_tx, panel_rx) = watch::channel(Arc::<str>::from(""));
    let (stop_tx, stop_rx) = watch::channel(false);
    // Starts from the clock, so that pages served by an earlier run see a different number.
    let first = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64);
    let build = Arc::new(AtomicU64::new(first));
    let shared = Arc::new(Shared {
        out: opts.out_dir,
        build: build.clone(),
        signals: signals.clone(),
        panel: panel_rx,
        stop: stop_rx.clone(),
    });
    let app = Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(files)
        .with_state(shared);
    let thread = std::thread::Builder::new().name("rounds-serve".into()).spawn(move || {
        rt.block_on(async move {
            let mut graceful_stop = stop_rx.clone();
            let mut hard_stop = stop_rx;
            let server = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = graceful_stop.wait_for(|s| *s).await;
            });
            tokio::select! {
                _ = server.into_future() => {}
                _ = async {
                    let _ = hard_stop.wait_for(|s| *s).await;
                    tokio::time::sleep(GRACE).await;
                } => {}
            }
        });
    })?;
    Ok(Server { addr, build, signals, panel: panel_tx, stop: stop_tx, thread: Some(thread) })
}

impl Server {
    /// The address the server listens on (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Tells the open pages which output files changed (`articles/x/index.html`, `style.css`);
    /// each reloads if its own file or a stylesheet is among them.
    pub fn notify(&self, changed: &[String]) {
        if !changed.is_empty() {
            self.build.fetch_add(1, Ordering::SeqCst);
            let _ = self.signals.send(Signal::Changed(changed.into()));
        }
    }

    /// Shows `errors` on every served page (an empty list clears the panel). Open pages reload
    /// when the panel appears, changes or goes away.
    pub fn set_errors(&self, errors: &[Diagnostic]) {
        let html: Arc<str> = render_panel(errors).into();
        let changed = self.panel.send_if_modified(|panel| {
            if **panel == *html {
                return false;
            }
            *panel = html;
            true
        });
        if changed {
            self.build.fetch_add(1, Ordering::SeqCst);
            let _ = self.signals.send(Signal::Errors);
        }
    }

    /// Stops the server: ends the event streams, waits a moment for open requests, and joins
    /// the server's thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// `GET /__rounds/live.js`
async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

/// `GET /__rounds/events`: one SSE stream per open page.
async fn events(State(shared): State<Arc<Shared>>) -> Response {
    struct Stream {
        rx: broadcast::Receiver<Signal>,
        stop: watch::Receiver<bool>,
        hello: Option<Arc<AtomicU64>>,
    }
    let start = Stream {
        rx: shared.signals.subscribe(),
        stop: shared.stop.clone(),
        hello: Some(shared.build.clone()),
    };
    let stream = futures_util::stream::unfold(start, |mut s| async move {
        if let Some(build) = s.hello.take() {
            // Read after subscribing: a change the page missed shows as a different number.
            // The page reconnects quickly if cut off.
            let hello = Event::default()
                .event("hello")
                .data(build.load(Ordering::SeqCst).to_string())
                .retry(Duration::from_millis(500));
            return Some((Ok::<_, Infallible>(hello), s));
        }
        let event = tokio::select! {
            signal = s.rx.recv() => match signal {
                Ok(Signal::Changed(paths)) => Event::default()
                    .event("change")
                    .data(serde_json::to_string(&*paths).unwrap_or_default()),
                Ok(Signal::Errors) => Event::default().event("errors").data("errors"),
                // Missed events: the page cannot know what changed, so it reloads.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    Event::default().event("reload").data("reload")
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            _ = s.stop.wait_for(|stop| *stop) => return None,
        };
        Some((Ok(event), s))
    });
    let mut response = Sse::new(stream).keep_alive(KeepAlive::default()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Everything else: a file from the output folder.
async fn files(State(shared): State<Arc<Shared>>, mut req: Request) -> Response {
    // HEAD is answered like GET (hyper leaves the body out), so its headers match GET's
    // rewritten response.
    if req.method() == Method::HEAD {
        *req.method_mut() = Method::GET;
    }
    for name in [
        header::IF_MODIFIED_SINCE,
        header::IF_UNMODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::IF_MATCH,
        header::IF_RANGE,
    ] {
        req.headers_mut().remove(name);
    }
    // The manifest is rounds' bookkeeping, not part of the site.
    if req.uri().path().trim_end_matches('/').ends_with(crate::output::MANIFEST) {
        return not_found(&shared).await;
    }
    let mut dir = ServeDir::with_backend(&shared.out, Confined { root: shared.out.clone() });
    let response = match dir.try_call(req).await {
        Ok(r) if r.status() == StatusCode::NOT_FOUND => return not_found(&shared).await,
        Ok(r) => r,
        Err(e) if is_not_found(&e) => return not_found(&shared).await,
        Err(e) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot read the file: {e}"))
                .into_response();
        }
    };
    let (mut parts, body) = response.into_parts();
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let too_big = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|len| len > MAX_HTML);
    if !html || too_big || parts.status != StatusCode::OK {
        parts.headers.remove(header::LAST_MODIFIED);
        parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Response::from_parts(parts, Body::new(body));
    }
    match axum::body::to_bytes(Body::new(body), MAX_HTML).await {
        Ok(bytes) => inject(parts, &bytes, &shared, false),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot read the page: {e}"))
            .into_response(),
    }
}

/// The site's 404.html (or a plain page when there is none), with status 404.
async fn not_found(shared: &Shared) -> Response {
    let confined = Confined { root: shared.out.clone() };
    let page = match confined.resolve(shared.out.join("404.html")).await {
        Ok(path) => tokio::fs::read(path).await.ok(),
        Err(_) => None,
    };
    let page = page.unwrap_or_else(|| {
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body>\n<h1>Not found</h1>\n<p>There is no page at this address.</p>\n</body>\n</html>\n".to_vec()
    });
    let (mut parts, ()) = Response::new(()).into_parts();
    parts.status = StatusCode::NOT_FOUND;
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    inject(parts, &page, shared, true)
}

/// Adds the script tag (and the error panel, if any) before `</body>`.
fn inject(
    mut parts: axum::http::response::Parts,
    page: &[u8],
    shared: &Shared,
    missing: bool,
) -> Response {
    let panel = shared.panel.borrow().clone();
    let status = if missing { " data-status=\"404\"" } else { "" };
    let build = shared.build.load(Ordering::SeqCst);
    let tag =
        format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"{status} defer></script>\n");
    let at = find_body_end(page).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len() + panel.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(panel.as_bytes());
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    let h = &mut parts.headers;
    for name in [header::ETAG, header::LAST_MODIFIED, header::ACCEPT_RANGES, header::CONTENT_RANGE]
    {
        h.remove(name);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(out.len()));
    Response::from_parts(parts, Body::from(Bytes::from(out)))
}

/// Where the last `</body>` (any case) starts.
fn find_body_end(page: &[u8]) -> Option<usize> {
    const END: &[u8] = b"</body";
    page.windows(END.len()).rposition(|w| w.eq_ignore_ascii_case(END))
}

/// The fixed error panel, or `""` when there is nothing to show.
fn render_panel(errors: &[Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for d in errors {
        let j = d.to_json();
        let mut location = j.file.clone().unwrap_or_default();
        if let (Some(line), Some(column)) = (j.line, j.column) {
            location.push_str(&format!(":{line}:{column}"));
        }
        items.push_str("<li>");
        if !location.is_empty() {
            items.push_str(&format!("<p class=\"rounds-where\">{}</p>", escape(&location)));
        }
        items.push_str(&format!(
            "<p><strong>{}:</strong> {} <code>{}</code></p>",
            j.severity,
            escape(&j.message),
            escape(&j.code)
        ));
        if let Some(help) = &j.help {
            items
                .push_str(&format!("<p class=\"rounds-help\">How to fix it: {}</p>", escape(help)));
        }
        items.push_str("</li>\n");
    }
    let count = errors.len();
    let plural = if count == 1 { "problem" } else { "problems" };
    format!(
        "<div id=\"rounds-errors\" role=\"alert\">\n<style>{PANEL_CSS}</style>\n\
         <p class=\"rounds-title\"><strong>The last build found {count} {plural}.</strong> \
         This page is from the last good build. Fix the file and save: the page reloads by \
         itself. <button type=\"button\" data-rounds-hide>Hide</button></p>\n\
         <ol>\n{items}</ol>\n</div>\n"
    )
}

/// The panel's look, scoped to its id so the site's own CSS is not touched.
const PANEL_CSS: &str = "#rounds-errors{all:initial;display:block;position:fixed;left:0;right:0;\
bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;\
background:#fff4f4;color:#1a1a1a;border-top:6px solid #b00020;box-shadow:0 -4px 16px rgba(0,0,0,.25);\
font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif}\
#rounds-errors *{font:inherit;color:inherit;margin:0;padding:0}\
#rounds-errors .rounds-title{margin-bottom:.75rem}\
#rounds-errors strong{font-weight:700}\
#rounds-errors ol{padding-left:1.5rem}\
#rounds-errors li{margin:.5rem 0;list-style:decimal}\
#rounds-errors .rounds-where,#rounds-errors code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}\
#rounds-errors .rounds-where{color:#7a0016}\
#rounds-errors .rounds-help{color:#333}\
#rounds-errors button{margin-left:.5rem;padding:.1rem .6rem;border:1px solid #7a0016;border-radius:4px;\
background:#fff;cursor:pointer}";

fn is_not_found(e: &io::Error) -> bool {
    // 20 is ENOTDIR: a path that goes through a file (`/index.html/x`); 36 (63 on the BSDs
    // and macOS) is ENAMETOOLONG: a name no file can have (over 255 bytes) is simply absent.
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied)
        || (cfg!(unix) && matches!(e.raw_os_error(), Some(20)))
        || (cfg!(target_os = "linux") && e.raw_os_error() == Some(36))
        || (cfg!(all(unix, not(target_os = "linux"))) && e.raw_os_error() == Some(63))
}

/// A `ServeDir` backend that opens only files inside the output folder: each path is resolved
/// (symlinks followed) and refused unless it lands inside the resolved output folder. The
/// folder is resolved on every request, so a swapped-in new folder is picked up.
#[derive(Clone, Debug)]
struct Confined {
    root: PathBuf,
}

impl Confined {
    async fn resolve(&self, path: PathBuf) -> io::Result<PathBuf> {
        let root = tokio::fs::canonicalize(&self.root).await?;
        let real = tokio::fs::canonicalize(&path).await?;
        if real.starts_with(&root) {
            Ok(real)
        } else {
            Err(io::Error::new(io::ErrorKind::NotFound, "outside the output folder"))
        }
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

impl Backend for Confined {
    type File = TokioFile;
    type Metadata = std::fs::Metadata;
    type OpenFuture = BoxFuture<TokioFile>;
    type MetadataFuture = BoxFuture<std::fs::Metadata>;

    fn open(&self, path: PathBuf) -> Self::OpenFuture {
        let this = self.clone();
        Box::pin(async move { TokioBackend.open(this.resolve(path).await?).await })
    }

    fn metadata(&self, path: PathBuf) -> Self::MetadataFuture {
        let this = self.clone();
        Box::pin(async move { tokio::fs::metadata(this.resolve(path).await?).await })
    }
}

#[cfg(test)]
mod tests;
