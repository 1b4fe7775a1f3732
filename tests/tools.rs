//! rounds among the tools around it: shell completions, man pages, `--version`, `--quiet` and
//! `--verbose`, the progress line and colours on a terminal (and their absence elsewhere),
//! and what `rounds init` sets up for VS Code and for publishing on GitHub Pages.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use rounds::publish::{Install, github_workflow};

// build.rs records the commit; its own tests run here.
#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

fn rounds(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rounds"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795651200") // 2026-11-26
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bash(script: &str, envs: &[(&str, &str)]) -> (i32, String, String) {
    let out =
        Command::new("bash").arg("-c").arg(script).envs(envs.iter().copied()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bash_completes_commands_flags_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let (code, script, _) = rounds(dir.path(), &["completions", "bash"]);
    assert_eq!(code, 0);
    let file = dir.path().join("rounds.bash");
    std::fs::write(&file, script).unwrap();
    // What bash does on Tab: the completion function with COMP_WORDS and COMP_CWORD set.
    let complete = |words: &[&str]| {
        let (cur, prev) = (words[words.len() - 1], words[words.len() - 2]);
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let (code, stdout, stderr) = bash(
            &format!(
                "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _rounds rounds '{cur}' '{prev}'; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                file.display(),
                quoted.join(" "),
                words.len() - 1
            ),
            &[],
        );
        assert_eq!(code, 0, "{stderr}");
        stdout.lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete(&["rounds", "bu"]), ["build"]);
    assert_eq!(complete(&["rounds", "s"]), ["serve", "schema"]);
    assert_eq!(complete(&["rounds", "check", "--format", ""]), ["text", "json", "short"]);
    let kinds = complete(&["rounds", "schema", ""]);
    for kind in ["site", "authors", "article", "page", "--out"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    assert!(complete(&["rounds", "check", "--deny"]).contains(&"--deny-warnings".to_string()));
    assert_eq!(complete(&["rounds", "completions", "f"]), ["fish"]);
    let (_, registered, _) = bash(&format!("source '{}'; complete -p rounds", file.display()), &[]);
    assert!(registered.contains("_rounds"), "{registered}");
}

#[test]
fn other_shells_get_scripts_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("zsh", "#compdef rounds"),
        ("fish", "complete -c rounds"),
        ("elvish", "edit:completion:arg-completer[rounds]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, script, _) = rounds(dir.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains(marker), "{shell}: {marker}");
        for word in ["build", "serve", "check", "deny-warnings", "schema"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let (code, _, stderr) = rounds(dir.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn the_man_page_has_every_command_and_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (code, page, _) = rounds(dir.path(), &["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH rounds 1 "), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(page.contains(section), "{section}");
    }
    for command in
        ["build", "watch", "serve", "check", "new", "init", "schema", "completions", "man"]
    {
        assert!(page.contains(&format!("rounds\\-{command}(1)")), "{command}");
    }
    assert!(page.contains(".B NO_COLOR"));
    assert!(!page.contains("rounds\\-help"), "no page for clap's help command");

    let (code, _, stderr) = rounds(dir.path(), &["man", "--out", "man1"]);
    assert_eq!(code, 0, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), 10, "{written:?}");
    let check = std::fs::read_to_string(dir.path().join("man1/rounds-check.1")).unwrap();
    assert!(check.contains(".TH rounds-check 1 "), "{check}");
    assert!(check.contains("\\-\\-deny\\-warnings"));
    assert!(check.contains("short: One line per finding"));
    assert_eq!(std::fs::read_to_string(dir.path().join("man1/rounds.1")).unwrap(), page);
}

#[test]
fn version_names_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = rounds(dir.path(), &["--version"]);
    assert_eq!(code, 0);
    let repo = repo();
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let version = env!("CARGO_PKG_VERSION");
    match (repo.join(".git").exists(), git(&["rev-parse", "--short=7", "HEAD"])) {
        (true, Some(short)) => {
            let date = git(&["show", "-s", "--format=%cs", "HEAD"]).unwrap();
            assert_eq!(stdout, format!("rounds {version} ({short} {date})\n"));
        }
        // Built from a copy without git history (a published package).
        _ => assert!(stdout.starts_with(&format!("rounds {version}")), "{stdout}"),
    }
}

/// A site with one article that has a warning (no medical review).
fn site_with_a_warning() -> SiteTest {
    let t = SiteTest::new();
    t.article("walking", "title: \"Walking\"\ndate: 2026-01-10", "Walking helps.\n");
    t
}

#[test]
fn quiet_prints_only_errors_and_verbose_prints_more() {
    let t = site_with_a_warning();
    let (code, _, normal) = t.run(&["build"]);
    assert_eq!(code, 0, "{normal}");
    assert!(normal.contains("run `rounds check` to see them"), "{normal}");
    assert!(normal.lines().last().unwrap().starts_with("built "), "{normal}");

    let (code, stdout, stderr) = t.run(&["build", "--quiet"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));

    let (code, _, verbose) = t.run(&["build", "-v"]);
    assert_eq!(code, 0);
    let first = verbose.lines().next().unwrap();
    assert!(first.starts_with("content: ") && first.contains("today: 2026-11-26"), "{first}");
    assert!(verbose.contains("review.missing") || verbose.contains("review."), "{verbose}");
    assert!(!verbose.contains("run `rounds check`"), "the warnings are shown, not counted");

    // An error is printed even with --quiet, and only the error.
    t.article("broken", "title: \"Broken\"\ndate: 2026-01-11\ntagz: [a]", "Text.\n");
    let (code, _, stderr) = t.run(&["build", "-q"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("yaml.unknown_key"), "{stderr}");
    assert!(!stderr.contains("build failed"), "{stderr}");

    let (code, stdout, _) = t.run(&["check", "-q"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("yaml.unknown_key"));
    assert!(!stdout.contains("SMOG") && !stdout.contains("checked "), "{stdout}");

    let (code, _, stderr) = t.run(&["build", "-q", "-v"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = t.run(&["new", "A quiet article", "-q"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let t = SiteTest::demo();
    let (code, _, stderr) = t.run(&["build", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains('\r') && !stderr.contains('\x1b'), "{stderr:?}");
    assert!(!stderr.contains("writing pages") && !stderr.contains("rendering articles"));
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.last().unwrap().starts_with("built "), "{stderr}");
}

#[cfg(unix)]
mod terminal {
    use super::*;
    use std::io::Read;
    use std::process::Stdio;

    /// Runs rounds with stdout and stderr on a pseudo-terminal (what a person's terminal
    /// is), and returns the exit code and what the terminal received, `\r\n` as `\n`.
    pub(super) fn run(dir: &Path, args: &[&str], no_color: bool) -> (i32, String) {
        // A build on a busy machine can take longer than the line's delay: the progress line
        // is tested on its own, with a delay of its own.
        run_with_delay(dir, args, no_color, 600_000)
    }

    /// [`run`], with the progress line due after `delay_ms`.
    pub(super) fn run_with_delay(
        dir: &Path,
        args: &[&str],
        no_color: bool,
        delay_ms: u64,
    ) -> (i32, String) {
        use rustix::fs::{Mode, OFlags};
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master =
            openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let flags = OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC;
        let terminal = rustix::fs::open(name.as_c_str(), flags, Mode::empty()).unwrap();
        let size = rustix::termios::Winsize { ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0 };
        rustix::termios::tcsetwinsize(&terminal, size).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rounds"));
        cmd.args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1795651200")
            .env("TERM", "xterm-256color")
            .env("ROUNDS_PROGRESS_DELAY_MS", delay_ms.to_string())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .stdin(Stdio::null())
            .stdout(Stdio::from(terminal.try_clone().unwrap()))
            .stderr(Stdio::from(terminal));
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut child = cmd.spawn().unwrap();
        // The command holds our ends of the terminal: without them, reading stops when
        // rounds exits.
        drop(cmd);
        let reader = std::thread::spawn(move || {
            let mut screen = std::fs::File::from(master);
            let mut bytes = Vec::new();
            let mut chunk = [0u8; 8192];
            // Linux answers EIO once the other side is closed.
            while let Ok(n) = screen.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                bytes.extend_from_slice(&chunk[..n]);
            }
            bytes
        });
        let status = child.wait().unwrap();
        let bytes = reader.join().unwrap();
        (status.code().unwrap_or(-1), String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
    }

    /// Colour codes (SGR escape sequences) in terminal output.
    pub(super) fn colours(text: &str) -> usize {
        regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap().find_iter(text).count()
    }
}

#[cfg(unix)]
#[test]
fn no_color_turns_colours_off_on_a_terminal() {
    let t = site_with_a_warning();
    t.article("broken", "title: \"Broken\"\ndate: 2026-01-11\ntagz: [a]", "Text.\n");
    let (code, coloured) = terminal::run(t.root(), &["build"], false);
    assert_eq!(code, 1, "{coloured}");
    assert!(coloured.contains("yaml.unknown_key"), "{coloured}");
    assert!(terminal::colours(&coloured) > 0, "a terminal gets colours: {coloured:?}");
    let (code, plain) = terminal::run(t.root(), &["build"], true);
    assert_eq!(code, 1);
    assert!(plain.contains("yaml.unknown_key"), "{plain}");
    assert_eq!(terminal::colours(&plain), 0, "NO_COLOR: {plain:?}");
    // rounds check prints to stdout: the same rule.
    let (_, plain) = terminal::run(t.root(), &["check"], true);
    assert!(plain.contains("yaml.unknown_key") && terminal::colours(&plain) == 0, "{plain:?}");
    let (_, coloured) = terminal::run(t.root(), &["check"], false);
    assert!(terminal::colours(&coloured) > 0);
}

#[cfg(unix)]
#[test]
fn a_quick_build_on_a_terminal_draws_no_progress_line() {
    let t = SiteTest::new();
    t.article("walking", "title: \"Walking\"\ndate: 2026-01-10", "Walking helps.\n");
    let (code, screen) = terminal::run(t.root(), &["build"], true);
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains('\r') && !screen.contains('\x1b'), "{screen:?}");
    assert!(screen.trim_end().lines().last().unwrap().starts_with("built "), "{screen}");
}

#[cfg(unix)]
#[test]
fn a_long_build_on_a_terminal_shows_a_progress_line_then_clears_it() {
    let t = SiteTest::new();
    for i in 0..300 {
        t.article(
            &format!("note-{i}"),
            &format!("title: \"Note {i}\"\ndate: 2026-01-{:02}\ntags: [notes]", i % 28 + 1),
            "Walking every day helps the heart.\n\n## More\n\nSleep helps too.\n",
        );
    }
    let fresh = || {
        let _ = std::fs::remove_dir_all(t.out());
        let _ = std::fs::remove_file(rounds::cache::path_for(&t.out()));
    };
    // "Long" is whatever outlasts the line's delay: a delay of 0 makes any build long, on a
    // fast machine and a busy one alike.
    fresh();
    let (code, screen) = terminal::run_with_delay(t.root(), &["build"], true, 0);
    assert_eq!(code, 0, "{screen}");
    let shown = ["reading articles", "rendering articles", "writing pages"]
        .iter()
        .any(|stage| screen.contains(stage));
    assert!(shown, "a build of 300 articles showed its progress: {screen:?}");
    assert!(screen.contains("\x1b[2K"), "the line is cleared: {screen:?}");
    assert_eq!(terminal::colours(&screen), 0, "{screen:?}");
    // The summary comes last, on a line of its own.
    let last = screen.rsplit(['\n', '\r']).find(|l| !l.trim().is_empty()).unwrap();
    assert!(last.trim_start_matches("\x1b[2K").starts_with("built "), "{screen:?}");
    fresh();
    let (code, quiet) = terminal::run_with_delay(t.root(), &["build", "--quiet"], true, 0);
    assert_eq!((code, quiet.as_str()), (0, ""), "--quiet draws no line either");
}

#[test]
fn init_sets_up_vs_code_and_its_problem_matcher_reads_rounds_check() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = rounds(dir.path(), &["init", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let site = dir.path().join("site");
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.join(rel)).unwrap()).unwrap()
    };
    let settings = json(".vscode/settings.json");
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 2);
    for (schema, files) in schemas {
        assert!(site.join(schema).is_file(), "{schema} is written");
        for f in files.as_array().unwrap() {
            assert!(site.join(f.as_str().unwrap()).is_file(), "{f} exists");
        }
    }
    assert_eq!(json(".vscode/extensions.json")["recommendations"][0], "redhat.vscode-yaml");

    // The problem matchers, as VS Code reads them, over what `rounds check` prints.
    let tasks = json(".vscode/tasks.json");
    let check = &tasks["tasks"][0];
    assert_eq!(check["group"]["isDefault"], true);
    let matchers = check["problemMatcher"].as_array().unwrap();
    let regex = |m: &serde_json::Value| {
        regex::Regex::new(m["pattern"]["regexp"].as_str().unwrap()).unwrap()
    };
    let (at_line, in_file) = (regex(&matchers[0]), regex(&matchers[1]));
    assert_eq!(matchers[1]["pattern"]["kind"], "file");
    let article = site.join("content/articles/welcome.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("draft: true", "draft: true\ntagz: [oops]")).unwrap();
    let args: Vec<&str> =
        check["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(check["command"], "rounds");
    let (code, stdout, _) = rounds(&site, &args);
    assert_eq!(code, 1);
    let mut found: Vec<(String, String, String, String)> = Vec::new();
    for line in stdout.lines() {
        // (file, line, severity, code): what the Problems panel lists.
        let problem = match (at_line.captures(line), in_file.captures(line)) {
            (Some(c), None) => (c[1].to_string(), c[2].to_string(), c[4].to_string(), c[5].into()),
            (None, Some(c)) => (c[1].to_string(), String::new(), c[2].to_string(), c[3].into()),
            (Some(_), Some(_)) => panic!("two matchers take {line}"),
            (None, None) => panic!("no matcher takes {line}"),
        };
        found.push(problem);
    }
    let line_of_tagz = text.lines().position(|l| l == "draft: true").unwrap() + 2;
    assert!(
        found.contains(&(
            "content/articles/welcome.md".into(),
            line_of_tagz.to_string(),
            "error".into(),
            "yaml.unknown_key".into()
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.1.is_empty() && f.2 == "warning"),
        "a file-level finding: {found:?}"
    );
    assert!(
        found.iter().all(|f| site.join(&f.0).is_file()),
        "paths relative to the site: {found:?}"
    );
}

#[test]
fn init_writes_a_github_pages_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = rounds(dir.path(), &["init", "site"]);
    assert_eq!(code, 0);
    let site = dir.path().join("site");
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    assert_eq!(text, github_workflow(&Install::current()));
    let w: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(w["on"]["push"]["branches"][0], "main");
    let cron = w["on"]["schedule"][0]["cron"].as_str().unwrap();
    let fields: Vec<&str> = cron.split(' ').collect();
    assert_eq!(fields[2..], ["*", "*", "*"], "every day: {cron}");
    assert!(w["on"].get("workflow_dispatch").is_some());
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["permissions"]["contents"], "read");

    let steps = w["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert_eq!(
        uses,
        [
            "actions/checkout@v7",
            "actions/cache@v5",
            "actions/configure-pages@v5",
            "actions/upload-pages-artifact@v5"
        ]
    );
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let check = runs.iter().position(|r| r.starts_with("rounds check --deny-warnings")).unwrap();
    let build = runs.iter().position(|r| r.starts_with("rounds build")).unwrap();
    assert!(check < build, "nothing is built for publishing until the check passes");
    let upload = steps.iter().find(|s| s["uses"] == "actions/upload-pages-artifact@v5").unwrap();
    assert_eq!(upload["with"]["path"], "public");
    let deploy = &w["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v5");

    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    let cache = rounds::cache::path_for(Path::new("public"));
    assert!(gitignore.lines().any(|l| l == "/public/"));
    assert!(gitignore.lines().any(|l| l == format!("/{}", cache.display())), "{gitignore}");
}

#[cfg(unix)]
/// The install step's script, run by bash as the runner would, with a stand-in `cargo` that
/// prints what it was asked to do.
fn run_install_step(workflow: &str) -> (i32, String, String) {
    let w: serde_yaml::Value = serde_yaml::from_str(workflow).unwrap();
    let step = w["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().is_some_and(|n| n.starts_with("Install rounds")))
        .unwrap();
    assert_eq!(step["if"], "steps.rounds-cache.outputs.cache-hit != 'true'");
    let bin = tempfile::tempdir().unwrap();
    let cargo = bin.path().join("cargo");
    std::fs::write(&cargo, "#!/bin/sh\necho \"cargo $*\"\n").unwrap();
    std::fs::set_permissions(&cargo, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap());
    let mut envs: Vec<(String, String)> = w["env"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string()))
        .collect();
    envs.push(("PATH".into(), path));
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // The runner's default shell: bash -e.
    bash(&format!("set -e\n{}", step["run"].as_str().unwrap()), &envs)
}

#[cfg(unix)]
#[test]
fn the_workflow_installs_the_rounds_that_made_the_site() {
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let git = github_workflow(&Install::Git {
        url: "https://github.com/example/rounds".into(),
        rev: Some(commit.into()),
    });
    let (code, stdout, stderr) = run_install_step(&git);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "cargo install --locked --git https://github.com/example/rounds --rev {commit} rounds\n"
        )
    );
    let branch = github_workflow(&Install::Git {
        url: "https://github.com/example/rounds".into(),
        rev: None,
    });
    let (_, stdout, _) = run_install_step(&branch);
    assert_eq!(stdout, "cargo install --locked --git https://github.com/example/rounds rounds\n");
    let registry = github_workflow(&Install::Registry { version: "0.3.1".into() });
    let (_, stdout, _) = run_install_step(&registry);
    assert_eq!(stdout, "cargo install --locked rounds --version =0.3.1\n");
    // Built from a copy with no public address: the run stops and says what to set.
    let (code, stdout, _) = run_install_step(&github_workflow(&Install::Unknown));
    assert_eq!(code, 1);
    assert!(stdout.starts_with("::error::Set ROUNDS_GIT"), "{stdout}");
}

#[test]
fn init_keeps_a_repositorys_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join(".vscode")).unwrap();
    std::fs::write(site.join(".gitignore"), "*.log\n").unwrap();
    std::fs::write(site.join(".vscode/settings.json"), "{ \"editor.fontSize\": 16 }\n").unwrap();
    let (code, _, stderr) = rounds(dir.path(), &["init", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(site.join(".gitignore")).unwrap(), "*.log\n");
    assert!(
        std::fs::read_to_string(site.join(".vscode/settings.json")).unwrap().contains("fontSize")
    );
    assert!(stderr.contains("kept") && stderr.contains(".gitignore"), "{stderr}");
    assert!(site.join(".vscode/tasks.json").is_file() && site.join("content/site.yaml").is_file());
    // A folder that already has a theme is refused before anything is written.
    let other = dir.path().join("other");
    std::fs::create_dir_all(other.join("themes/default")).unwrap();
    let (code, _, _) = rounds(dir.path(), &["init", "other"]);
    assert_eq!(code, 2);
    assert!(!other.join("content").exists());
}
