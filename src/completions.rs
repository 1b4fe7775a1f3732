//! Shell completion scripts, generated from the clap definitions in [`crate::cli`].
//!
//! Input: a shell. Output: its completion script for `rounds` (subcommands, flags, the values
//! of `--format`, schema kinds and shells, and file names where a flag takes a path).
//! `rounds completions bash` prints it; docs/editors.md says where each shell looks for it.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes the completion script for `shell` to `out`.
pub fn write(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "rounds", out);
}
