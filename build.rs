//! Records which commit `rounds` was built from, for `rounds --version` and for the publishing
//! workflow `rounds init` writes (which installs the same rounds the author previews with).
//!
//! Sets three environment variables for the crate, each empty when unknown:
//! - `ROUNDS_COMMIT`: the full commit hash, from `git` when the package folder is a git
//!   checkout (a clone, `cargo install --path .`), else from `.cargo_vcs_info.json` (which
//!   `cargo package` writes into a crates.io tarball);
//! - `ROUNDS_COMMIT_DATE`: that commit's date (YYYY-MM-DD), from git only;
//! - `ROUNDS_GIT_URL`: where the commit can be fetched from (the `origin` remote, as an
//!   https address), from git only;
//! - `ROUNDS_PACKAGED`: `1` when built from a published package (a crates.io tarball, as
//!   `cargo install rounds` builds), which a registry can install again by version.
//!
//! Anything missing (no `.git`, no `git` program, a detached copy) leaves the values empty and
//! never fails the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let (commit, date, url, packaged) = if dir.join(".git").exists() {
        let (commit, date, url) = from_git(&dir);
        (commit, date, url, false)
    } else {
        println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
        let commit = from_vcs_info(&dir);
        let packaged = dir.join(".cargo_vcs_info.json").is_file();
        (commit, String::new(), String::new(), packaged)
    };
    println!("cargo:rustc-env=ROUNDS_COMMIT={commit}");
    println!("cargo:rustc-env=ROUNDS_COMMIT_DATE={date}");
    println!("cargo:rustc-env=ROUNDS_GIT_URL={url}");
    println!("cargo:rustc-env=ROUNDS_PACKAGED={}", if packaged { "1" } else { "" });
}

/// Runs git in `dir`; its trimmed output, or `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn from_git(dir: &Path) -> (String, String, String) {
    // Rebuild when HEAD moves: a commit, a checkout, a fetch that updates packed refs. In a
    // worktree HEAD lives in its own git folder and the refs in the common one.
    for (flag, files) in
        [("--git-dir", &["HEAD"][..]), ("--git-common-dir", &["packed-refs", "config"][..])]
    {
        if let Some(d) = git(dir, &["rev-parse", flag]) {
            let d = dir.join(d);
            for f in files {
                println!("cargo:rerun-if-changed={}", d.join(f).display());
            }
        }
    }
    if let (Some(common), Some(head)) =
        (git(dir, &["rev-parse", "--git-common-dir"]), git(dir, &["symbolic-ref", "-q", "HEAD"]))
    {
        println!("cargo:rerun-if-changed={}", dir.join(common).join(head).display());
    }
    let commit = git(dir, &["rev-parse", "HEAD"]).unwrap_or_default();
    let date = git(dir, &["show", "-s", "--format=%cs", "HEAD"]).unwrap_or_default();
    let url =
        git(dir, &["remote", "get-url", "origin"]).and_then(|u| https_url(&u)).unwrap_or_default();
    (commit, date, url)
}

/// An https address for a remote, or `None` for one a build machine cannot fetch from (a
/// local path, a file:// address).
fn https_url(remote: &str) -> Option<String> {
    let remote = remote.trim();
    if let Some(rest) = remote.strip_prefix("https://") {
        // Drop credentials ("https://user:token@host/...") so they are never printed.
        let rest = rest.split_once('@').filter(|(c, _)| !c.contains('/')).map_or(rest, |(_, r)| r);
        return Some(format!("https://{rest}"));
    }
    // git@github.com:owner/repo.git and ssh://git@github.com/owner/repo.git
    let scp = remote.strip_prefix("ssh://").unwrap_or(remote);
    let (user_host, path) = scp.split_once([':', '/'])?;
    let host = user_host.rsplit('@').next()?;
    if host.is_empty() || !user_host.contains('@') {
        return None;
    }
    // ssh://git@host:2222/owner/repo: the port is ssh's, not the web server's.
    let path = match path.split_once('/') {
        Some((port, rest)) if port.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => path,
    };
    Some(format!("https://{host}/{}", path.trim_start_matches('/')))
}

/// The commit recorded by `cargo package` in a published tarball.
fn from_vcs_info(dir: &Path) -> String {
    let Ok(text) = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")) else {
        return String::new();
    };
    // {"git": {"sha1": "<40 hex digits>", ...}, ...}: no JSON parser needed for one field.
    text.split("\"sha1\"")
        .nth(1)
        .and_then(|rest| rest.split('"').nth(1))
        .filter(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_default()
        .to_string()
}

// build.rs cannot have tests of its own; tests/version.rs includes this file as a module.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_https_addresses_without_credentials() {
        let https = |r| https_url(r);
        assert_eq!(
            https("https://github.com/a/rounds.git").as_deref(),
            Some("https://github.com/a/rounds.git")
        );
        assert_eq!(
            https("https://me:t0ken@github.com/a/rounds").as_deref(),
            Some("https://github.com/a/rounds")
        );
        assert_eq!(
            https("git@github.com:a/rounds.git").as_deref(),
            Some("https://github.com/a/rounds.git")
        );
        assert_eq!(
            https("ssh://git@gitlab.com/a/rounds").as_deref(),
            Some("https://gitlab.com/a/rounds")
        );
        assert_eq!(
            https("ssh://git@host.org:2222/a/rounds").as_deref(),
            Some("https://host.org/a/rounds")
        );
        for local in ["/work/main", "../rounds", "file:///srv/rounds.git", "C:/src/rounds"] {
            assert_eq!(https(local), None, "{local}");
        }
    }

    #[test]
    fn a_published_package_knows_its_commit_and_a_bare_copy_knows_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(from_vcs_info(dir.path()), "");
        let sha = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(
            dir.path().join(".cargo_vcs_info.json"),
            format!(
                "{{\n  \"git\": {{\n    \"sha1\": \"{sha}\"\n  }},\n  \"path_in_vcs\": \"\"\n}}"
            ),
        )
        .unwrap();
        assert_eq!(from_vcs_info(dir.path()), sha);
        std::fs::write(dir.path().join(".cargo_vcs_info.json"), "{\"git\": {\"sha1\": \"zz\"}}")
            .unwrap();
        assert_eq!(from_vcs_info(dir.path()), "");
    }
}
