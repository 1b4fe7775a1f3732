//! Shell completion scripts, generated from the clap definitions in [`crate::cli`].
//!
//! Input: a shell. Output: its completion script for `rounds` (subcommands, flags, the values
//! of `--format`, schema kinds and shells, and file names where a flag takes a path).
//! `rounds completions bash` prints it; docs/editors.md says where each shell looks for it.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rounds", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
