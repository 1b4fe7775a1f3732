//! watch-latency: how long after a save does `rounds watch` put the new page on disk?
//!
//! ```text
//! watch-latency --rounds BIN --site DIR [--out DIR] [--now 2026-11-26] [--debounce MS]
//!               [--edits 20] [--timeout-s 30] [--poll-ms 2] [--settle-ms 300]
//! ```
//!
//! `DIR` is a site written by gen-corpus (`DIR/content`, `DIR/themes/default`). The probe
//! starts `rounds watch` on it, waits for the first build, then `--edits` times: appends a
//! sentence to one article (a different article each time, spread over the corpus) by writing
//! the whole file as an editor does, alternating a plain write and write-a-temp-file-then-rename,
//! and measures the time from just before the write until that article's
//! `articles/<slug>/index.html` contains the sentence (polled every `--poll-ms`: a stat, and a
//! read only when the file changed). Before the next edit it waits for the rebuild's summary
//! line and `--settle-ms`, so every edit starts from an idle watcher.
//!
//! It reports every sample, the median and the 95th percentile (nearest rank), and the
//! watcher's peak resident memory (`VmHWM` in /proc/PID/status). It only looks at files on
//! disk and at the summary lines on stderr, so it works whatever rounds does inside (a full
//! rebuild per change, or an incremental session). The edited articles are restored at the
//! end, after the watcher has stopped.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant, SystemTime};

const USAGE: &str = "usage: watch-latency --rounds BIN --site DIR [--out DIR] [--now DATE] \
                     [--debounce MS] [--edits N] [--timeout-s S] [--poll-ms MS] [--settle-ms MS]";

struct Args {
    rounds: PathBuf,
    site: PathBuf,
    out: Option<PathBuf>,
    now: String,
    debounce: Option<u64>,
    edits: usize,
    timeout: Duration,
    poll: Duration,
    settle: Duration,
}

impl Args {
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut a = Args {
            rounds: PathBuf::from("target/release/rounds"),
            site: PathBuf::new(),
            out: None,
            now: "2026-11-26".into(),
            debounce: None,
            edits: 20,
            timeout: Duration::from_secs(30),
            poll: Duration::from_millis(2),
            settle: Duration::from_millis(300),
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
                "--edits" => a.edits = num(&flag, v)? as usize,
                "--timeout-s" => a.timeout = Duration::from_secs(num(&flag, v)?),
                "--poll-ms" => a.poll = Duration::from_millis(num(&flag, v)?),
                "--settle-ms" => a.settle = Duration::from_millis(num(&flag, v)?),
                other => return Err(format!("unknown flag {other}")),
            }
        }
        if a.site.as_os_str().is_empty() {
            return Err("--site is required".into());
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
}

fn is_summary(line: &str) -> bool {
    line.starts_with("built ") || line.contains(" changed: ") || line.starts_with("build failed")
}

fn run(args: &Args) -> Result<bool, String> {
    let content = args.site.join("content");
    let out = args.out.clone().unwrap_or_else(|| args.site.join("public-watch"));
    let articles = pick_articles(&content.join("articles"), args.edits)?;
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
    let summaries = read_summaries(&mut child);
    eprintln!("watch-latency: started `rounds watch` (pid {pid}) on {}", content.display());

    let result = measure(args, &out, &articles, pid, started, &summaries);

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
    for (path, original) in &articles {
        fs::write(path, original).map_err(|e| format!("cannot restore {}: {e}", path.display()))?;
    }
    result
}

fn measure(
    args: &Args,
    out: &Path,
    articles: &[(PathBuf, String)],
    pid: u32,
    started: Instant,
    summaries: &Receiver<Summary>,
) -> Result<bool, String> {
    let first = summaries
        .recv_timeout(Duration::from_secs(1800))
        .map_err(|_| "the watcher printed no first build (did it exit?)".to_string())?;
    eprintln!(
        "watch-latency: first build after {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        first.line
    );
    std::thread::sleep(args.settle);

    let mut samples = Vec::new();
    let mut timeouts = 0;
    for (k, (path, original)) in articles.iter().enumerate() {
        while summaries.try_recv().is_ok() {}
        let slug = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let page = out.join("articles").join(slug).join("index.html");
        let marker = format!("Latency probe {} {} was saved here", k + 1, word_for(pid, k));
        let text = format!("{}\n\n{marker}.\n", original.trim_end());
        let atomic = k % 2 == 1;
        let t0 = Instant::now();
        if atomic {
            let tmp = path.with_extension("md.tmp");
            fs::write(&tmp, &text).map_err(|e| e.to_string())?;
            fs::rename(&tmp, path).map_err(|e| e.to_string())?;
        } else {
            fs::write(path, &text).map_err(|e| e.to_string())?;
        }
        let latency = wait_for(&page, &marker, t0, args.poll, args.timeout);
        let reported = summaries.recv_timeout(Duration::from_secs(600)).map(|s| s.line);
        let how = if atomic { "temp+rename" } else { "write" };
        match latency {
            Some(d) => {
                let ms = d.as_secs_f64() * 1000.0;
                eprintln!(
                    "  edit {:2} ({how:11}) {ms:8.1} ms  {}",
                    k + 1,
                    reported.as_deref().map(short).unwrap_or("(no summary line)")
                );
                samples.push(ms);
            }
            None => {
                timeouts += 1;
                eprintln!("  edit {:2} ({how:11}) timed out after {:?}", k + 1, args.timeout);
            }
        }
        std::thread::sleep(args.settle);
    }
    let (hwm, rss) = memory(pid);

    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if samples.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * samples.len() as f64).ceil().max(1.0) as usize;
        samples[rank - 1]
    };
    let (median, p95) = (pct(50.0), pct(95.0));
    let max = samples.last().copied().unwrap_or(f64::NAN);
    let min = samples.first().copied().unwrap_or(f64::NAN);
    println!(
        "save-to-page latency over {} edits: median {median:.0} ms, p95 {p95:.0} ms \
         (min {min:.0}, max {max:.0}); {timeouts} timed out; watcher peak RSS {:.0} MiB \
         (now {:.0} MiB)",
        samples.len(),
        kib_to_mib(hwm),
        kib_to_mib(rss)
    );
    println!(
        "RESULT median_ms={median:.1} p95_ms={p95:.1} min_ms={min:.1} max_ms={max:.1} \
         timeouts={timeouts} vmhwm_mib={:.0}",
        kib_to_mib(hwm)
    );
    Ok(timeouts == 0)
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
fn word_for(pid: u32, k: usize) -> String {
    let mut n = u64::from(pid) * 1000 + k as u64;
    let mut w = String::from("zq");
    while n > 0 {
        w.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    w
}

/// `edits` articles spread evenly over the sorted list, with their current text.
fn pick_articles(dir: &Path, edits: usize) -> Result<Vec<(PathBuf, String)>, String> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    all.sort();
    if all.len() < edits {
        return Err(format!("{} has {} articles; need {edits}", dir.display(), all.len()));
    }
    (0..edits)
        .map(|k| {
            let p = all[k * all.len() / edits + all.len() / (2 * edits)].clone();
            let text = fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok((p, text))
        })
        .collect()
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

/// Forwards the watcher's summary lines; everything else (warnings) is dropped.
fn read_summaries(child: &mut Child) -> Receiver<Summary> {
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().expect("stderr is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if is_summary(&line) && tx.send(Summary { line }).is_err() {
                return;
            }
        }
    });
    rx
}
