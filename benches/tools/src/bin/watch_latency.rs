//! watch-latency: how long after a save does `rounds watch` put the new page on disk?
//!
//! ```text
//! watch-latency --rounds BIN --site DIR [--out DIR] [--now 2026-11-26] [--debounce MS]
//!               [--kinds body,title,tags] [--edits 20] [--timeout-s 30] [--poll-ms 2]
//!               [--settle-ms 300] [--log FILE] [--hold-ms 0]
//! ```
//!
//! `DIR` is a site written by gen-corpus (`DIR/content`, `DIR/themes/default`). The probe
//! starts `rounds watch` on it, waits for the first build, then, for each kind of edit in
//! `--kinds`, saves `--edits` articles one after the other (a different article each time,
//! spread over the corpus, none edited twice) and measures the time from just before the save
//! until that article's `articles/<slug>/index.html` shows the change. The kinds:
//!
//! - `body`: a new last paragraph (one sentence); the page must contain the sentence;
//! - `title`: `, revised <word>` appended to the `title:` in the front matter; the page must
//!   contain the new title. The home, tag, author and archive listings change too;
//! - `tags`: one more tag (from the corpus's pool, one the article does not have) in `tags:`;
//!   the page must link to that tag's page (`/tags/<slug>/"`). The tag's listings and feeds
//!   change too.
//!
//! Each save writes the whole file as an editor does, alternating a plain write and
//! write-a-temp-file-then-rename. The page is polled every `--poll-ms` (a stat, and a read only
//! when the file changed). The probe also notes when the watcher's summary line for the rebuild
//! arrives ("done": every file of the rebuild written, listings and feeds included). Before the
//! next save it waits for that line and `--settle-ms`, so every save starts from an idle watcher.
//!
//! For each kind it reports every sample, the median and the 95th percentile (nearest rank) of
//! save-to-page and of save-to-done, the median CPU time the watcher spent on a save (all its
//! threads, from /proc/PID/task/*/schedstat: it hardly moves with the machine's load, where
//! wall times do), and the watcher's peak resident memory during that kind's
//! saves (`VmHWM` in /proc/PID/status, reset between kinds by writing 5 to
//! /proc/PID/clear_refs). The peak of the first build is reported on its own line. The probe
//! only looks at files on disk and at the summary lines on stderr, so it works whatever rounds
//! does inside. `--log FILE` keeps everything the watcher prints, with a line before each save
//! (`probe: <kind> <n> <file>`): with `ROUNDS_TIMINGS=1` in the environment, that is the stage
//! timings of every rebuild. `--hold-ms` keeps the watcher running that long after the results
//! are printed, so a profiler attached to it can stop before its exit (benches/profile.sh). The edited articles are restored at the end, after the watcher has stopped.
//!
//! The last lines of its output are machine-readable, one per kind and one for the start:
//!
//! ```text
//! RESULT kind=start first_build_s=5.1 vmhwm_mib=431
//! RESULT kind=body edits=20 median_ms=85.0 p95_ms=98.0 min_ms=70.1 max_ms=120.3 done_median_ms=92.0 done_p95_ms=110.0 cpu_median_ms=61.0 timeouts=0 vmhwm_mib=437
//! ```

use std::fs;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant, SystemTime};

const USAGE: &str = "usage: watch-latency --rounds BIN --site DIR [--out DIR] [--now DATE] \
                     [--debounce MS] [--kinds body,title,tags] [--edits N] [--timeout-s S] \
                     [--poll-ms MS] [--settle-ms MS] [--log FILE] [--hold-ms MS]";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Body,
    Title,
    Tags,
}

impl Kind {
    fn parse(s: &str) -> Result<Kind, String> {
        match s {
            "body" => Ok(Kind::Body),
            "title" => Ok(Kind::Title),
            "tags" | "tag" => Ok(Kind::Tags),
            other => Err(format!("--kinds: unknown kind `{other}` (body, title, tags)")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Title => "title",
            Kind::Tags => "tags",
        }
    }
}

struct Args {
    rounds: PathBuf,
    site: PathBuf,
    out: Option<PathBuf>,
    now: String,
    debounce: Option<u64>,
    kinds: Vec<Kind>,
    edits: usize,
    timeout: Duration,
    poll: Duration,
    settle: Duration,
    log: Option<PathBuf>,
    hold: Duration,
}

impl Args {
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut a = Args {
            rounds: PathBuf::from("target/release/rounds"),
            site: PathBuf::new(),
            out: None,
            now: "2026-11-26".into(),
            debounce: None,
            kinds: vec![Kind::Body, Kind::Title, Kind::Tags],
            edits: 20,
            timeout: Duration::from_secs(30),
            poll: Duration::from_millis(2),
            settle: Duration::from_millis(300),
            log: None,
            hold: Duration::ZERO,
        };
        let num = |flag: &str, v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        while let Some(flag) = it.next() {
            let v = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--rounds" => a.rounds = PathBuf::from(v),
                "--site" => a.site = PathBuf::from(v),
                "--out" => a.out = Some(PathBuf::from(v)),
                "--now" => a.now = v,
                "--debounce" => a.debounce = Some(num(&flag, v)?),
                "--kinds" => a.kinds = v.split(',').map(Kind::parse).collect::<Result<_, _>>()?,
                "--edits" => a.edits = num(&flag, v)? as usize,
                "--timeout-s" => a.timeout = Duration::from_secs(num(&flag, v)?),
                "--poll-ms" => a.poll = Duration::from_millis(num(&flag, v)?),
                "--settle-ms" => a.settle = Duration::from_millis(num(&flag, v)?),
                "--log" => a.log = Some(PathBuf::from(v)),
                "--hold-ms" => a.hold = Duration::from_millis(num(&flag, v)?),
                other => return Err(format!("unknown flag {other}")),
            }
        }
        if a.site.as_os_str().is_empty() {
            return Err("--site is required".into());
        }
        if a.kinds.is_empty() || a.edits == 0 {
            return Err("nothing to measure: --kinds and --edits must not be empty".into());
        }
        Ok(a)
    }
}

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("watch-latency: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("watch-latency: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A summary line from the watcher's stderr and when it arrived.
struct Summary {
    line: String,
    at: Instant,
}

fn is_summary(line: &str) -> bool {
    line.starts_with("built ") || line.contains(" changed: ") || line.starts_with("build failed")
}

/// One article the probe edits: its file, its text before, and the kind of edit.
struct Target {
    path: PathBuf,
    original: String,
    kind: Kind,
}

fn run(args: &Args) -> Result<bool, String> {
    let content = args.site.join("content");
    let out = args.out.clone().unwrap_or_else(|| args.site.join("public-watch"));
    let targets = pick_articles(&content.join("articles"), args.edits, &args.kinds)?;
    let pool = tag_pool(&content.join("articles"))?;
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }

    let mut cmd = Command::new(&args.rounds);
    cmd.arg("watch").arg("--source").arg(&content).arg("--out").arg(&out);
    cmd.arg("--now").arg(&args.now);
    if let Some(ms) = args.debounce {
        cmd.arg("--debounce").arg(ms.to_string());
    }
    cmd.env("NO_COLOR", "1").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child =
        cmd.spawn().map_err(|e| format!("cannot start {}: {e}", args.rounds.display()))?;
    let pid = child.id();
    let log = match &args.log {
        Some(p) => Some(fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => None,
    };
    let log = std::sync::Arc::new(std::sync::Mutex::new(log));
    let summaries = read_summaries(&mut child, log.clone());
    eprintln!("watch-latency: started `rounds watch` (pid {pid}) on {}", content.display());

    let note = |line: &str| write_log(&log, line);
    let result = measure(args, &out, &targets, &pool, pid, started, &summaries, &note);
    std::thread::sleep(args.hold);

    // Stop the watcher the way a person does (Ctrl-C), then put the articles back.
    let _ = Command::new("kill").arg("-INT").arg(pid.to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    if child.try_wait().ok().flatten().is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    for t in &targets {
        fs::write(&t.path, &t.original)
            .map_err(|e| format!("cannot restore {}: {e}", t.path.display()))?;
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn measure(
    args: &Args,
    out: &Path,
    targets: &[Target],
    pool: &[String],
    pid: u32,
    started: Instant,
    summaries: &Receiver<Summary>,
    note: &dyn Fn(&str),
) -> Result<bool, String> {
    let first = summaries
        .recv_timeout(Duration::from_secs(1800))
        .map_err(|_| "the watcher printed no first build (did it exit?)".to_string())?;
    let first_build = first.at.duration_since(started).as_secs_f64();
    eprintln!("watch-latency: first build after {first_build:.1} s: {}", first.line);
    std::thread::sleep(args.settle);
    let (start_hwm, _) = memory(pid);
    let mut results = vec![format!(
        "RESULT kind=start first_build_s={first_build:.2} vmhwm_mib={:.0}",
        kib_to_mib(start_hwm)
    )];

    let mut all_ok = true;
    for &kind in &args.kinds {
        // The peak of this kind's saves alone (Linux 4.0+); else the peak so far.
        let reset = fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok();
        let mut page_ms = Vec::new();
        let mut done_ms = Vec::new();
        let mut cpu_ms = Vec::new();
        let mut timeouts = 0;
        eprintln!("watch-latency: {} edits", kind.name());
        for (k, t) in targets.iter().filter(|t| t.kind == kind).enumerate() {
            while summaries.try_recv().is_ok() {}
            let slug = t.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let page = out.join("articles").join(slug).join("index.html");
            let before = fs::read_to_string(&page).unwrap_or_default();
            let word = word_for(pid, kind, k);
            let (text, marker) =
                edit(kind, &t.original, &word, pool, &before).ok_or_else(|| {
                    format!("cannot make a {} edit of {}", kind.name(), t.path.display())
                })?;
            if before.contains(&marker) {
                return Err(format!("{} already shows `{marker}`", page.display()));
            }
            let atomic = k % 2 == 1;
            note(&format!("probe: {} {} {}", kind.name(), k + 1, t.path.display()));
            let cpu0 = cpu_ns(pid);
            let t0 = Instant::now();
            if atomic {
                let tmp = t.path.with_extension("md.tmp");
                fs::write(&tmp, &text).map_err(|e| e.to_string())?;
                fs::rename(&tmp, &t.path).map_err(|e| e.to_string())?;
            } else {
                fs::write(&t.path, &text).map_err(|e| e.to_string())?;
            }
            let latency = wait_for(&page, &marker, t0, args.poll, args.timeout);
            let reported = summaries.recv_timeout(Duration::from_secs(600)).ok();
            // The watcher's CPU time for this save (all its threads): unlike wall times, it
            // hardly moves with the machine's load.
            if let (Some(a), Some(b)) = (cpu0, cpu_ns(pid)) {
                cpu_ms.push(b.saturating_sub(a) as f64 / 1e6);
            }
            let how = if atomic { "temp+rename" } else { "write" };
            let done = reported.as_ref().map(|s| s.at.saturating_duration_since(t0));
            match latency {
                Some(d) => {
                    let ms = d.as_secs_f64() * 1000.0;
                    let done = done.map(|d| d.as_secs_f64() * 1000.0);
                    eprintln!(
                        "  {:5} {:2} ({how:11}) {ms:8.1} ms, done {:>8}  {}",
                        kind.name(),
                        k + 1,
                        done.map_or("-".into(), |d| format!("{d:.1} ms")),
                        reported.as_ref().map_or("(no summary line)", |s| short(&s.line))
                    );
                    page_ms.push(ms);
                    if let Some(d) = done {
                        done_ms.push(d.max(ms));
                    }
                }
                None => {
                    timeouts += 1;
                    eprintln!(
                        "  {:5} {:2} ({how:11}) timed out after {:?}",
                        kind.name(),
                        k + 1,
                        args.timeout
                    );
                }
            }
            std::thread::sleep(args.settle);
        }
        let (hwm, rss) = memory(pid);
        let p = Stats::of(&mut page_ms);
        let d = Stats::of(&mut done_ms);
        let cpu = Stats::of(&mut cpu_ms);
        println!(
            "{} edits: save-to-page median {:.0} ms, p95 {:.0} ms (min {:.0}, max {:.0}); \
             save-to-done median {:.0} ms, p95 {:.0} ms; watcher CPU per save median {:.0} ms; \
             {timeouts} timed out; watcher peak RSS {:.0} MiB{} (now {:.0} MiB)",
            kind.name(),
            p.median,
            p.p95,
            p.min,
            p.max,
            d.median,
            d.p95,
            cpu.median,
            kib_to_mib(hwm),
            if reset { "" } else { " (since start)" },
            kib_to_mib(rss)
        );
        results.push(format!(
            "RESULT kind={} edits={} median_ms={:.1} p95_ms={:.1} min_ms={:.1} max_ms={:.1} \
             done_median_ms={:.1} done_p95_ms={:.1} cpu_median_ms={:.1} timeouts={timeouts} \
             vmhwm_mib={:.0}",
            kind.name(),
            page_ms.len(),
            p.median,
            p.p95,
            p.min,
            p.max,
            d.median,
            d.p95,
            cpu.median,
            kib_to_mib(hwm)
        ));
        all_ok &= timeouts == 0;
    }
    for r in results {
        println!("{r}");
    }
    let _ = std::io::stdout().flush();
    Ok(all_ok)
}

/// The new text of an article for an edit of `kind`, and what its page must then contain.
fn edit(
    kind: Kind,
    original: &str,
    word: &str,
    pool: &[String],
    page: &str,
) -> Option<(String, String)> {
    match kind {
        Kind::Body => {
            let marker = format!("Latency probe {word} was saved here");
            Some((format!("{}\n\n{marker}.\n", original.trim_end()), marker))
        }
        Kind::Title => {
            let (line, title) = front_line(original, "title:")?;
            let title = title.trim().trim_matches('"');
            let new = format!("{title}, revised {word}");
            let text = original.replacen(line, &format!("title: \"{new}\""), 1);
            Some((text, new))
        }
        Kind::Tags => {
            let (line, list) = front_line(original, "tags:")?;
            let list = list.trim().strip_prefix('[')?.strip_suffix(']')?;
            let have: Vec<&str> = list.split(',').map(|t| t.trim().trim_matches('"')).collect();
            // A tag of the pool the article does not have and whose link the page lacks,
            // starting at a place that depends on the word so that the tags vary.
            let start = word.bytes().map(usize::from).sum::<usize>() % pool.len().max(1);
            let tag = (0..pool.len())
                .map(|i| &pool[(start + i) % pool.len()])
                .find(|t| !have.contains(&t.as_str()) && !page.contains(&tag_marker(t)))?;
            let new = format!("tags: [{}, \"{tag}\"]", list.trim());
            Some((original.replacen(line, &new, 1), tag_marker(tag)))
        }
    }
}

/// The first front-matter line starting with `key`, whole and after the key.
fn front_line<'a>(text: &'a str, key: &str) -> Option<(&'a str, &'a str)> {
    let front = text.strip_prefix("---\n")?;
    let front = &front[..front.find("\n---")?];
    front.lines().find_map(|l| l.strip_prefix(key).map(|rest| (l, rest)))
}

/// How an article page links to a tag's page (rounds' slugs of plain ASCII names).
fn tag_marker(tag: &str) -> String {
    let mut slug = String::new();
    for c in tag.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("/tags/{}/\"", slug.trim_end_matches('-'))
}

/// Every tag used in the corpus whose name is plain (letters, digits, spaces), sorted: the tags
/// an edit may add, with a slug the probe can predict.
fn tag_pool(dir: &Path) -> Result<Vec<String>, String> {
    let mut tags = std::collections::BTreeSet::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some((_, list)) = front_line(&text, "tags:") {
            let list = list.trim().trim_start_matches('[').trim_end_matches(']');
            for t in list.split(',').map(|t| t.trim().trim_matches('"')) {
                if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
                    tags.insert(t.to_string());
                }
            }
        }
    }
    Ok(tags.into_iter().collect())
}

struct Stats {
    median: f64,
    p95: f64,
    min: f64,
    max: f64,
}

impl Stats {
    /// Median and 95th percentile by nearest rank; NaN when there is no sample.
    fn of(samples: &mut [f64]) -> Stats {
        samples.sort_by(f64::total_cmp);
        let pct = |p: f64| -> f64 {
            if samples.is_empty() {
                return f64::NAN;
            }
            let rank = ((p / 100.0) * samples.len() as f64).ceil().max(1.0) as usize;
            samples[rank - 1]
        };
        Stats {
            median: pct(50.0),
            p95: pct(95.0),
            min: samples.first().copied().unwrap_or(f64::NAN),
            max: samples.last().copied().unwrap_or(f64::NAN),
        }
    }
}

/// Polls `page` until it contains `marker`; `None` after `timeout`. Reads the file only when
/// its size, time or inode changed, so the poll itself costs next to nothing.
fn wait_for(
    page: &Path,
    marker: &str,
    t0: Instant,
    poll: Duration,
    timeout: Duration,
) -> Option<Duration> {
    let mut last: Option<(u64, Option<SystemTime>, u64)> = None;
    loop {
        if let Ok(meta) = fs::metadata(page) {
            let stamp = (meta.len(), meta.modified().ok(), inode(&meta));
            if last != Some(stamp) {
                last = Some(stamp);
                if fs::read_to_string(page).is_ok_and(|html| html.contains(marker)) {
                    return Some(t0.elapsed());
                }
            }
        }
        if t0.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(poll);
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// A word of letters that no article contains, so the marker cannot match before the edit.
fn word_for(pid: u32, kind: Kind, k: usize) -> String {
    let mut n = u64::from(pid) * 10_000 + (kind as u64) * 1000 + k as u64;
    let mut w = String::from("zq");
    while n > 0 {
        w.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    w
}

/// `edits` articles per kind, spread evenly over the sorted list and dealt to the kinds in
/// turn (so each kind's articles span the corpus), with their current text.
fn pick_articles(dir: &Path, edits: usize, kinds: &[Kind]) -> Result<Vec<Target>, String> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    all.sort();
    let n = edits * kinds.len();
    if all.len() < n {
        return Err(format!("{} has {} articles; need {n}", dir.display(), all.len()));
    }
    (0..n)
        .map(|k| {
            let path = all[k * all.len() / n + all.len() / (2 * n)].clone();
            let original =
                fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(Target { path, original, kind: kinds[k % kinds.len()] })
        })
        .collect()
}

/// CPU time used so far by all threads of `pid`, in nanoseconds (the first field of each
/// thread's /proc/PID/task/TID/schedstat); `None` where /proc does not tell.
fn cpu_ns(pid: u32) -> Option<u64> {
    let mut total = 0;
    for task in fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let stat = fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// Peak and current resident memory of `pid` in KiB (0 when /proc is not there).
fn memory(pid: u32) -> (u64, u64) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// The watcher's summary without the changed paths (long in a temp folder).
fn short(line: &str) -> &str {
    line.find(": built").map(|i| &line[i + 2..]).unwrap_or(line)
}

type Log = std::sync::Arc<std::sync::Mutex<Option<fs::File>>>;

fn write_log(log: &Log, line: &str) {
    if let Some(f) = log.lock().ok().as_mut().and_then(|g| g.as_mut()) {
        let _ = writeln!(f, "{line}");
    }
}

/// Forwards the watcher's summary lines with the time each arrived; every line goes to the
/// log, when there is one.
fn read_summaries(child: &mut Child, log: Log) -> Receiver<Summary> {
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().expect("stderr is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            write_log(&log, &line);
            if is_summary(&line) && tx.send(Summary { line, at: Instant::now() }).is_err() {
                return;
            }
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "---\ntitle: \"A plain guide to asthma\"\ndate: 2020-01-02\n\
                           tags: [\"asthma\", \"lungs\"]\n---\n\nBody text.\n";

    #[test]
    fn title_edit_changes_only_the_title() {
        let (text, marker) = edit(Kind::Title, ARTICLE, "zqab", &[], "").unwrap();
        assert_eq!(marker, "A plain guide to asthma, revised zqab");
        assert!(text.contains("title: \"A plain guide to asthma, revised zqab\"\n"));
        assert_eq!(text.replace(", revised zqab", ""), ARTICLE);
    }

    #[test]
    fn tag_edit_adds_a_tag_the_article_lacks() {
        let pool = vec!["asthma".to_string(), "heart health".to_string(), "lungs".to_string()];
        let (text, marker) = edit(Kind::Tags, ARTICLE, "zqab", &pool, "").unwrap();
        assert!(text.contains("tags: [\"asthma\", \"lungs\", \"heart health\"]\n"));
        assert_eq!(marker, "/tags/heart-health/\"");
        // Not a tag whose link the page already shows.
        let page = "<a href=\"/tags/heart-health/\">";
        assert!(edit(Kind::Tags, ARTICLE, "zqab", &pool, page).is_none());
    }

    #[test]
    fn body_edit_appends_a_paragraph() {
        let (text, marker) = edit(Kind::Body, ARTICLE, "zqab", &[], "").unwrap();
        assert!(text.starts_with(ARTICLE.trim_end()));
        assert!(text.ends_with(&format!("\n\n{marker}.\n")));
    }
}
