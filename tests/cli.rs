//! The command line contract: exit codes, the output-folder safety rules, `new` and `init`.

mod common;

use common::*;

#[test]
fn exit_codes_are_0_1_2() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Hello.\n");
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.lines().last().unwrap().starts_with("built "), "{stderr}");
    t.article("b", "title: \"B\"\ndate: 2026-01-01\nautor: jdoe", "");
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = t.run(&["build", "--no-such-flag"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = t.run(&["build", "--source", "nowhere"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("site.yaml"), "{stderr}");
}

#[test]
fn output_folder_safety() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Hello.\n");
    for bad in ["content", ".", "/"] {
        let (code, _, stderr) = t.run(&["build", "--out", bad]);
        assert_eq!(code, 2, "--out {bad}: {stderr}");
        assert!(stderr.contains("refusing"), "{stderr}");
    }
    // A folder with someone else's files is never written into.
    t.write("notes/keep.txt", "mine");
    let (code, _, stderr) = t.run(&["build", "--out", "notes"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("rounds did not create it"), "{stderr}");
    assert_eq!(std::fs::read_dir(t.root().join("notes")).unwrap().count(), 1);
    assert!(t.root().join("content/site.yaml").exists());
}

#[test]
fn new_writes_a_draft_and_init_makes_a_site_that_builds() {
    let t = SiteTest::new();
    let (code, _, stderr) = t.run(&["new", "Flu shots: who, when and why"]);
    assert_eq!(code, 0, "{stderr}");
    let text =
        std::fs::read_to_string(t.root().join("content/articles/flu-shots-who-when-and-why.md"))
            .unwrap();
    assert!(
        text.contains("title: \"Flu shots: who, when and why\"\ndate: 2026-11-26\nauthor: jdoe\n"),
        "{text}"
    );
    assert!(text.contains("draft: true"));
    let (code, _, _) = t.run(&["new", "Flu shots: who, when and why"]);
    assert_eq!(code, 2, "never overwrites");
    // The draft builds (left out of the site) without errors.
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!t.exists("articles/flu-shots-who-when-and-why/index.html"));

    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rounds"))
        .args(["init"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rounds"))
        .args(["build", "--drafts"])
        .current_dir(&site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(site.join("public/articles/welcome/index.html").exists());
    assert!(site.join("public/about/index.html").exists());
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_rounds"))
        .args(["init"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "init refuses an existing site");
}

#[test]
fn without_a_theme_folder_the_built_in_theme_is_used() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Hello.\n");
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(t.exists("style.css"));
    assert_eq!(text(&t.html("articles/a/index.html"), "h1"), "A");
}

/// (file name, flagged text) of every `site.placeholder` finding, sorted.
fn placeholders(
    r: &rounds::BuildReport,
    severity: rounds::diag::Severity,
) -> Vec<(String, String)> {
    let mut found: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "site.placeholder")
        .map(|d| {
            assert_eq!(d.severity, severity, "{}", d.location());
            let file = d.file.as_ref().unwrap();
            let span = d.span.unwrap();
            let name = file.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, file.text[span.start..span.end].to_string())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_placeholder_that_init_and_new_write_is_an_error_when_published() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    let rounds = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rounds"))
            .args(args)
            .current_dir(&site)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1795651200") // 2026-11-26
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    std::fs::create_dir_all(&site).unwrap();
    assert_eq!(rounds(&["init", "."]).0, Some(0));
    assert_eq!(rounds(&["new", "Flu shots"]).0, Some(0));
    let content = site.join("content");
    let options = |drafts| rounds::BuildOptions {
        source: content.clone(),
        theme: Some(site.join("themes/default")),
        out: site.join("public"),
        drafts,
        base_url: None,
        now: jiff::civil::date(2026, 11, 26),
        progress: Default::default(),
    };
    let expected: Vec<(String, String)> = [
        ("about.md", "[Replace this: who writes this site, who owns and funds it, and how articles are reviewed. Say that there are no advertisers or sponsors, or name them.]"),
        ("advertising-policy.md", "[Replace this: whether the site takes advertising or sponsorship, and how sponsored content would be labelled.]"),
        ("authors.yaml", "[Replace this: two or three sentences about your training and practice.]"),
        ("authors.yaml", "[Replace this: your name]"),
        ("authors.yaml", "[Replace this: your role, e.g. Family physician]"),
        ("authors.yaml", "yourid"),
        ("contact.md", "[Replace this: how to reach the practice, and that medical questions and emergencies must not be sent by e-mail.]"),
        ("disclaimer.md", "[Replace this: the articles are for general education, they do not replace care from your own clinician, and what to do in an emergency.]"),
        ("flu-shots.md", "Cite every fact with its key from references.yaml"),
        ("flu-shots.md", "One or two sentences for feeds, search results and share cards."),
        ("flu-shots.md", "Start with what the reader most needs to know."),
        ("privacy.md", "[Replace this: what the site collects (ideally nothing), that it sets no cookies and loads nothing from other sites.]"),
        ("site.yaml", "[Replace this: one sentence about the site]"),
        ("site.yaml", "[Replace this: practice name]"),
        ("site.yaml", "[Replace this: public e-mail address]"),
        ("site.yaml", "[Replace this: public phone number]"),
        ("site.yaml", "[Replace this: your site's name]"),
        ("site.yaml", "base_url: \"https://example.org/\"      # where the site will be published"),
        ("welcome.md", "This is an example article. Replace it with your first one"),
    ]
    .iter()
    .map(|(f, t)| (f.to_string(), t.to_string()))
    .collect();

    // A preview (`--drafts`) shows every one as a warning and still builds.
    let r = rounds::build(&options(true)).unwrap();
    assert!(!r.failed(), "{}", errors(&r));
    assert_eq!(placeholders(&r, rounds::diag::Severity::Warning), expected);

    // Published as written, each one is an error, and the build fails.
    let edit = |rel: &str, from: &str, to: &str| {
        let p = content.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        std::fs::write(&p, text.replace(from, to)).unwrap();
    };
    edit("articles/welcome.md", "draft: true\n", "");
    edit("articles/flu-shots.md", "draft: true             # remove this line to publish\n", "");
    let r = rounds::build(&options(false)).unwrap();
    assert!(r.failed());
    assert_eq!(placeholders(&r, rounds::diag::Severity::Error), expected);
    let (code, stderr) = rounds(&["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("site.placeholder"), "{stderr}");

    // With each replaced by the author's own words, the site publishes.
    for (file, text) in &expected {
        let rel = match file.as_str() {
            "site.yaml" | "authors.yaml" => file.clone(),
            "welcome.md" | "flu-shots.md" => format!("articles/{file}"),
            page => format!("pages/{page}"),
        };
        let own = match text.as_str() {
            "yourid" => "mokafor".to_string(),
            t if t.starts_with("base_url") => "base_url: \"https://clinic.example/\"".to_string(),
            t if t.contains("e-mail address") => "office@clinic.example".to_string(),
            t if t.contains("phone") => "(555) 010-0100".to_string(),
            _ => "Written by the clinic's own doctors.".to_string(),
        };
        edit(&rel, text, &own);
    }
    for rel in ["site.yaml", "articles/welcome.md", "articles/flu-shots.md"] {
        edit(rel, "yourid", "mokafor");
    }
    let r = rounds::build(&options(false)).unwrap();
    assert!(!r.failed(), "{}", errors(&r));
    assert!(placeholders(&r, rounds::diag::Severity::Error).is_empty());
    assert!(site.join("public/articles/flu-shots/index.html").exists());
}

#[test]
fn the_steps_init_prints_work_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let run = |cwd: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rounds"))
            .args(args)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = [out.stdout, out.stderr].concat();
        (out.status.code(), String::from_utf8_lossy(&text).into_owned())
    };
    let (code, stderr) = run(dir.path(), &["init", "mysite"]);
    assert_eq!(code, Some(0), "{stderr}");
    let steps: Vec<&str> = stderr
        .split_once("Next:\n")
        .unwrap_or_else(|| panic!("no next steps in:\n{stderr}"))
        .1
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim_start().split("  ").next().unwrap().trim_end())
        .collect();
    assert_eq!(
        steps,
        ["cd mysite", "rounds serve --drafts", "rounds check", "rounds build"],
        "{stderr}"
    );
    let site = dir.path().join("mysite");
    // `rounds serve --drafts` builds as `rounds build --drafts` does, then serves: a fresh site
    // builds (its placeholders are warnings in a preview).
    let (code, stderr) = run(&site, &["build", "--drafts"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("warning"), "{stderr}");
    // `rounds check` lists the placeholders, as printed, and so does a publishing build, which
    // the steps say comes once none is left.
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("[Replace this: your site's name]"), "{stderr}");
    let (code, stderr) = run(&site, &["build"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("site.placeholder"), "{stderr}");
}
