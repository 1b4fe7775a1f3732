//! The publishing workflow `rounds init` writes: `.github/workflows/publish.yml`, which builds,
//! checks and deploys the site to GitHub Pages with GitHub's own Pages actions.
//!
//! Input: how this `rounds` can be installed again on a fresh machine ([`Install`], from what
//! build.rs recorded). Output: the workflow's text. It runs on every push to `main`, once a day
//! (so an article dated in the future is published on its day, with no one at a keyboard), and
//! by hand. Nothing is deployed when `rounds check --deny-warnings` finds anything: the site
//! that is online stays as it was. docs/publishing.md explains each step and the other hosts.
//!
//! The workflow installs the very `rounds` that created the site, pinned to its commit, with
//! `cargo install --locked` (the runner has Rust), and caches the binary under that commit:
//! the first run compiles it once, later runs restore it in seconds.

use crate::version;

/// Where the publishing workflow installs rounds from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Install {
    /// `cargo install --git URL [--rev COMMIT]`.
    Git {
        /// The repository's https address.
        url: String,
        /// The commit; `None` installs the repository's default branch.
        rev: Option<String>,
    },
    /// `cargo install rounds --version =VERSION` from crates.io.
    Registry {
        /// The package version.
        version: String,
    },
    /// This rounds was built from a copy with no known public home; the workflow asks for one.
    Unknown,
}

impl Install {
    /// How to install the `rounds` that is running.
    pub fn current() -> Install {
        Install::resolve(
            version::VERSION,
            version::COMMIT,
            version::GIT_URL,
            env!("CARGO_PKG_REPOSITORY"),
            version::PACKAGED == "1",
        )
    }

    /// A published package installs again by version; a git checkout from the repository it
    /// was cloned from (or Cargo.toml's `repository`) at its commit.
    pub fn resolve(
        version: &str,
        commit: &str,
        git_url: &str,
        repository: &str,
        packaged: bool,
    ) -> Install {
        if packaged {
            return Install::Registry { version: version.to_string() };
        }
        let url = [git_url, repository].into_iter().find(|u| u.starts_with("https://"));
        match url {
            Some(url) => Install::Git {
                url: url.trim_end_matches('/').to_string(),
                rev: (!commit.is_empty()).then(|| commit.to_string()),
            },
            None => Install::Unknown,
        }
    }

    /// The workflow's `env:` lines (indented two spaces).
    fn env(&self) -> String {
        match self {
            Install::Git { url, rev } => format!(
                "  ROUNDS_GIT: {url}\n  ROUNDS_REV: \"{}\"\n",
                rev.as_deref().unwrap_or_default()
            ),
            Install::Registry { version } => format!("  ROUNDS_VERSION: \"{version}\"\n"),
            Install::Unknown => "  ROUNDS_GIT: \"\"\n  ROUNDS_REV: \"\"\n".to_string(),
        }
    }

    /// What the binary is cached under: a new pin installs afresh.
    fn cache_key(&self) -> &'static str {
        match self {
            Install::Registry { .. } => "rounds-${{ runner.os }}-${{ env.ROUNDS_VERSION }}",
            _ => "rounds-${{ runner.os }}-${{ env.ROUNDS_GIT }}-${{ env.ROUNDS_REV }}",
        }
    }

    /// The install step's script (indented ten spaces).
    fn script(&self) -> String {
        let lines: &[&str] = match self {
            Install::Registry { .. } => {
                &[r#"cargo install --locked rounds --version "=$ROUNDS_VERSION""#]
            }
            _ => &[
                r#"if [ -z "$ROUNDS_GIT" ]; then"#,
                r#"  echo "::error::Set ROUNDS_GIT near the top of this file to the address of the rounds repository, and ROUNDS_REV to the commit to install.""#,
                r#"  exit 1"#,
                r#"fi"#,
                r#"cargo install --locked --git "$ROUNDS_GIT" ${ROUNDS_REV:+--rev "$ROUNDS_REV"} rounds"#,
            ],
        };
        lines.iter().map(|l| format!("          {l}\n")).collect()
    }

    /// One line for people: where the workflow installs rounds from.
    pub fn describe(&self) -> String {
        match self {
            Install::Git { url, rev: Some(rev) } => {
                format!("{url} at commit {}", &rev[..rev.len().min(12)])
            }
            Install::Git { url, rev: None } => format!("{url} (its default branch)"),
            Install::Registry { version } => format!("crates.io, version {version}"),
            Install::Unknown => "nowhere yet: set ROUNDS_GIT in the workflow".to_string(),
        }
    }
}

/// The GitHub Actions workflow that publishes the site to GitHub Pages.
pub fn github_workflow(install: &Install) -> String {
    WORKFLOW
        .replace("{env}", &install.env())
        .replace("{cache_key}", install.cache_key())
        .replace("{install}", &install.script())
        .replace("{version}", version::long())
}

const WORKFLOW: &str = r#"# Publishes the site on GitHub Pages: on every push to the main branch, once a day (so an
# article dated in the future appears on its day), and by hand from the Actions tab.
#
# Once, on GitHub: Settings -> Pages -> Build and deployment -> Source: "GitHub Actions".
# The site's address is then shown on that page, and the workflow builds the site for it.
#
# Nothing is published while `rounds check --deny-warnings` finds a problem: the site that is
# online stays as it was, and GitHub e-mails you that the run failed. Run `rounds check` on
# your computer to see the same findings.
#
# Written by `rounds init` ({version}).
name: Publish

on:
  push:
    branches: [main]
  schedule:
    # Every day at 06:17 UTC (early morning in the Americas, midday in Europe). A schedule
    # only runs on the default branch, and GitHub pauses it after 60 days without commits
    # in a public repository; the Actions tab turns it back on.
    - cron: "17 6 * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a run that is under way is never cancelled half-way.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The rounds that created this site. Change the commit (or version) to upgrade.
{env}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the site
        uses: actions/checkout@v7

      - name: Restore rounds
        id: rounds-cache
        uses: actions/cache@v5
        with:
          path: ~/.cargo/bin/rounds
          key: {cache_key}

      - name: Install rounds (the first run compiles it, a few minutes)
        if: steps.rounds-cache.outputs.cache-hit != 'true'
        run: |
{install}
      - name: Configure GitHub Pages
        id: pages
        uses: actions/configure-pages@v5

      - name: Check the articles
        run: rounds check --deny-warnings --base-url "${{ steps.pages.outputs.base_url }}/"

      - name: Build the site
        run: rounds build --base-url "${{ steps.pages.outputs.base_url }}/"

      - name: Upload the site
        uses: actions/upload-pages-artifact@v5
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkout_installs_its_commit_from_where_it_was_cloned() {
        let c = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            Install::resolve("0.1.0", c, "https://github.com/a/rounds", "", false),
            Install::Git { url: "https://github.com/a/rounds".into(), rev: Some(c.into()) }
        );
        // No usable remote: Cargo.toml's repository.
        assert_eq!(
            Install::resolve("0.1.0", c, "", "https://github.com/b/rounds/", false),
            Install::Git { url: "https://github.com/b/rounds".into(), rev: Some(c.into()) }
        );
        assert_eq!(
            Install::resolve("0.1.0", "", "https://github.com/a/rounds", "", false),
            Install::Git { url: "https://github.com/a/rounds".into(), rev: None }
        );
        assert_eq!(
            Install::resolve("0.2.0", c, "", "https://github.com/b/rounds", true),
            Install::Registry { version: "0.2.0".into() }
        );
        assert_eq!(Install::resolve("0.1.0", c, "", "", false), Install::Unknown);
    }

    #[test]
    fn the_workflow_pins_the_install() {
        let c = "0123456789abcdef0123456789abcdef01234567";
        let git = github_workflow(&Install::Git {
            url: "https://github.com/a/rounds".into(),
            rev: Some(c.into()),
        });
        assert!(git.contains("  ROUNDS_GIT: https://github.com/a/rounds\n"));
        assert!(git.contains(&format!("  ROUNDS_REV: \"{c}\"\n")));
        assert!(git.contains("cargo install --locked --git \"$ROUNDS_GIT\""));
        let registry = github_workflow(&Install::Registry { version: "0.2.0".into() });
        assert!(registry.contains("  ROUNDS_VERSION: \"0.2.0\"\n"));
        assert!(registry.contains("cargo install --locked rounds --version \"=$ROUNDS_VERSION\""));
        assert!(registry.contains("key: rounds-${{ runner.os }}-${{ env.ROUNDS_VERSION }}"));
        let unknown = github_workflow(&Install::Unknown);
        assert!(unknown.contains("::error::Set ROUNDS_GIT"));
        for text in [git, registry, unknown] {
            for placeholder in ["{env}", "{cache_key}", "{install}", "{version}"] {
                assert!(!text.contains(placeholder), "{placeholder} is filled in");
            }
        }
    }
}
