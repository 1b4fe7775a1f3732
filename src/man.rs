//! Manual pages, generated from the clap definitions in [`crate::cli`].
//!
//! Input: the command line's definition. Output: roff for `man`: `rounds.1` (every command,
//! flag, exit status and environment variable), and with a folder, one page per command
//! (`rounds-build.1`, `rounds-serve.1`...), as git does. The date is the commit's, so the same
//! rounds always prints the same page.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;

fn page(cmd: clap::Command) -> Man {
    Man::new(cmd).date(crate::version::COMMIT_DATE).manual("rounds manual")
}

/// Writes `rounds.1` to `out`.
pub fn write(out: &mut dyn Write) -> std::io::Result<()> {
    page(Cli::command()).render(out)
}

/// Writes `rounds.1` and a page per command into `dir` (created if needed); returns the
/// paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut written = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        written.push(page(sub.clone()).generate_to(dir)?);
    }
    written.insert(0, page(cmd).generate_to(dir)?);
    Ok(written)
}
