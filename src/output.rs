//! Output: write the rendered files to disk, only what changed, never half-written.
//!
//! Input: the output folder and every file of the site. Output: the folder holding exactly
//! those files (plus any file a person put there by hand), and a count of what was written.
//!
//! How a build stays safe:
//! - every path is checked ([`OutputPath`]): no absolute paths, no `..`, no empty parts, so
//!   nothing is ever written outside the output folder;
//! - the folder is rounds' own: it holds a `.rounds-manifest` listing what rounds wrote, and a
//!   non-empty folder without one is refused, so a wrong `--out` cannot wipe someone's files;
//! - when anything changed, the new site is staged in a sibling folder (unchanged files are
//!   hard links, so they cost no copy) and swapped in: in one exchange on Linux, so there is
//!   never a moment without the folder, else with two renames. A crash leaves either the old
//!   site or the new one; [`recover`] finishes an interrupted swap on the next run and removes
//!   what killed builds left beside the folder;
//! - when nothing changed, nothing is touched at all;
//! - files that rounds wrote before and no longer produces are dropped; files it did not write
//!   are carried over.
//!
//! Watch mode uses [`write_in_place`] instead: per-file atomic writes (temp file + rename) of
//! the files whose bytes changed, so a save costs only what it changed.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A file to write: its path in the output folder (`/`-separated, no leading `/`) and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `articles/statins/index.html`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// The file in the output folder that lists what rounds wrote there.
pub const MANIFEST: &str = ".rounds-manifest";
const MANIFEST_HEADER: &str = "# rounds output manifest v1: files written by rounds; do not edit";

/// An absolute, canonical form of a path that may not exist (yet, or any more): the part
/// that exists is canonicalized (symbolic links resolved) and the rest appended.
pub fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut c = existing.canonicalize().unwrap_or(existing);
    c.extend(rest.into_iter().rev());
    c
}

/// A validated path inside the output folder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

impl OutputPath {
    /// Checks that `path` is relative, `/`-separated, and cannot leave the output folder.
    pub fn new(path: &str) -> Result<OutputPath, OutputError> {
        let bad = path.is_empty()
            || path.starts_with('/')
            || path.contains('\\')
            || path.contains('\0')
            || path.split('/').any(|part| part.is_empty() || part == "." || part == "..")
            || Path::new(path).components().any(|c| !matches!(c, Component::Normal(_)));
        if bad {
            return Err(OutputError::BadPath(path.to_string()));
        }
        Ok(OutputPath(path.to_string()))
    }

    /// The path as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A path that would leave the output folder (a bug or a hostile theme).
    #[error("refusing to write `{0}`: it is not a plain path inside the output folder")]
    BadPath(String),
    /// Two outputs want the same path.
    #[error("two files would be written to `{0}`")]
    Duplicate(String),
    /// The folder holds files rounds did not write.
    #[error(
        "refusing to write into {0}: it is not empty and rounds did not create it (no {MANIFEST} file); choose an empty or new folder with --out"
    )]
    NotOurs(PathBuf),
    /// The disk said no.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose bytes changed (or are new).
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files rounds wrote before and no longer produces.
    pub removed: usize,
}

/// True when `out` may be written: it does not exist, is empty, or has our manifest.
pub fn check_ownership(out: &Path) -> Result<(), OutputError> {
    match fs::read_dir(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io { path: out.to_path_buf(), source: e }),
        Ok(mut entries) => {
            if entries.next().is_none() || out.join(MANIFEST).is_file() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(out.to_path_buf()))
            }
        }
    }
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Finishes or undoes a swap that a crash interrupted: if the output folder is missing but a
/// staged or old copy of it is next to it, puts it back; removes other leftovers.
pub fn recover(out: &Path) -> Result<(), OutputError> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name().and_then(|n| n.to_str()))
    else {
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    let mut staged = Vec::new();
    let mut old = Vec::new();
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else { continue };
        if let Some(rest) = n.strip_prefix(&format!(".{name}.")) {
            // Folders that carry our manifest are ours to move or delete; so is a staged folder
            // that a killed build left before writing its manifest (one was 11 GB), known by
            // its name and by its process being gone.
            let complete = e.path().join(MANIFEST).is_file();
            if !(complete || (rest.starts_with("new-") && abandoned(rest))) {
                continue;
            }
            if !complete {
                fs::remove_dir_all(e.path()).map_err(io_err(&e.path()))?;
                continue;
            }
            if rest.starts_with("new-") {
                staged.push(e.path());
            } else if rest.starts_with("old-") {
                old.push(e.path());
            }
        }
    }
    if !out.exists() {
        // Interrupted between the two renames: the staged site is complete, use it.
        if let Some(s) = staged.pop() {
            fs::rename(&s, out).map_err(io_err(out))?;
        } else if let Some(o) = old.pop() {
            fs::rename(&o, out).map_err(io_err(out))?;
        }
    }
    for leftover in staged.into_iter().chain(old) {
        fs::remove_dir_all(&leftover).map_err(io_err(&leftover))?;
    }
    Ok(())
}

/// True when `tag` (`new-<pid>`) names a process that is no longer running. Only where
/// `/proc` tells; elsewhere an incomplete staged folder is left alone.
fn abandoned(tag: &str) -> bool {
    let Some(pid) = tag.split_once('-').and_then(|(_, p)| p.parse::<u32>().ok()) else {
        return false;
    };
    let proc = Path::new("/proc");
    pid != std::process::id() && proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Puts `staged` in place of `out` in one step where the system can (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), so that there is no moment without an output folder; the old site is
/// then at `staged`. Returns false where the exchange is not available.
#[cfg(target_os = "linux")]
fn exchange(staged: &Path, out: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_staged: &Path, _out: &Path) -> bool {
    false
}

/// The files rounds wrote into `out` last time (from its manifest).
pub fn read_manifest(out: &Path) -> BTreeSet<String> {
    fs::read_to_string(out.join(MANIFEST))
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(|l| l.split('\t').next().unwrap_or(l).to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// What each page was rendered from, by output path (see `render::fingerprint`).
pub type Fingerprints<'a> = &'a dyn Fn(&str) -> Option<u64>;

/// The manifest: one line per file, `path` or `path<TAB>fingerprint` for pages, whose
/// fingerprint says what they were rendered from (a later build trusts it and skips them).
fn manifest_bytes<'a>(
    paths: impl IntoIterator<Item = &'a String>,
    fingerprints: Fingerprints<'_>,
) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut s = String::from(MANIFEST_HEADER);
    s.push('\n');
    for p in paths {
        s.push_str(p);
        if let Some(fp) = fingerprints(p) {
            let _ = write!(s, "\t{fp:016x}");
        }
        s.push('\n');
    }
    s.into_bytes()
}

/// The page fingerprints recorded in `out`'s manifest, for the pages still on disk.
pub fn read_fingerprints(out: &Path) -> HashMap<String, u64> {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else { return HashMap::new() };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (path, fp) = l.split_once('\t')?;
            let fp = u64::from_str_radix(fp, 16).ok()?;
            OutputPath::new(path).ok()?;
            out.join(path).is_file().then(|| (path.to_string(), fp))
        })
        .collect()
}

/// True when the file at `path` has exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

/// Every file under `dir`, as `/`-separated relative paths (the manifest excluded).
fn existing_files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let s = rel.iter().map(|p| p.to_str()).collect::<Option<Vec<_>>>()?.join("/");
            (s != MANIFEST).then_some(s)
        })
        .collect()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let mut f = fs::File::create(path).map_err(io_err(path))?;
    f.write_all(bytes).map_err(io_err(path))
}

/// Writes the whole site into `out` (a full build). See the module docs for the guarantees.
pub fn write(out: &Path, files: Vec<OutputFile>) -> Result<WriteReport, OutputError> {
    let writer = StagedWriter::begin(out)?;
    for f in files {
        writer.put(f);
    }
    writer.finish(&|_| None)
}

/// A full build's writer: files arrive one by one, from any thread, while the site renders
/// (so the site never has to be held in memory whole); changed files go to a folder staged
/// next to the output, and [`StagedWriter::finish`] swaps it in only if something changed.
pub struct StagedWriter {
    out: PathBuf,
    staged: PathBuf,
    /// What rounds wrote last time (from the manifest).
    previous: BTreeSet<String>,
    /// Files in the output folder now.
    present: BTreeSet<String>,
    state: Mutex<WriterState>,
}

#[derive(Default)]
struct WriterState {
    produced: BTreeSet<String>,
    changed: BTreeSet<String>,
    error: Option<OutputError>,
    staged_created: bool,
}

impl StagedWriter {
    /// Prepares to write into `out`: finishes an interrupted swap, checks that the folder is
    /// rounds' own, and lists what is there.
    pub fn begin(out: &Path) -> Result<StagedWriter, OutputError> {
        recover(out)?;
        check_ownership(out)?;
        let staged = sibling(out, "new");
        if staged.exists() {
            fs::remove_dir_all(&staged).map_err(io_err(&staged))?;
        }
        Ok(StagedWriter {
            previous: read_manifest(out),
            present: if out.exists() { existing_files(out) } else { BTreeSet::new() },
            out: out.to_path_buf(),
            staged,
            state: Mutex::new(WriterState::default()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WriterState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn fail(&self, e: OutputError) {
        let mut state = self.lock();
        if state.error.is_none() {
            state.error = Some(e);
        }
    }

    /// Takes one file: leaves it for a hard link when its bytes are already on disk, else
    /// writes it into the staged folder. Problems are reported by [`StagedWriter::finish`].
    pub fn put(&self, file: OutputFile) {
        let path = match OutputPath::new(&file.path) {
            Ok(p) if p.as_str() != MANIFEST => p,
            Ok(_) => return self.fail(OutputError::BadPath(file.path)),
            Err(e) => return self.fail(e),
        };
        if !self.lock().produced.insert(path.0.clone()) {
            return self.fail(OutputError::Duplicate(path.0));
        }
        let same = self.present.contains(path.as_str())
            && same_bytes(&self.out.join(path.as_str()), &file.bytes);
        if same {
            return;
        }
        self.lock().staged_created = true;
        if let Err(e) = write_file(&self.staged.join(path.as_str()), &file.bytes) {
            return self.fail(e);
        }
        self.lock().changed.insert(path.0);
    }

    /// Takes a page that was not rendered again because its inputs did not change: the file
    /// on disk is kept as it is.
    pub fn keep(&self, path: &str) {
        match OutputPath::new(path) {
            Ok(p) if self.present.contains(p.as_str()) => {
                if !self.lock().produced.insert(p.0.clone()) {
                    self.fail(OutputError::Duplicate(p.0));
                }
            }
            Ok(p) => self.fail(OutputError::Io {
                path: self.out.join(p.as_str()),
                source: io::Error::new(io::ErrorKind::NotFound, "a page to keep is missing"),
            }),
            Err(e) => self.fail(e),
        }
    }

    /// Completes the write: when anything changed, links the unchanged files and any file a
    /// person put in the folder into the staged copy, writes the manifest and swaps the staged
    /// copy in. When nothing changed, touches nothing. On any error the output folder is left
    /// exactly as it was.
    pub fn finish(self, fingerprints: Fingerprints<'_>) -> Result<WriteReport, OutputError> {
        let state = std::mem::take(&mut *self.lock());
        if let Some(e) = state.error {
            let _ = fs::remove_dir_all(&self.staged);
            return Err(e);
        }
        let mut report = WriteReport {
            written: state.changed.len(),
            unchanged: state.produced.len() - state.changed.len(),
            removed: 0,
        };
        let stale: Vec<&String> = self
            .previous
            .iter()
            .filter(|p| self.present.contains(*p) && !state.produced.contains(*p))
            .collect();
        report.removed = stale.len();
        let manifest = manifest_bytes(&state.produced, fingerprints);
        if state.changed.is_empty() && stale.is_empty() {
            // Every page is as it was; at most the manifest's fingerprints changed, and that
            // one file is replaced atomically without touching the others.
            if state.staged_created {
                let _ = fs::remove_dir_all(&self.staged);
            }
            if !same_bytes(&self.out.join(MANIFEST), &manifest) {
                atomic_write(&self.out.join(MANIFEST), &manifest)?;
            }
            return Ok(report);
        }
        let result = (|| {
            fs::create_dir_all(&self.staged).map_err(io_err(&self.staged))?;
            // Unchanged files are hard links to the current ones: no copy, same bytes.
            for path in state.produced.iter().filter(|p| !state.changed.contains(*p)) {
                link_or_copy(&self.out.join(path), &self.staged.join(path))?;
            }
            // Files a person put in the folder are carried over, never deleted.
            for foreign in self
                .present
                .iter()
                .filter(|p| !self.previous.contains(*p) && !state.produced.contains(*p))
            {
                link_or_copy(&self.out.join(foreign), &self.staged.join(foreign))?;
            }
            write_file(&self.staged.join(MANIFEST), &manifest)
        })();
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&self.staged);
            return Err(e);
        }
        let out = &self.out;
        if out.exists() && exchange(&self.staged, out) {
            // The old site is now in the staged folder's place.
            fs::remove_dir_all(&self.staged).map_err(io_err(&self.staged))?;
        } else if out.exists() {
            let old = sibling(out, "old");
            fs::rename(out, &old).map_err(io_err(out))?;
            fs::rename(&self.staged, out).map_err(io_err(out))?;
            fs::remove_dir_all(&old).map_err(io_err(&old))?;
        } else {
            if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::rename(&self.staged, out).map_err(io_err(out))?;
        }
        Ok(report)
    }

    /// Gives up: removes the staged folder; the output folder is untouched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staged);
    }
}

fn link_or_copy(from: &Path, to: &Path) -> Result<(), OutputError> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(io_err(to))?;
    }
    Ok(())
}

/// Writes only the files whose bytes differ from `previous` (path -> bytes hash), each
/// atomically, and deletes files in `previous` that are no longer produced (watch mode).
/// `unchanged` names files that are still produced but were not rendered again because their
/// inputs did not change: they stay as they are.
pub fn write_in_place(
    out: &Path,
    files: &[OutputFile],
    unchanged: &[String],
    fingerprints: Fingerprints<'_>,
    previous: &mut crate::hashing::Map<String, u64>,
) -> Result<(WriteReport, Vec<String>), OutputError> {
    fs::create_dir_all(out).map_err(io_err(out))?;
    let mut report = WriteReport::default();
    let mut changed_paths = Vec::new();
    // `previous` is updated in place: in watch mode it holds every page of the site, and a
    // save changes a handful of them.
    for f in files {
        let path = OutputPath::new(&f.path)?;
        let hash = crate::hashing::fingerprint(&f.bytes[..]);
        let target = out.join(path.as_str());
        if previous.get(path.as_str()) == Some(&hash) && target.is_file() {
            report.unchanged += 1;
        } else {
            atomic_write(&target, &f.bytes)?;
            report.written += 1;
            changed_paths.push(f.path.clone());
            match previous.get_mut(path.as_str()) {
                Some(h) => *h = hash,
                None => {
                    previous.insert(f.path.clone(), hash);
                }
            }
        }
    }
    let produced: crate::hashing::Set<&str> =
        files.iter().map(|f| f.path.as_str()).chain(unchanged.iter().map(String::as_str)).collect();
    report.unchanged += unchanged.iter().filter(|p| previous.contains_key(p.as_str())).count();
    let stale: Vec<String> =
        previous.keys().filter(|p| !produced.contains(p.as_str())).cloned().collect();
    for old in stale {
        previous.remove(&old);
        let p = out.join(OutputPath::new(&old)?.as_str());
        if p.is_file() {
            fs::remove_file(&p).map_err(io_err(&p))?;
            report.removed += 1;
            changed_paths.push(old);
            // Remove folders left empty (an article's folder).
            let mut dir = p.parent();
            while let Some(d) = dir.filter(|d| *d != out) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }
    let mut paths: Vec<&String> = previous.keys().collect();
    paths.sort_unstable();
    let manifest = manifest_bytes(paths, fingerprints);
    if !same_bytes(&out.join(MANIFEST), &manifest) {
        atomic_write(&out.join(MANIFEST), &manifest)?;
    }
    Ok((report, changed_paths))
}

/// Writes `bytes` to a temp file next to `path`, then renames it over `path`.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = parent.join(format!(".{name}.rounds-tmp-{}", std::process::id()));
    write_file(&tmp, bytes)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        OutputError::Io { path: path.to_path_buf(), source: e }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn paths_cannot_leave_the_folder() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", "./a"] {
            assert!(OutputPath::new(bad).is_err(), "{bad}");
        }
        assert!(OutputPath::new("articles/x/index.html").is_ok());
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let r =
            write(&out, vec![file("index.html", "a"), file("articles/x/index.html", "x")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (2, 0, 0));
        let mtime = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = mtime("index.html");
        // A hand-made file is kept.
        fs::write(out.join("CNAME"), "example.org").unwrap();
        let r =
            write(&out, vec![file("index.html", "a"), file("articles/y/index.html", "y")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 1, 1));
        assert!(!out.join("articles/x/index.html").exists());
        assert!(out.join("articles/y/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "example.org");
        assert_eq!(mtime("index.html"), before);
        // Nothing changed: nothing written, the folder is not even swapped.
        let r =
            write(&out, vec![file("index.html", "a"), file("articles/y/index.html", "y")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (0, 2, 0));
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let err = write(dir.path(), vec![file("index.html", "a")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert_eq!(fs::read_to_string(dir.path().join("precious.txt")).unwrap(), "keep");
        assert!(!dir.path().join("index.html").exists());
    }

    #[test]
    fn recovers_an_interrupted_swap() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, vec![file("index.html", "new")]).unwrap();
        // Simulate a crash after `out` was moved away and before the staged copy moved in.
        let staged = dir.path().join(".public.new-999");
        fs::rename(&out, &staged).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(!staged.exists());
    }

    #[test]
    fn in_place_writes_only_changed_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut prev = crate::hashing::Map::default();
        let (r, _) = write_in_place(
            &out,
            &[file("a/index.html", "1"), file("b.css", "x")],
            &[],
            &|_| None,
            &mut prev,
        )
        .unwrap();
        assert_eq!(r.written, 2);
        let (r, changed) =
            write_in_place(&out, &[file("a/index.html", "2")], &[], &|_| None, &mut prev).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 0, 1));
        assert_eq!(changed, ["a/index.html", "b.css"]);
        assert!(!out.join("b.css").exists());
    }
}
