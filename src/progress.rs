//! Progress of a build, for the progress line of long builds.
//!
//! Input: the pipeline's calls as it goes ([`Hook::stage`] when a stage starts, with how
//! many items it has; [`Hook::advance`] as items are done, from any thread). Output: whatever
//! the [`Progress`] behind the hook does with them: [`Line`] draws one line on a terminal
//! with indicatif, tests count what was rendered, and without one nothing happens.
//!
//! The line appears only when a build is still running after [`Line::DELAY`] and stderr is
//! a terminal: quick builds and piped or logged output (CI, editors' tasks) never see it.
//! It carries no colour, so it needs no `NO_COLOR` handling.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A stage of a build that takes long enough on a large site to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing article files.
    Reading,
    /// Rendering article bodies (Markdown, citations).
    Rendering,
    /// Rendering pages and writing them out.
    Writing,
}

impl Stage {
    /// What the progress line says during the stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading articles",
            Stage::Rendering => "rendering articles",
            Stage::Writing => "writing pages",
        }
    }
}

/// Something that follows a build's progress. Called from the pipeline's worker threads.
pub trait Progress: Send + Sync {
    /// A stage starts, with `total` items when known.
    fn stage(&self, stage: Stage, total: Option<usize>);
    /// `n` more items of the current stage are done.
    fn advance(&self, n: usize);
}

/// The hook the pipeline reports to ([`crate::options::BuildOptions::progress`]); does nothing unless
/// a [`Progress`] is attached.
#[derive(Clone, Default)]
pub struct Hook(Option<Arc<dyn Progress>>);

impl Hook {
    /// A hook that reports to `progress`.
    pub fn new(progress: Arc<dyn Progress>) -> Hook {
        Hook(Some(progress))
    }

    /// A stage starts.
    pub fn stage(&self, stage: Stage, total: Option<usize>) {
        if let Some(p) = &self.0 {
            p.stage(stage, total);
        }
    }

    /// Items of the current stage are done.
    pub fn advance(&self, n: usize) {
        if let Some(p) = &self.0 {
            p.advance(n);
        }
    }
}

impl std::fmt::Debug for Hook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Hook(attached)" } else { "Hook(none)" })
    }
}

/// The progress line on stderr: a spinner, the stage and a count, drawn by indicatif.
pub struct Line {
    bar: ProgressBar,
    target: std::sync::Mutex<Option<ProgressDrawTarget>>,
    start: Instant,
    delay: Duration,
    shown: AtomicBool,
    finished: AtomicBool,
}

impl Line {
    /// How long a build runs before the line appears.
    pub const DELAY: Duration = Duration::from_millis(500);

    /// A line on stderr, or `None` when stderr is not a terminal. `ROUNDS_PROGRESS_DELAY_MS`
    /// replaces [`Line::DELAY`], so that tests on a busy machine can say what "quick" means.
    pub fn stderr() -> Option<Arc<Line>> {
        use std::io::IsTerminal;
        let delay = std::env::var("ROUNDS_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(Line::DELAY, Duration::from_millis);
        std::io::stderr()
            .is_terminal()
            .then(|| Arc::new(Line::new(ProgressDrawTarget::stderr(), delay)))
    }

    /// A line drawn to `target` once `delay` has passed.
    pub fn new(target: ProgressDrawTarget, delay: Duration) -> Line {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(style(false));
        Line {
            bar,
            target: std::sync::Mutex::new(Some(target)),
            start: Instant::now(),
            delay,
            shown: AtomicBool::new(false),
            finished: AtomicBool::new(false),
        }
    }

    /// Shows the line once the delay has passed.
    fn show_when_due(&self) {
        if self.shown.load(Ordering::Relaxed)
            || self.finished.load(Ordering::Relaxed)
            || self.start.elapsed() < self.delay
        {
            return;
        }
        if self.shown.swap(true, Ordering::AcqRel) {
            return;
        }
        let target = self.target.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        if let Some(target) = target {
            self.bar.set_draw_target(target);
            self.bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Removes the line, so the summary that follows starts on a clean line. It is not drawn
    /// again: later builds (watch mode's rebuilds) report to a finished line in vain.
    pub fn finish(&self) {
        if !self.finished.swap(true, Ordering::AcqRel) {
            self.bar.finish_and_clear();
        }
    }
}

fn style(counted: bool) -> ProgressStyle {
    let template = if counted { "{spinner} {msg} {pos}/{len}" } else { "{spinner} {msg} {pos}" };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

impl Progress for Line {
    fn stage(&self, stage: Stage, total: Option<usize>) {
        if self.finished.load(Ordering::Relaxed) {
            return;
        }
        self.bar.set_style(style(total.is_some()));
        self.bar.set_position(0);
        match total {
            Some(n) => self.bar.set_length(n as u64),
            None => self.bar.unset_length(),
        }
        self.bar.set_message(stage.label());
        self.show_when_due();
    }

    fn advance(&self, n: usize) {
        if self.finished.load(Ordering::Relaxed) {
            return;
        }
        self.bar.inc(n as u64);
        self.show_when_due();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A terminal that keeps what is written to it.
    #[derive(Clone, Default, Debug)]
    struct Screen(Arc<Mutex<String>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.write_str("<clear>")
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn line(delay: Duration) -> (Line, Screen) {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(screen.clone()), 100);
        (Line::new(target, delay), screen)
    }

    #[test]
    fn a_long_build_shows_the_stage_and_count() {
        let (line, screen) = line(Duration::ZERO);
        // Draws are rate-limited; the line's own ticker redraws every 100 ms.
        let settle = || std::thread::sleep(Duration::from_millis(300));
        line.stage(Stage::Rendering, Some(120));
        line.advance(40);
        line.advance(2);
        settle();
        let drawn = screen.0.lock().unwrap().clone();
        assert!(drawn.contains("rendering articles 42/120"), "{drawn:?}");
        line.stage(Stage::Writing, None);
        line.advance(7);
        settle();
        let drawn = screen.0.lock().unwrap().clone();
        assert!(drawn.contains("writing pages 7"), "{drawn:?}");
        assert!(!drawn.contains('\x1b'), "no colour: {drawn:?}");
        line.finish();
        assert!(screen.0.lock().unwrap().ends_with("<clear>"), "the line is cleared at the end");
    }

    #[test]
    fn a_quick_build_draws_nothing() {
        let (line, screen) = line(Duration::from_secs(60));
        line.stage(Stage::Reading, Some(3));
        line.advance(3);
        line.finish();
        assert_eq!(*screen.0.lock().unwrap(), "");
    }
}
