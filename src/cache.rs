//! The build cache: rendered article bodies kept between runs of `rounds build`.
//!
//! Input: the bodies a build rendered, with what each depends on (the article's text, the
//! bibliography items it cites, the build's date, the `rounds` executable), and each article's
//! privacy findings with the key they were found under. Output: a file
//! next to the output folder (`.public.rounds-cache`, never inside it, so it is not
//! published), read back by the next build so that an article whose text and sources did not
//! change is not rendered again.
//!
//! The cache is only ever an optimisation: an entry is used only when every input matches
//! exactly, a file that cannot be read or parsed (another version, a crash mid-write) is
//! ignored, and it is written atomically (temp file + rename). Deleting it is always safe.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::cite::Bibliography;
use crate::diag::{Diagnostic, Severity, SourceText, Span};
use crate::hashing::hasher;
use crate::markdown::RenderedBody;

/// Bumped whenever the layout of a cached entry changes.
const FORMAT: u32 = 3;

/// Where the cache of output folder `out` lives: a hidden file beside it.
pub fn path_for(out: &Path) -> PathBuf {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    out.with_file_name(format!(".{name}.rounds-cache"))
}

/// What every entry depends on besides its own inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Context {
    format: u32,
    /// The executable's size and modification time: another build of rounds may render
    /// differently, so its cache is not trusted.
    executable: Option<(u64, u128)>,
    /// The build's "today" (some findings depend on it).
    now: String,
}

impl Context {
    fn current(now: Date) -> Context {
        let executable = std::env::current_exe().and_then(std::fs::metadata).ok().and_then(|m| {
            let t = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            Some((m.len(), t.as_nanos()))
        });
        Context { format: FORMAT, executable, now: now.to_string() }
    }
}

/// A finding as stored (its file is the article's, attached again when read back).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredDiagnostic {
    severity: Severity,
    code: String,
    message: String,
    span: Option<Span>,
    label: Option<String>,
    help: Option<String>,
}

/// One article's rendered body and what it was rendered from, as written (borrowing the
/// body, so saving copies nothing).
#[derive(Serialize)]
pub struct EntryRef<'a> {
    rel: String,
    source_hash: u64,
    cites: Vec<(String, Option<u64>)>,
    bibliography: Option<u64>,
    body: &'a RenderedBody,
    diagnostics: Vec<StoredDiagnostic>,
    privacy: Option<(u64, Vec<StoredDiagnostic>)>,
}

/// One article's rendered body and what it was rendered from, as read back. The field order
/// is [`EntryRef`]'s.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The article's path relative to the content folder.
    pub rel: String,
    /// Hash of the article's text.
    pub source_hash: u64,
    /// The bibliography items it cites, with their fingerprints then.
    cites: Vec<(String, Option<u64>)>,
    /// The fingerprint of the whole bibliography then, when it cited a key that was missing
    /// (any change to the bibliography may fix that).
    bibliography: Option<u64>,
    /// The body.
    pub body: RenderedBody,
    diagnostics: Vec<StoredDiagnostic>,
    /// The privacy check's findings and the key they were found under
    /// ([`crate::check::patients::Cache`]).
    privacy: Option<(u64, Vec<StoredDiagnostic>)>,
}

impl<'a> EntryRef<'a> {
    /// An entry for a rendered body.
    pub fn new(
        rel: &Path,
        source_hash: u64,
        body: &'a RenderedBody,
        diagnostics: &[Diagnostic],
        bib: &Bibliography,
    ) -> EntryRef<'a> {
        let had_unknown = diagnostics.iter().any(|d| d.code == "cite.unknown_key");
        EntryRef {
            rel: rel.to_string_lossy().into_owned(),
            source_hash,
            cites: body
                .references
                .iter()
                .map(|r| (r.key.clone(), bib.fingerprint(&r.key)))
                .collect(),
            bibliography: had_unknown.then(|| fingerprint(bib)),
            body,
            diagnostics: store(diagnostics),
            privacy: None,
        }
    }

    /// The same entry with the article's privacy findings and their key.
    pub fn with_privacy(mut self, privacy: Option<(u64, &[Diagnostic])>) -> EntryRef<'a> {
        self.privacy = privacy.map(|(key, found)| (key, store(found)));
        self
    }
}

fn store(diagnostics: &[Diagnostic]) -> Vec<StoredDiagnostic> {
    diagnostics
        .iter()
        .map(|d| StoredDiagnostic {
            severity: d.severity,
            code: d.code.to_string(),
            message: d.message.clone(),
            span: d.span,
            label: d.label.clone(),
            help: d.help.clone(),
        })
        .collect()
}

fn restore(stored: &[StoredDiagnostic], file: &SourceText) -> Vec<Diagnostic> {
    stored
        .iter()
        .map(|d| {
            let mut diag = Diagnostic::new(d.severity, "", d.message.clone());
            diag.code = Cow::Owned(d.code.clone());
            diag = match d.span {
                Some(span) => diag.at(file, span),
                None => diag.in_file(file),
            };
            diag.label.clone_from(&d.label);
            diag.help.clone_from(&d.help);
            diag
        })
        .collect()
}

impl Entry {
    /// True when this entry was rendered from exactly these inputs.
    pub fn still_valid(&self, source_hash: u64, bib: &Bibliography, bib_fp: u64) -> bool {
        self.source_hash == source_hash
            && self.cites.iter().all(|(key, fp)| bib.fingerprint(key) == *fp)
            && self.bibliography.is_none_or(|fp| fp == bib_fp)
    }

    /// The entry's findings, attached to the article's file.
    pub fn diagnostics(&self, file: &SourceText) -> Vec<Diagnostic> {
        restore(&self.diagnostics, file)
    }

    /// The article's privacy findings, attached to its file, with the key they were found
    /// under (the caller compares it with the current one).
    pub fn privacy(&self, file: &SourceText) -> Option<(u64, Vec<Diagnostic>)> {
        self.privacy.as_ref().map(|(key, found)| (*key, restore(found, file)))
    }
}

/// A fingerprint of the whole bibliography.
pub fn fingerprint(bib: &Bibliography) -> u64 {
    let mut h = hasher();
    for key in bib.keys() {
        (key, bib.fingerprint(key)).hash(&mut h);
    }
    h.finish()
}

/// Entries per chunk: chunks are encoded and decoded in parallel.
const CHUNK: usize = 256;

/// Reads the cache beside `out`, if it was written by this rounds for the same day and the
/// output folder it belongs to still exists. Returns the entries by article path.
///
/// The file is the encoded [`Context`], then chunks of entries, each prefixed by its length
/// as 8 little-endian bytes.
pub fn load(out: &Path, now: Date) -> HashMap<String, Entry> {
    use rayon::prelude::*;
    use std::io::Read;
    if !out.join(crate::output::MANIFEST).is_file() {
        return HashMap::new();
    }
    let Ok(file) = std::fs::File::open(path_for(out)) else { return HashMap::new() };
    // No chunk can be longer than the file: a damaged length must not ask for the moon.
    let size = file.metadata().map_or(0, |m| m.len());
    let mut file = std::io::BufReader::new(file);
    // The header is small: read enough for it, decode it, and keep what follows.
    let mut head = vec![0u8; 256];
    let Ok(n) = file.read(&mut head) else { return HashMap::new() };
    head.truncate(n);
    let Ok((context, rest)) = postcard::take_from_bytes::<Context>(&head) else {
        return HashMap::new();
    };
    if context != Context::current(now) {
        return HashMap::new();
    }
    let mut pending = std::io::Cursor::new(rest.to_vec()).chain(file);
    let mut entries = HashMap::new();
    // Read a few chunks at a time and decode them in parallel, so the file is never held in
    // memory whole.
    loop {
        let mut group = Vec::new();
        while group.len() < 8 {
            let mut len = [0u8; 8];
            match pending.read_exact(&mut len) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(_) => return HashMap::new(),
            }
            let len = u64::from_le_bytes(len);
            if len > size {
                return HashMap::new();
            }
            let mut chunk = vec![0u8; len as usize];
            if pending.read_exact(&mut chunk).is_err() {
                return HashMap::new();
            }
            group.push(chunk);
        }
        if group.is_empty() {
            return entries;
        }
        let decoded: Option<Vec<Vec<Entry>>> =
            group.par_iter().map(|c| postcard::from_bytes::<Vec<Entry>>(c).ok()).collect();
        let Some(decoded) = decoded else { return HashMap::new() };
        entries.extend(decoded.into_iter().flatten().map(|e| (e.rel.clone(), e)));
    }
}

/// Writes the cache beside `out` (atomically), encoding chunks in parallel and streaming
/// them to disk so the cache is never held in memory whole. A failure is not an error: the
/// next build is merely slower.
pub fn save(out: &Path, now: Date, entries: &[EntryRef<'_>]) {
    use rayon::prelude::*;
    use std::io::Write;
    let path = path_for(out);
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let header = postcard::to_stdvec(&Context::current(now)).map_err(std::io::Error::other)?;
        file.write_all(&header)?;
        // A few chunks per core at a time: parallel, but only a few megabytes in memory.
        for group in entries.chunks(CHUNK * 8) {
            let chunks: Result<Vec<Vec<u8>>, _> =
                group.par_chunks(CHUNK).map(postcard::to_stdvec).collect();
            for c in chunks.map_err(std::io::Error::other)? {
                file.write_all(&(c.len() as u64).to_le_bytes())?;
                file.write_all(&c)?;
            }
        }
        file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_a_round_trip_and_notice_changed_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(crate::output::MANIFEST), "").unwrap();
        let now = Date::constant(2026, 11, 26);
        let file = SourceText::new("content/articles/a.md", "---\ntitle: x\n---\nBody [@nope].\n");
        let mut body =
            RenderedBody { html: "<p>Body</p>".into(), words: 1, ..RenderedBody::default() };
        body.seal();
        let diags = vec![
            Diagnostic::error("cite.unknown_key", "no reference has the key `nope`")
                .at(&file, 24..28)
                .with_help("add it"),
        ];
        let bib = Bibliography::default();
        save(&out, now, &[EntryRef::new(Path::new("articles/a.md"), 7, &body, &diags, &bib)]);
        assert!(path_for(&out).ends_with(".public.rounds-cache"));
        let loaded = load(&out, now);
        let entry = &loaded["articles/a.md"];
        assert_eq!(entry.body, body);
        assert!(entry.still_valid(7, &bib, fingerprint(&bib)));
        assert!(!entry.still_valid(8, &bib, fingerprint(&bib)));
        assert!(!entry.still_valid(7, &bib, fingerprint(&bib) ^ 1), "a missing key may now exist");
        let back = entry.diagnostics(&file);
        assert_eq!(back[0].code, "cite.unknown_key");
        assert_eq!(back[0].location(), "content/articles/a.md:4:8");
        assert_eq!(back[0].help.as_deref(), Some("add it"));
        // Another day, another cache.
        assert!(load(&out, Date::constant(2026, 11, 27)).is_empty());
        // A damaged file is ignored, whatever the damage.
        let good = std::fs::read(path_for(&out)).unwrap();
        for cut in [0, 3, good.len() / 2, good.len() - 1] {
            std::fs::write(path_for(&out), &good[..cut]).unwrap();
            assert!(load(&out, now).len() <= 1);
        }
        let mut huge = good.clone();
        let header = good.len() - good.len().min(8 + 1);
        huge.truncate(header);
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        std::fs::write(path_for(&out), &huge).unwrap();
        assert!(load(&out, now).is_empty());
        std::fs::write(path_for(&out), b"garbage").unwrap();
        assert!(load(&out, now).is_empty());
    }
}
