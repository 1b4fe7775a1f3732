//! Per-stage wall times for the benchmark.

use std::time::Instant;

/// `ROUNDS_TIMINGS=1` prints the wall time of each stage to stderr, for the benchmark
/// (docs/performance.md). When unset it costs one environment lookup per build.
pub(crate) struct StageTimer {
    last: Option<Instant>,
}

impl StageTimer {
    pub(crate) fn new() -> StageTimer {
        let on = std::env::var_os("ROUNDS_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        StageTimer { last: on.then(Instant::now) }
    }

    /// Prints the time since the previous lap under `stage`.
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            // Resident memory too, where the system tells it (Linux): the watcher has a budget.
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| format!("  {:5} MiB", (pages * 4096) >> 20));
            eprintln!("timing: {stage:<16} {:8.1} ms{rss}", (now - last).as_secs_f64() * 1000.0);
            self.last = Some(now);
        }
    }
}
