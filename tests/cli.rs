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
