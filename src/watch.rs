//! Watch: turn file-system events under the site's folders into batches of real changes, and
//! rebuild on each batch.
//!
//! Input: the folders to watch (the content folder and the theme), the folders to ignore (the
//! output) and [`WatchOptions`]. Output: [`ChangeBatch`]es, each a sorted list of absolute
//! paths whose bytes changed, that appeared or that were removed (for a rename, both names).
//!
//! How events become a batch:
//! - raw `notify` events (inotify, FSEvents, ReadDirectoryChangesW) are timestamped as they
//!   arrive and queued; nothing is lost while the caller is busy rebuilding. With `--poll`, a
//!   timer asks for a look at every file instead (see [`WatchOptions::poll`]);
//! - a batch starts with the first relevant event and ends when no relevant event has come for
//!   the settle time (`debounce`, 40 ms by default), or after [`MAX_SETTLE`] of continuous
//!   events. Events queued while the caller was busy are drained at once, so they come out as
//!   one batch on the next call, never as a queue of batches;
//! - paths are filtered: not under an ignored folder, not hidden (a component below the root
//!   starting with `.`), not an editor's temporary, swap or backup file
//!   ([`crate::source::is_temp_file`]);
//! - then every candidate is checked against the content hash the watcher keeps for every file
//!   it has seen (seeded by a walk of the roots): a save that leaves the bytes as they were, a
//!   `touch` or a metadata-only event gives no batch; a file that is gone is a change. A folder
//!   that was created or renamed is walked, so files written into a new folder before its
//!   watch was set up are not missed.
//!
//! Because the decision rests on the bytes on disk once things settle, editors' save dances
//! (vim's backup rename, JetBrains' `___jb_tmp___`/`___jb_old___`, write-temp-then-rename)
//! all come out as "the real file changed", whatever order the events came in.
//!
//! notify-debouncer-full is not used: it times out each path separately (so a burst spread over
//! more than its timeout comes out in pieces) and adds its tick to the latency. Rename stitching,
//! its main feature, is not needed when the decision is made on file contents.
//!
//! [`run`] is the watch loop behind `rounds watch` and `rounds serve`: a full build, then a
//! rebuild per batch, reported through a callback. A content error never ends it.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Severity};
use crate::options::{BuildOptions, UsageError};
use crate::report::BuildReport;
use crate::source::is_temp_file;

/// The longest a batch waits for events to stop (a program that keeps writing into the
/// content folder still gets a rebuild every second). Longer settle times raise it.
pub const MAX_SETTLE: Duration = Duration::from_secs(1);

/// How to watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WatchOptions {
    /// How long the files must stay quiet before a batch is handed out.
    pub debounce: Duration,
    /// Look at every file's size and modification time every `poll_interval` instead of
    /// relying on the operating system's events (network drives, containers, WSL), and read
    /// the ones that differ.
    ///
    /// This is rounds' own poller, not notify's `PollWatcher`: that one compares modification
    /// times in whole seconds, so a second save within the same second is missed until the
    /// next one, and its exact mode reads every file on every poll. Ours compares times to
    /// the nanosecond where the file system keeps them, and uses the same hashes as the native
    /// mode.
    pub poll: bool,
    /// How often the polling watcher looks at the files (with `poll` only).
    pub poll_interval: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce: Duration::from_millis(40),
            poll: false,
            poll_interval: Duration::from_millis(250),
        }
    }
}

/// Why watching failed.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// A folder to watch is missing or unreadable.
    #[error("cannot watch {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A folder to watch is a file.
    #[error("cannot watch {}: it is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The polling thread could not start.
    #[error("cannot start watching: {0}")]
    Start(io::Error),
    /// The operating system's watcher refused.
    #[error("{}", describe(.0))]
    Notify(#[from] notify::Error),
}

fn describe(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => "the system's limit on watched folders was reached, \
            so changes in some folders may be missed; raise it (on Linux: sysctl \
            fs.inotify.max_user_watches=524288) or run with --poll"
            .to_string(),
        _ if e.paths.is_empty() => format!("file watching failed: {e}"),
        _ => format!("file watching failed for {}: {e}", e.paths[0].display()),
    }
}

/// One batch of changes: every file whose bytes changed, appeared or disappeared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeBatch {
    /// Absolute paths (under the canonical roots, see [`Watcher::roots`]), sorted, no
    /// duplicates. A rename lists both names.
    pub paths: Vec<PathBuf>,
    /// The paths in `paths` that no longer exist.
    pub removed: Vec<PathBuf>,
    /// When the first event of the batch arrived (for latency measurements).
    pub first_event: Instant,
}

impl ChangeBatch {
    /// The changed paths under `root` (one of [`Watcher::roots`]), relative to it.
    pub fn under<'a>(&'a self, root: &'a Path) -> impl Iterator<Item = &'a Path> + 'a {
        self.paths.iter().filter_map(move |p| p.strip_prefix(root).ok())
    }
}

enum Msg {
    Event(Instant, notify::Result<notify::Event>),
    /// Time to look at every file again (`--poll`).
    Poll(Instant),
    Stop,
}

/// Wakes a [`Watcher`] from another thread and makes it stop handing out batches.
#[derive(Clone, Debug)]
pub struct Stopper(mpsc::Sender<Msg>);

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Event(at, e) => write!(f, "Event({at:?}, {e:?})"),
            Msg::Poll(at) => write!(f, "Poll({at:?})"),
            Msg::Stop => f.write_str("Stop"),
        }
    }
}

impl Stopper {
    /// Stops the watcher: its pending or next [`Watcher::next_batch`] returns `None` and
    /// [`Watcher::is_stopped`] turns true.
    pub fn stop(&self) {
        let _ = self.0.send(Msg::Stop);
    }
}

/// What the watcher knows about a file: enough to tell a real change from a no-op save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// Events gathered for the batch being built.
#[derive(Default)]
struct Pending {
    paths: BTreeSet<PathBuf>,
    rescan: bool,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Pending {
    fn touch(&mut self, at: Instant) {
        self.first = Some(self.first.map_or(at, |f| f.min(at)));
        self.last = Some(self.last.map_or(at, |l| l.max(at)));
    }
}

/// Watches folders and hands out [`ChangeBatch`]es.
pub struct Watcher {
    // Kept for its drop: dropping it ends the operating system's watch (`None` when polling).
    _inner: Option<Box<dyn notify::Watcher + Send>>,
    rx: mpsc::Receiver<Msg>,
    tx: mpsc::Sender<Msg>,
    roots: Vec<PathBuf>,
    ignore: Vec<PathBuf>,
    files: BTreeMap<PathBuf, Stamp>,
    opts: WatchOptions,
    errors: Vec<WatchError>,
    stopped: bool,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("roots", &self.roots)
            .field("ignore", &self.ignore)
            .field("files", &self.files.len())
            .field("opts", &self.opts)
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// Starts watching `roots` (folders, recursively), leaving out anything under `ignore`
    /// (the output folder; it need not exist), and records every file's content hash.
    ///
    /// Watching starts before the walk, so a change made while this runs is not lost.
    pub fn new(
        roots: &[PathBuf],
        ignore: &[PathBuf],
        opts: WatchOptions,
    ) -> Result<Watcher, WatchError> {
        let mut canonical = Vec::with_capacity(roots.len());
        for root in roots {
            let c = root
                .canonicalize()
                .map_err(|source| WatchError::Folder { path: root.clone(), source })?;
            if !c.is_dir() {
                return Err(WatchError::NotAFolder(root.clone()));
            }
            if !canonical.contains(&c) {
                canonical.push(c);
            }
        }
        let ignore: Vec<PathBuf> = ignore.iter().map(|p| crate::output::absolute(p)).collect();
        let (tx, rx) = mpsc::channel();
        let handler_tx = tx.clone();
        let handler = move |event: notify::Result<notify::Event>| {
            let _ = handler_tx.send(Msg::Event(Instant::now(), event));
        };
        let inner = if opts.poll {
            start_polling(tx.clone(), opts.poll_interval)?;
            None
        } else {
            let mut inner = RecommendedWatcher::new(handler, notify::Config::default())?;
            for root in &canonical {
                inner.watch(root, RecursiveMode::Recursive)?;
            }
            Some(Box::new(inner) as Box<dyn notify::Watcher + Send>)
        };
        let mut watcher = Watcher {
            _inner: inner,
            rx,
            tx,
            roots: canonical,
            ignore,
            files: BTreeMap::new(),
            opts,
            errors: Vec::new(),
            stopped: false,
        };
        let found: Vec<PathBuf> =
            watcher.roots.clone().iter().flat_map(|r| watcher.walk(r)).collect();
        watcher.files = found.into_par_iter().filter_map(|p| stamp(&p).map(|s| (p, s))).collect();
        Ok(watcher)
    }

    /// Watches what a build reads (the content folder and the theme folder, when it is not the
    /// built-in theme) and ignores its output folder.
    pub fn for_site(opts: &BuildOptions, watch: WatchOptions) -> Result<Watcher, WatchError> {
        let mut roots = vec![opts.source.clone()];
        roots.extend(opts.theme.clone());
        Watcher::new(&roots, std::slice::from_ref(&opts.out), watch)
    }

    /// The watched folders, canonicalized: every path in a batch starts with one of them.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// A handle that stops this watcher from another thread (Ctrl-C).
    pub fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// True once a [`Stopper`] stopped the watcher.
    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// Problems the watcher ran into since the last call (for example the system's limit on
    /// watched folders); watching goes on.
    pub fn take_errors(&mut self) -> Vec<WatchError> {
        std::mem::take(&mut self.errors)
    }

    /// Waits for the next batch of real changes, at most `timeout` for the first event (forever
    /// with `None`).
    ///
    /// Returns `None` when the time is up, when the watcher was stopped, or when the watcher
    /// reported a problem to fetch with [`Watcher::take_errors`].
    pub fn next_batch(&mut self, timeout: Option<Duration>) -> Option<ChangeBatch> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            if self.stopped {
                return None;
            }
            let msg = match deadline {
                None => self.rx.recv().ok()?,
                Some(d) => {
                    self.rx.recv_timeout(d.saturating_duration_since(Instant::now())).ok()?
                }
            };
            let mut pending = Pending::default();
            self.absorb(msg, &mut pending);
            if self.stopped {
                return None;
            }
            let Some(first) = pending.first else {
                if self.errors.is_empty() {
                    continue;
                }
                return None;
            };
            self.settle(&mut pending, first);
            if self.stopped {
                return None;
            }
            if let Some(batch) = self.resolve(pending, first) {
                return Some(batch);
            }
        }
    }

    /// Collects events until none has come for the settle time. Events that arrived while the
    /// caller was busy carry their arrival time, so an old backlog does not wait again.
    fn settle(&mut self, pending: &mut Pending, first: Instant) {
        let cap = first + MAX_SETTLE.max(self.opts.debounce * 4);
        loop {
            let last = pending.last.unwrap_or(first);
            let until = (last + self.opts.debounce).min(cap);
            let wait = until.saturating_duration_since(Instant::now());
            let msg = if wait.is_zero() {
                // Even when the quiet time is over, take what is already queued.
                match self.rx.try_recv() {
                    Ok(m) => m,
                    Err(_) => return,
                }
            } else {
                match self.rx.recv_timeout(wait) {
                    Ok(m) => m,
                    Err(_) => return,
                }
            };
            self.absorb(msg, pending);
            if self.stopped || Instant::now() >= cap {
                return;
            }
        }
    }

    /// Adds one message's relevant paths to the pending batch.
    fn absorb(&mut self, msg: Msg, pending: &mut Pending) {
        let (at, event) = match msg {
            Msg::Stop => {
                self.stopped = true;
                return;
            }
            Msg::Event(_, Err(e)) => {
                self.errors.push(WatchError::Notify(e));
                return;
            }
            Msg::Event(at, Ok(event)) => (at, event),
            Msg::Poll(at) => {
                pending.rescan = true;
                pending.touch(at);
                return;
            }
        };
        if event.need_rescan() {
            pending.rescan = true;
            pending.touch(at);
            return;
        }
        // Reads (our own build opens every source file) are not changes; a close after
        // writing is.
        if let EventKind::Access(kind) = event.kind {
            if kind != AccessKind::Close(AccessMode::Write) {
                return;
            }
        }
        let mut relevant = false;
        for path in event.paths {
            if self.is_watched(&path) {
                pending.paths.insert(path);
                relevant = true;
            }
        }
        if relevant {
            pending.touch(at);
        }
    }

    /// True for a path inside a root, not under an ignored folder, neither hidden nor an
    /// editor's temporary file.
    fn is_watched(&self, path: &Path) -> bool {
        if self.ignore.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        let root =
            self.roots.iter().filter(|r| path.starts_with(r)).max_by_key(|r| r.as_os_str().len());
        let Some(rel) = root.and_then(|r| path.strip_prefix(r).ok()) else { return false };
        !rel.as_os_str().is_empty()
            && rel.iter().all(|c| c.to_str().is_none_or(|s| !is_temp_file(s)))
    }

    /// Every watched file under `dir`.
    fn walk(&self, dir: &Path) -> Vec<PathBuf> {
        WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.path() == dir || self.is_watched(e.path()))
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }

    /// Turns the pending paths into a batch of real changes (`None` if there is none).
    fn resolve(&mut self, pending: Pending, first: Instant) -> Option<ChangeBatch> {
        let mut changed = BTreeSet::new();
        let mut removed = BTreeSet::new();
        let candidates: Vec<PathBuf> =
            if pending.rescan { self.roots.clone() } else { pending.paths.into_iter().collect() };
        for path in candidates {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    // A new or renamed folder, or a rescan: look at everything in it, and at
                    // what the watcher knew there and is gone.
                    let found = self.walk(&path);
                    let seen: BTreeSet<&PathBuf> = found.iter().collect();
                    for gone in self.known_under(&path).filter(|p| !seen.contains(p)) {
                        removed.insert(gone);
                    }
                    for file in &found {
                        let old = self.files.get(file).copied();
                        // Unchanged size and time: the walk may skip reading the file.
                        if old.is_some_and(|o| same_metadata(o, file)) {
                            continue;
                        }
                        if self.update(file, old) {
                            changed.insert(file.clone());
                        }
                    }
                }
                Ok(_) => {
                    let old = self.files.get(&path).copied();
                    if self.update(&path, old) {
                        changed.insert(path);
                    }
                }
                // Gone (or unreadable): a change only if the watcher knew the file, or files
                // under the folder that was removed or renamed away.
                Err(_) => {
                    for gone in self.known_under(&path) {
                        removed.insert(gone);
                    }
                }
            }
        }
        for gone in &removed {
            self.files.remove(gone);
        }
        changed.extend(removed.iter().cloned());
        if changed.is_empty() {
            return None;
        }
        Some(ChangeBatch {
            paths: changed.into_iter().collect(),
            removed: removed.into_iter().collect(),
            first_event: first,
        })
    }

    /// Re-reads `path` and records its stamp; true when its bytes differ from `old`.
    fn update(&mut self, path: &Path, old: Option<Stamp>) -> bool {
        let Some(new) = stamp(path) else { return false };
        self.files.insert(path.to_path_buf(), new);
        old.is_none_or(|o| o.len != new.len || o.hash != new.hash)
    }

    /// Known files at `path` or under it.
    fn known_under(&self, path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
        let start = path.to_path_buf();
        self.files
            .range(start..)
            .map(|(p, _)| p)
            .take_while(move |p| p.starts_with(path))
            .cloned()
            .collect::<Vec<_>>()
            .into_iter()
    }
}

/// Sends a [`Msg::Poll`] every `interval` until the watcher is gone.
fn start_polling(tx: mpsc::Sender<Msg>, interval: Duration) -> Result<(), WatchError> {
    std::thread::Builder::new()
        .name("rounds-poll".into())
        .spawn(move || {
            loop {
                std::thread::sleep(interval);
                if tx.send(Msg::Poll(Instant::now())).is_err() {
                    return;
                }
            }
        })
        .map(|_| ())
        .map_err(WatchError::Start)
}

/// True when the file's size and modification time are those of `old`.
fn same_metadata(old: Stamp, path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == old.len && m.modified().ok() == old.modified)
}

/// Reads a file and hashes its bytes; `None` if it cannot be read (gone again, or locked).
fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let bytes = std::fs::read(path).ok()?;
    let hash = crate::hashing::fingerprint(&bytes[..]);
    Some(Stamp { len: bytes.len() as u64, modified: meta.modified().ok(), hash })
}

/// Calls `on_press` on every Ctrl-C (SIGINT), from a background thread, from now on.
///
/// `rounds watch` and `rounds serve` stop their [`Watcher`] on the first press (the loop
/// finishes the rebuild it is in and [`run`] returns) and exit at once on the second. The dev
/// server does not catch the signal itself: the caller shuts it down after [`run`] returns.
pub fn on_ctrl_c(mut on_press: impl FnMut() + Send + 'static) -> io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // Register the handler before returning, so no press is missed between now and the
    // thread's first poll.
    #[cfg(unix)]
    let mut signal = {
        let _guard = rt.enter();
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?
    };
    std::thread::Builder::new().name("rounds-ctrl-c".into()).spawn(move || {
        rt.block_on(async move {
            loop {
                #[cfg(unix)]
                let pressed = signal.recv().await.is_some();
                #[cfg(not(unix))]
                let pressed = tokio::signal::ctrl_c().await.is_ok();
                if !pressed {
                    return;
                }
                on_press();
            }
        });
    })?;
    Ok(())
}

/// One build of the watch loop and what came of it.
#[derive(Debug)]
pub struct Rebuild {
    /// The source files that changed (absolute; empty for the first build).
    pub changed: Vec<PathBuf>,
    /// The ones among them that were removed.
    pub removed: Vec<PathBuf>,
    /// The build's report (content errors are in it), or why the build could not run at all
    /// (site.yaml deleted, say).
    pub result: Result<BuildReport, UsageError>,
    /// Output paths (`articles/x/index.html`, `style.css`) written or removed by this build,
    /// `/`-separated, relative to the output folder.
    pub outputs: Vec<String>,
    /// From the first event of the batch (the save) to the end of the build; for the first
    /// build, the build's own time.
    pub latency: Duration,
}

impl Rebuild {
    /// True for the build that starts the loop.
    pub fn is_first(&self) -> bool {
        self.changed.is_empty()
    }

    /// The one line printed after each build: which files changed, pages written, time.
    pub fn summary(&self) -> String {
        let what = match &self.result {
            Ok(report) => report.summary(),
            Err(e) => format!("build failed: {e}; the last good output was kept"),
        };
        if self.is_first() {
            return what;
        }
        let ms = self.latency.as_secs_f64() * 1000.0;
        format!("{} changed: {what} ({ms:.0} ms after the save)", self.changed_list())
    }

    /// `a.md, b.md and 3 more`, relative to the working folder where possible.
    fn changed_list(&self) -> String {
        let cwd = std::env::current_dir().ok().and_then(|c| c.canonicalize().ok());
        let show = |p: &PathBuf| {
            let shown = cwd.as_ref().and_then(|c| p.strip_prefix(c).ok()).unwrap_or(p);
            let gone = if self.removed.contains(p) { " (removed)" } else { "" };
            format!("{}{gone}", shown.display())
        };
        const SHOWN: usize = 3;
        let mut list: Vec<String> = self.changed.iter().take(SHOWN).map(show).collect();
        if self.changed.len() > SHOWN {
            list.push(format!("and {} more", self.changed.len() - SHOWN));
        }
        list.join(", ")
    }

    /// The findings worth printing for this build: the errors, the privacy warnings, and after
    /// a rebuild the findings in the files that changed (the others are counted in the summary
    /// line; `rounds check` lists them all).
    pub fn diagnostics_to_print(&self) -> Vec<&Diagnostic> {
        let Ok(report) = &self.result else { return Vec::new() };
        report
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error
                    || (d.severity == Severity::Warning
                        && (d.code.starts_with("privacy.") || d.code.starts_with("safety.")))
                    || (!self.is_first()
                        && d.path().is_some_and(|p| self.changed.iter().any(|c| c.ends_with(p))))
            })
            .collect()
    }

    /// The errors to show in the browser (empty after a good build).
    pub fn errors(&self) -> Vec<Diagnostic> {
        match &self.result {
            Ok(report) => report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect(),
            Err(e) => vec![
                Diagnostic::error("watch.build_failed", e.to_string())
                    .with_help("fix the problem and save again; rounds keeps watching"),
            ],
        }
    }
}

/// What the watch loop tells its caller.
#[derive(Debug)]
pub enum Update<'a> {
    /// A build finished (the first one, or one per batch of changes).
    Built(&'a Rebuild),
    /// The watcher ran into a problem; watching goes on.
    Trouble(&'a WatchError),
}

/// The watch loop: a full build, then a rebuild for every batch of changes, each reported to
/// `on_update`, until `watcher` is stopped (see [`Watcher::stopper`], [`on_ctrl_c`]).
///
/// Only a problem with the first build's options (no site.yaml where `--source` points, an
/// output folder rounds may not use) ends the loop with an error. Content errors, and later
/// failures to build at all, are reported and the loop goes on: the last good output stays,
/// and the next good save recovers.
///
/// Each rebuild is incremental ([`crate::session::Session::rebuild`]): it redoes what the
/// changed paths touch and writes only the files whose bytes changed, which it reports.
pub fn run(
    opts: &BuildOptions,
    watcher: &mut Watcher,
    mut on_update: impl FnMut(Update<'_>),
) -> Result<(), UsageError> {
    let start = Instant::now();
    crate::options::check_out_dir(opts)?;
    crate::output::check_ownership(&opts.out)?;
    let mut session = crate::session::Session::load(opts)?;
    session.keep_hashes = true;
    let report = session.build()?;
    let first = Rebuild {
        changed: Vec::new(),
        removed: Vec::new(),
        result: Ok(report),
        outputs: Vec::new(),
        latency: start.elapsed(),
    };
    on_update(Update::Built(&first));
    loop {
        let batch = watcher.next_batch(None);
        for e in watcher.take_errors() {
            on_update(Update::Trouble(&e));
        }
        let Some(batch) = batch else {
            if watcher.is_stopped() {
                return Ok(());
            }
            continue;
        };
        // Only what the batch touches is re-read and re-rendered; only changed bytes are
        // written. A content error keeps the last good output.
        let (result, outputs) = match session.rebuild(&batch.paths) {
            Ok(r) => (Ok(r.report), r.outputs),
            Err(e) => (Err(e), Vec::new()),
        };
        let rebuild = Rebuild {
            outputs,
            latency: batch.first_event.elapsed(),
            changed: batch.paths,
            removed: batch.removed,
            result,
        };
        on_update(Update::Built(&rebuild));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Long enough for any batch in these tests; a passing test never waits for it.
    const LONG: Duration = Duration::from_secs(5);
    /// How long "nothing happens" is watched for, beyond the settle time.
    const QUIET: Duration = Duration::from_millis(200);
    /// The settle time of tests whose steps must land in one batch even on a loaded machine
    /// (where the test thread may stall for longer than the default settle time).
    const SLOW: WatchOptions = WatchOptions {
        debounce: Duration::from_millis(150),
        poll: false,
        poll_interval: Duration::ZERO,
    };

    struct Fixture {
        _dir: tempfile::TempDir,
        root: PathBuf,
        watcher: Watcher,
    }

    impl Fixture {
        fn new(files: &[(&str, &str)]) -> Fixture {
            Fixture::with(files, WatchOptions::default())
        }

        fn with(files: &[(&str, &str)], opts: WatchOptions) -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().canonicalize().unwrap().join("site");
            for (rel, text) in files {
                write(&root.join(rel), text);
            }
            fs::create_dir_all(&root).unwrap();
            let watcher =
                Watcher::new(std::slice::from_ref(&root), &[root.join("public")], opts).unwrap();
            Fixture { _dir: dir, root, watcher }
        }

        fn p(&self, rel: &str) -> PathBuf {
            self.root.join(rel)
        }

        fn write(&self, rel: &str, text: &str) {
            write(&self.p(rel), text);
        }

        fn batch(&mut self) -> Vec<String> {
            let batch = self.watcher.next_batch(Some(LONG)).expect("a batch of changes");
            self.rel(&batch.paths)
        }

        fn rel(&self, paths: &[PathBuf]) -> Vec<String> {
            paths
                .iter()
                .map(|p| p.strip_prefix(&self.root).unwrap().to_str().unwrap().to_string())
                .collect()
        }

        fn assert_quiet(&mut self) {
            let batch = self.watcher.next_batch(Some(QUIET + self.watcher.opts.debounce));
            assert!(batch.is_none(), "expected no batch, got {batch:?}");
        }
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_modified_file_is_a_change() {
        let mut f = Fixture::new(&[("articles/a.md", "one"), ("articles/b.md", "b")]);
        f.write("articles/a.md", "two");
        assert_eq!(f.batch(), ["articles/a.md"]);
        f.assert_quiet();
    }

    #[test]
    fn created_and_deleted_files_are_changes() {
        let mut f = Fixture::new(&[("articles/a.md", "a")]);
        f.write("articles/new.md", "new");
        assert_eq!(f.batch(), ["articles/new.md"]);
        fs::remove_file(f.p("articles/a.md")).unwrap();
        let batch = f.watcher.next_batch(Some(LONG)).unwrap();
        assert_eq!(f.rel(&batch.paths), ["articles/a.md"]);
        assert_eq!(f.rel(&batch.removed), ["articles/a.md"]);
    }

    #[test]
    fn a_rename_lists_both_names() {
        let mut f = Fixture::new(&[("articles/a.md", "a")]);
        fs::rename(f.p("articles/a.md"), f.p("articles/b.md")).unwrap();
        let batch = f.watcher.next_batch(Some(LONG)).unwrap();
        assert_eq!(f.rel(&batch.paths), ["articles/a.md", "articles/b.md"]);
        assert_eq!(f.rel(&batch.removed), ["articles/a.md"]);
    }

    #[test]
    fn a_renamed_folder_lists_its_files_under_both_names() {
        let mut f =
            Fixture::with(&[("articles/x/index.md", "x"), ("articles/x/pic.png", "p")], SLOW);
        fs::rename(f.p("articles/x"), f.p("articles/y")).unwrap();
        assert_eq!(
            f.batch(),
            [
                "articles/x/index.md",
                "articles/x/pic.png",
                "articles/y/index.md",
                "articles/y/pic.png"
            ]
        );
        // The renamed folder is still watched.
        f.write("articles/y/index.md", "y");
        assert_eq!(f.batch(), ["articles/y/index.md"]);
    }

    #[test]
    fn atomic_saves_give_the_real_file() {
        let mut f = Fixture::with(&[("articles/a.md", "v1")], SLOW);
        // Write a temp file and rename it over the original (VS Code, many libraries).
        f.write("articles/.a.md.tmp-123", "v2");
        fs::rename(f.p("articles/.a.md.tmp-123"), f.p("articles/a.md")).unwrap();
        assert_eq!(f.batch(), ["articles/a.md"]);

        // vim: probe file 4913, rename the original to a backup, write anew, drop the backup.
        f.write("articles/4913", "");
        fs::remove_file(f.p("articles/4913")).unwrap();
        fs::rename(f.p("articles/a.md"), f.p("articles/a.md~")).unwrap();
        f.write("articles/a.md", "v3");
        fs::remove_file(f.p("articles/a.md~")).unwrap();
        assert_eq!(f.batch(), ["articles/a.md"]);

        // JetBrains "safe write".
        f.write("articles/a.md___jb_tmp___", "v4");
        fs::rename(f.p("articles/a.md"), f.p("articles/a.md___jb_old___")).unwrap();
        fs::rename(f.p("articles/a.md___jb_tmp___"), f.p("articles/a.md")).unwrap();
        fs::remove_file(f.p("articles/a.md___jb_old___")).unwrap();
        assert_eq!(f.batch(), ["articles/a.md"]);

        // Emacs: lock link, autosave file, backup.
        f.write("articles/.#a.md", "lock");
        f.write("articles/#a.md#", "autosave");
        fs::copy(f.p("articles/a.md"), f.p("articles/a.md~")).unwrap();
        f.write("articles/a.md", "v5");
        assert_eq!(f.batch(), ["articles/a.md"]);
        f.assert_quiet();
    }

    #[test]
    fn temp_hidden_and_output_files_are_ignored() {
        let mut f = Fixture::new(&[("articles/a.md", "a")]);
        for rel in [
            "articles/a.md.swp",
            "articles/.a.md.swx",
            "articles/a.md~",
            "articles/#a.md#",
            "articles/.#a.md",
            "articles/x.tmp",
            "articles/a.md.kate-swp",
            "articles/a.md___jb_tmp___",
            "articles/a.md.bck",
            ".git/index",
            ".hidden.md",
            "articles/.drafts/b.md",
            "public/index.html",
            "public/articles/a/index.html",
        ] {
            f.write(rel, "x");
        }
        f.assert_quiet();
    }

    #[test]
    fn saves_that_keep_the_bytes_are_not_changes() {
        let mut f = Fixture::with(&[("articles/a.md", "same")], SLOW);
        f.write("articles/a.md", "same");
        // A metadata-only change.
        let file = fs::File::options().write(true).open(f.p("articles/a.md")).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(60)).unwrap();
        drop(file);
        // Bytes changed and changed back before the batch settled.
        f.write("articles/a.md", "different");
        f.write("articles/a.md", "same");
        f.assert_quiet();
    }

    #[test]
    fn a_burst_of_200_files_is_one_batch() {
        let mut f = Fixture::with(&[("articles/seed.md", "s")], SLOW);
        for i in 0..200 {
            f.write(&format!("articles/a{i:03}.md"), &format!("article {i}"));
        }
        let paths = f.batch();
        assert_eq!(paths.len(), 200, "{paths:?}");
        assert_eq!(paths[0], "articles/a000.md");
        f.assert_quiet();
    }

    #[test]
    fn a_git_checkout_of_300_files_is_one_batch() {
        let mut f = Fixture::with(&[], SLOW);
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .args([
                    "-c",
                    "user.name=t",
                    "-c",
                    "user.email=t@t",
                    "-c",
                    "init.defaultBranch=main",
                ])
                .args(args)
                .current_dir(&f.root)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !git(&["init", "-q"]) {
            eprintln!("git is not available; skipped");
            return;
        }
        for i in 0..300 {
            f.write(&format!("articles/a{i:03}.md"), &format!("version 1 of {i}"));
        }
        assert!(git(&["add", "-A"]) && git(&["commit", "-qm", "v1"]));
        assert!(git(&["checkout", "-qb", "edits"]));
        for i in 0..300 {
            f.write(&format!("articles/a{i:03}.md"), &format!("version 2 of {i}"));
        }
        assert!(git(&["commit", "-qam", "v2"]));
        // Drain the batches of the setup (they may be several: git's own pauses).
        while f.watcher.next_batch(Some(QUIET + SLOW.debounce)).is_some() {}
        assert!(git(&["checkout", "-q", "main"]));
        let paths = f.batch();
        assert_eq!(paths.len(), 300, "{paths:?}");
        f.assert_quiet();
    }

    #[test]
    fn changes_made_while_busy_come_out_as_one_batch() {
        let debounce = Duration::from_millis(100);
        let opts = WatchOptions { debounce, ..WatchOptions::default() };
        let mut f = Fixture::with(&[("a.md", "a"), ("b.md", "b"), ("c.md", "c")], opts);
        // Three saves, each its own burst, while the caller is busy rebuilding.
        for rel in ["a.md", "b.md", "c.md"] {
            f.write(rel, "changed");
            std::thread::sleep(debounce + Duration::from_millis(20));
        }
        let start = Instant::now();
        assert_eq!(f.batch(), ["a.md", "b.md", "c.md"]);
        // The backlog had settled already: it is handed out without waiting again.
        assert!(start.elapsed() < debounce, "{:?}", start.elapsed());
        f.assert_quiet();
    }

    #[test]
    fn new_folders_are_watched() {
        let mut f = Fixture::new(&[("articles/a.md", "a")]);
        // The file is written right after the folder, before any watch on it can be set up.
        f.write("articles/new/deeper/index.md", "new");
        assert_eq!(f.batch(), ["articles/new/deeper/index.md"]);
        f.write("articles/new/deeper/index.md", "edited");
        assert_eq!(f.batch(), ["articles/new/deeper/index.md"]);
        f.write("articles/new/deeper/pic.png", "png");
        assert_eq!(f.batch(), ["articles/new/deeper/pic.png"]);
    }

    #[test]
    fn a_removed_folder_lists_its_files() {
        let mut f = Fixture::new(&[("articles/x/index.md", "x"), ("articles/y.md", "y")]);
        fs::remove_dir_all(f.p("articles/x")).unwrap();
        assert_eq!(f.batch(), ["articles/x/index.md"]);
    }

    #[test]
    fn polling_works() {
        let opts = WatchOptions {
            poll: true,
            poll_interval: Duration::from_millis(50),
            ..WatchOptions::default()
        };
        let mut f = Fixture::with(&[("articles/a.md", "a"), ("articles/b.md", "b")], opts);
        f.write("articles/a.md", "changed, and longer");
        f.write("articles/c.md", "new");
        fs::remove_file(f.p("articles/b.md")).unwrap();
        let mut seen = BTreeSet::new();
        // A poll may land in the middle of the three steps; collect until all are seen.
        while seen.len() < 3 {
            seen.extend(f.batch());
        }
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            ["articles/a.md", "articles/b.md", "articles/c.md"]
        );
        f.write("articles/.hidden", "x");
        f.write("articles/c.md", "new");
        f.assert_quiet();
    }

    #[test]
    fn a_stopper_wakes_a_waiting_watcher() {
        let mut f = Fixture::new(&[("a.md", "a")]);
        let stopper = f.watcher.stopper();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            stopper.stop();
        });
        let start = Instant::now();
        assert!(f.watcher.next_batch(None).is_none());
        assert!(f.watcher.is_stopped());
        assert!(start.elapsed() < LONG);
        t.join().unwrap();
    }

    /// What watching 10,000 articles costs: the start (watches and hashes) and one save.
    /// `cargo test --lib watch::tests::watching_10k_files -- --ignored --nocapture`
    #[test]
    #[ignore = "a measurement, not a check"]
    fn watching_10k_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let body = "Lorem ipsum dolor sit amet. ".repeat(200);
        for i in 0..10_000 {
            write(&root.join(format!("articles/{:02}/a{i}.md", i % 50)), &body);
        }
        let start = Instant::now();
        let mut w =
            Watcher::new(std::slice::from_ref(&root), &[], WatchOptions::default()).unwrap();
        println!(
            "start on 10,000 files of 5.6 kB: {:.0} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
        let mut times = Vec::new();
        for i in 0..20 {
            let start = Instant::now();
            write(&root.join("articles/07/a7.md"), &format!("{body} {i}"));
            w.next_batch(Some(LONG)).unwrap();
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "save to batch: median {:.1} ms, max {:.1} ms",
            times[10].as_secs_f64() * 1000.0,
            times[19].as_secs_f64() * 1000.0
        );
    }

    /// The latency batching adds: from a save to the batch being handed out.
    /// `cargo test --lib watch::tests::batching_latency -- --ignored --nocapture`
    #[test]
    #[ignore = "a measurement, not a check"]
    fn batching_latency() {
        for (name, opts) in [
            ("native, 40 ms", WatchOptions::default()),
            (
                "native, 10 ms",
                WatchOptions { debounce: Duration::from_millis(10), ..Default::default() },
            ),
        ] {
            let mut f = Fixture::with(&[("articles/a.md", "a")], opts);
            let mut plain = Vec::new();
            let mut atomic = Vec::new();
            for i in 0..20 {
                let start = Instant::now();
                f.write("articles/a.md", &format!("plain save {i}"));
                f.watcher.next_batch(Some(LONG)).unwrap();
                plain.push(start.elapsed());
                let start = Instant::now();
                f.write("articles/a.md___jb_tmp___", &format!("atomic save {i}"));
                fs::rename(f.p("articles/a.md___jb_tmp___"), f.p("articles/a.md")).unwrap();
                f.watcher.next_batch(Some(LONG)).unwrap();
                atomic.push(start.elapsed());
            }
            for (kind, mut v) in [("plain", plain), ("atomic", atomic)] {
                v.sort();
                println!(
                    "{name}, {kind} save: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
                    v[v.len() / 2].as_secs_f64() * 1000.0,
                    v[v.len() * 95 / 100].as_secs_f64() * 1000.0,
                    v[v.len() - 1].as_secs_f64() * 1000.0
                );
            }
        }
    }
}
