//! Manual pages, generated from the clap definitions in [`crate::cli`].
//!
//! Input: the command line's definition. Output: roff for `man`: `rounds.1` (every command and
//! global flag, exit status, environment, files), and with a folder, one page per command
//! (`rounds-build.1`, `rounds-serve.1`...) with its flags, as git does. The date is the
//! commit's, so the same rounds always prints the same pages.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;

/// The sections of `rounds.1` that clap does not describe.
const MORE: &str = r#".SH "EXIT STATUS"
.TP
.B 0
Success.
.TP
.B 1
Content errors: nothing was written. For \fBcheck\fR: errors, or warnings with \fB\-\-deny\-warnings\fR.
.TP
.B 2
Usage errors: bad flags, no site.yaml where \fB\-\-source\fR points, an output folder that is not rounds' own.
.SH ENVIRONMENT
.TP
.B NO_COLOR
Any value turns colours off.
.TP
.B SOURCE_DATE_EPOCH
The build's "today", in seconds since 1970, for reproducible builds; \fB\-\-now\fR wins over it.
.TP
.B ROUNDS_TIMINGS
\fB1\fR prints the time each stage of a build takes.
.TP
.B ROUNDS_PROGRESS_DELAY_MS
How long a build runs before the progress line appears on a terminal (500 by default).
.SH FILES
.TP
.I content/site.yaml
The site's settings. Beside it: \fIauthors.yaml\fR, the bibliography (\fIreferences.yaml\fR, \fI.json\fR or \fI.bib\fR), \fIarticles/\fR, \fIpages/\fR and \fIstatic/\fR.
.TP
.I themes/default/
The theme: templates and stylesheets (the built-in copy when absent).
.TP
.I schemas/
JSON Schemas of the YAML files, for editors (\fBrounds schema\fR).
.SH "SEE ALSO"
\fBrounds\-build\fR(1), \fBrounds\-watch\fR(1), \fBrounds\-serve\fR(1), \fBrounds\-check\fR(1), \fBrounds\-new\fR(1), \fBrounds\-init\fR(1), \fBrounds\-schema\fR(1), \fBrounds\-completions\fR(1), \fBrounds\-man\fR(1) (written by \fBrounds man \-\-out\fR \fIDIR\fR); README.md and docs/ in the rounds repository.
"#;

fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The last section of a command's own page.
const SEE_ROUNDS: &str = ".SH \"SEE ALSO\"\n\\fBrounds\\fR(1)\n";

/// Renders one page: clap's sections, then (for `rounds.1`, `top`) the list of commands and
/// [`MORE`], or a pointer to `rounds.1`.
fn render(cmd: clap::Command, top: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let man = Man::new(cmd).date(crate::version::COMMIT_DATE).manual("rounds manual");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if top {
        man.render_subcommands_section(out)?;
    }
    out.write_all(if top { MORE } else { SEE_ROUNDS }.as_bytes())?;
    if top {
        // Commands have no version of their own (clap_mangen expects one).
        man.render_version_section(out)?;
    }
    Ok(())
}

/// `rounds.1`, as roff.
pub fn page_text() -> String {
    let mut out = Vec::new();
    // Rendering into memory cannot fail.
    let _ = render(command(), true, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes `rounds.1` and a page per command into `dir` (created if needed); returns the
/// paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let cmd = command();
    let mut pages = vec![(dir.join("rounds.1"), page_text().into_bytes())];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_display_name().unwrap_or(sub.get_name()).to_string();
        let mut text = Vec::new();
        render(sub.clone(), false, &mut text)?;
        pages.push((dir.join(format!("{name}.1")), text));
    }
    for (path, text) in &pages {
        std::fs::write(path, text)?;
    }
    Ok(pages.into_iter().map(|(p, _)| p).collect())
}
