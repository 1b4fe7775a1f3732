//! Bad input: every error names file:line:col, says what is wrong and how to fix it, all
//! errors of a build are reported together, and nothing is written.

mod common;

use common::*;

fn site_with(rel: &str, text: &[u8]) -> SiteTest {
    let t = SiteTest::new();
    t.article("fine", "title: \"Fine\"\ndate: 2026-01-01", "Fine.\n");
    t.write_bytes(rel, text);
    t
}

fn only_error(t: &SiteTest) -> rounds::diag::Diagnostic {
    let r = t.build();
    assert!(r.failed(), "expected an error");
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == rounds::diag::Severity::Error)
        .cloned()
        .collect();
    assert_eq!(errors.len(), 1, "{}", common::errors(&r));
    assert!(!t.out().exists(), "nothing may be written on error");
    errors.into_iter().next().unwrap()
}

fn rel(t: &SiteTest, d: &rounds::diag::Diagnostic) -> String {
    d.location().replace(&format!("{}/", t.content().display()), "content/")
}

#[test]
fn bom_and_crlf_are_fine() {
    let t = SiteTest::new();
    t.write_bytes(
        "content/articles/bom.md",
        b"\xEF\xBB\xBF---\r\ntitle: \"With BOM\"\r\ndate: 2026-01-01\r\n---\r\nBody with CRLF.\r\n",
    );
    t.build_ok();
    assert_eq!(text(&t.html("articles/bom/index.html"), "h1"), "With BOM");
}

#[test]
fn missing_closing_line() {
    let t =
        site_with("content/articles/open.md", b"---\ntitle: \"Open\"\ndate: 2026-01-01\n\nBody\n");
    let d = only_error(&t);
    assert_eq!(d.code, "front_matter.unclosed");
    assert_eq!(rel(&t, &d), "content/articles/open.md:1:1");
    assert!(d.help.unwrap().contains("add a line with just `---`"));
}

#[test]
fn empty_file_and_missing_front_matter() {
    let t = site_with("content/articles/empty.md", b"");
    let d = only_error(&t);
    assert_eq!(d.code, "front_matter.empty");
    assert_eq!(rel(&t, &d), "content/articles/empty.md");
    let t = site_with("content/articles/bare.md", b"# Just a heading\n");
    let d = only_error(&t);
    assert_eq!(d.code, "front_matter.missing");
    assert_eq!(rel(&t, &d), "content/articles/bare.md:1:1");
}

#[test]
fn non_utf8_bytes() {
    let t = site_with(
        "content/articles/latin1.md",
        b"---\ntitle: \"Caf\xe9\"\ndate: 2026-01-01\n---\n",
    );
    let d = only_error(&t);
    assert_eq!(d.code, "source.not_utf8");
    assert_eq!(rel(&t, &d), "content/articles/latin1.md:2:12");
    assert!(d.help.unwrap().contains("UTF-8"));
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let t = site_with("content/articles/x.txt", b"");
    std::fs::remove_file(t.root().join("content/articles/x.txt")).unwrap();
    std::fs::create_dir_all(t.root().join("content/articles/loop")).unwrap();
    std::os::unix::fs::symlink(
        t.root().join("content/articles"),
        t.root().join("content/articles/loop/back"),
    )
    .unwrap();
    let d = only_error(&t);
    assert_eq!(d.code, "source.symlink_loop");
    assert!(rel(&t, &d).starts_with("content/articles/loop/back"), "{}", rel(&t, &d));
}

#[test]
fn misspelled_key_gets_did_you_mean_at_its_line() {
    let t = site_with(
        "content/articles/typo.md",
        b"---\ntitle: \"Typo\"\ndate: 2026-01-01\ncorection:\n  - date: 2026-02-01\n    text: x\n---\n",
    );
    let d = only_error(&t);
    assert_eq!(d.code, "yaml.unknown_key");
    assert_eq!(d.message, "unknown key `corection` in the front matter");
    assert_eq!(rel(&t, &d), "content/articles/typo.md:4:1");
    assert!(d.help.unwrap().starts_with("did you mean `corrections`?"));
}

#[test]
fn bad_date_and_wrong_type_are_plain_words() {
    let t = site_with("content/articles/date.md", b"---\ntitle: \"Date\"\ndate: 2026-13-01\n---\n");
    let d = only_error(&t);
    assert_eq!(d.message, "`date` is not a valid date");
    assert_eq!(rel(&t, &d), "content/articles/date.md:3:7");
    let t = site_with(
        "content/articles/tags.md",
        b"---\ntitle: \"Tags\"\ndate: 2026-01-01\ndraft: maybe\n---\n",
    );
    let d = only_error(&t);
    assert_eq!(d.message, "`draft` should be `true` or `false`, but it is the text \"maybe\"");
    assert_eq!(rel(&t, &d), "content/articles/tags.md:4:8");
    assert!(!d.message.contains("bool"));
}

#[test]
fn unknown_author_suggests_the_right_id() {
    let t = site_with(
        "content/articles/who.md",
        b"---\ntitle: \"Who\"\ndate: 2026-01-01\nauthor: jdoh\n---\n",
    );
    let d = only_error(&t);
    assert_eq!(d.code, "author.unknown");
    assert_eq!(rel(&t, &d), "content/articles/who.md:4:9");
    assert!(d.help.unwrap().starts_with("did you mean `jdoe`?"));
}

#[test]
fn every_error_is_reported_at_once_and_nothing_is_written() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01\ncorection: 1", "");
    t.article("b", "title: \"B\"\ndate: 2026-02-30", "");
    t.article("c", "title: \"C\"\ndate: 2026-01-01\nauthor: nobody", "");
    t.article("ok", "title: \"OK\"\ndate: 2026-01-01", "");
    // A site already built stays exactly as it was.
    t.write("content/pages/about.md", "---\ntitle: \"About\"\n---\nx\n");
    let good = SiteTest::new();
    good.article("ok", "title: \"OK\"\ndate: 2026-01-01", "");
    let mut opts = good.options();
    opts.out = t.out();
    assert!(!rounds::build(&opts).unwrap().failed());
    let before = tree(&t.out());
    let r = t.build();
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == rounds::diag::Severity::Error)
        .map(|d| {
            (d.code.to_string(), d.location().replace(&format!("{}/", t.content().display()), ""))
        })
        .collect();
    assert_eq!(
        errs,
        [
            ("yaml.unknown_key".to_string(), "articles/a.md:4:1".to_string()),
            ("yaml.bad_date".to_string(), "articles/b.md:3:7".to_string()),
            ("author.unknown".to_string(), "articles/c.md:4:9".to_string()),
        ]
    );
    assert_eq!(tree(&t.out()), before, "the previous site is untouched");
}

#[test]
fn bad_site_yaml_and_bad_template() {
    let t = SiteTest::new();
    t.write("content/site.yaml", "title: T\nbase_url: https://x.example/\nper_pge: 3\n");
    let d = only_error(&t);
    assert_eq!(rel(&t, &d), "content/site.yaml:3:1");
    assert!(d.help.unwrap().starts_with("did you mean `per_page`?"));

    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "x");
    let theme = t.root().join("theme");
    copy_dir(&repo().join("themes/default"), &theme);
    std::fs::write(
        theme.join("templates/tags.html"),
        "{% extends \"base.html\" %}\n{% block main %}{{ tags.nope }}{% endblock main %}\n",
    )
    .unwrap();
    let mut opts = t.options();
    opts.theme = Some(theme.clone());
    let r = rounds::build(&opts).unwrap();
    assert!(r.failed());
    let d = r.diagnostics.iter().find(|d| d.code == "theme.template").expect("a template error");
    assert!(d.location().ends_with("templates/tags.html:2:25"), "{}", d.location());
}

#[test]
fn rendered_diagnostic_reads_like_rustc() {
    let t = site_with(
        "content/articles/typo.md",
        b"---\ntitle: \"Typo\"\ndate: 2026-01-01\nreviewd_by: asmith\n---\n",
    );
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 1);
    let expected = "  × unknown key `reviewd_by` in the front matter\n   ╭─[content/articles/typo.md:4:1]\n 3 │ date: 2026-01-01\n 4 │ reviewd_by: asmith\n   · ─────┬────\n   ·      ╰── not a key rounds knows\n 5 │ ---\n   ╰────\n  help: did you mean `reviewed_by`?";
    assert!(stderr.contains(expected), "{stderr}");
    assert!(stderr.contains("build failed: 1 error(s)"), "{stderr}");
}
