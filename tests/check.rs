//! `rounds check`: the JSON contract and exit codes, every check code at its file:line:col,
//! privacy suppressions, the demo blog, no output written, and metadata stripped from images.

mod common;

use common::*;
use serde_json::Value;

/// Runs `rounds check --format json` (plus `args`) and parses the output.
fn check_json(t: &SiteTest, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let (code, stdout, stderr) = t.run(&all);
    let json: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    (code, json)
}

/// The findings with `code` as "file:line:col" (file relative to the site root).
fn at(json: &Value, code: &str) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| format!("{}:{}:{}", f["file"].as_str().unwrap_or(""), f["line"], f["column"]))
        .collect()
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// "file:line:col" of the `n`-th (0-based) occurrence of `needle` in an article's text, in
/// characters, as the checks report it.
fn pos(file: &str, text: &str, needle: &str, n: usize) -> String {
    let i = text.match_indices(needle).nth(n).unwrap_or_else(|| panic!("{needle:?}")).0;
    let (line, col) = rounds::diag::line_col(text, i);
    format!("{file}:{line}:{col}")
}

/// Writes an article and returns its whole text (front matter included).
fn article(t: &SiteTest, slug: &str, front: &str, body: &str) -> String {
    t.article(slug, front, body);
    format!("---\n{front}\n---\n{body}")
}

const REVIEWED: &str = "date: 2026-10-01\nreviewed_by: asmith\nreviewed_on: 2026-10-02";
const REFS: &str = "references:\n  - id: doe2020\n    type: article-journal\n    title: \"A trial\"\n    author: [{family: Doe, given: Jane}]\n    container-title: \"J Test\"\n    container-title-short: \"J Test\"\n    issued: {date-parts: [[2020]]}";

#[test]
fn json_shape_and_exit_codes() {
    let t = SiteTest::new();
    article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), "Plain words [@doe2020].\n");
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["findings"], Value::Array(vec![]), "{json:#}");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["file"], "content/articles/a.md");
    let r = &articles[0]["readability"];
    for key in ["smog", "flesch_kincaid_grade", "flesch_reading_ease"] {
        let x = r[key].as_f64().unwrap();
        assert_eq!((x * 10.0).round() / 10.0, x, "{key} is rounded to one decimal");
    }
    assert_eq!((r["words"].as_u64(), r["sentences"].as_u64()), (Some(2), Some(1)));
    assert!(r["syllables"].as_u64().unwrap() >= 2);

    // A warning: exit 0, or 1 with --deny-warnings. Every finding has the documented keys.
    article(&t, "b", &format!("title: \"B\"\n{REVIEWED}"), "No sources here.\n");
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 0);
    let f = &json["findings"][0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    for key in
        ["file", "line", "column", "end_line", "end_column", "code", "severity", "message", "help"]
    {
        assert!(keys.contains(&key), "{key} missing from {f}");
    }
    assert_eq!(f["code"], "citation.none");
    assert_eq!(f["severity"], "warning");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(2), Some(8)));
    assert_eq!((f["end_line"].as_u64(), f["end_column"].as_u64()), (Some(2), Some(11)));
    let (code, _) = check_json(&t, &["--deny-warnings"]);
    assert_eq!(code, 1);

    // An error: exit 1. A usage error: exit 2.
    article(
        &t,
        "c",
        &format!("title: \"C\"\n{REVIEWED}\n{REFS}"),
        "See [x](/nowhere/) [@doe2020].\n",
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        json["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").count(),
        1
    );
    let (code, _, stderr) = t.run(&["check", "--now", "15/01/2026"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = t.run(&["check", "--source", "nowhere"]);
    assert_eq!(code, 2);
    let (code, _, _) = t.run(&["check", "--format", "yaml"]);
    assert_eq!(code, 2);
}

#[test]
fn text_output_groups_findings_by_article_with_scores() {
    let t = SiteTest::new();
    let text =
        article(&t, "a", &format!("title: \"A\"\n{REVIEWED}"), "Call me at (617) 555-0142.\n");
    article(&t, "b", &format!("title: \"B\"\n{REVIEWED}\n{REFS}"), "Fine [@doe2020].\n");
    let (code, stdout, _) = t.run(&["check"]);
    assert_eq!(code, 1, "a patient's phone number is an error:\n{stdout}");
    let a = stdout.find("content/articles/a.md: SMOG").expect("a's score line");
    let b = stdout.find("content/articles/b.md: SMOG").expect("b's score line");
    assert!(a < b);
    let phone = stdout.find("privacy.phone").unwrap();
    assert!(a < phone && phone < b, "a's findings come under a:\n{stdout}");
    let at = pos("content/articles/a.md", &text, "(617)", 0);
    assert!(stdout.contains(&format!("╭─[{at}]")), "{stdout}");
    assert!(stdout.trim_end().ends_with("1 error, 1 warning"), "{stdout}");
}

#[test]
fn privacy_findings_in_body_and_front_matter() {
    let t = SiteTest::new();
    let front = format!(
        "title: \"How Mrs. Okafor beat her cough\"\n{REVIEWED}\n{REFS}\n\
         description: \"Her MRN 00482913 is on file.\"\nimage: /images/card.png\n\
         image_alt: \"Mr. Hendricks in the waiting room\"\ncorrections:\n  - date: 2026-10-05\n    \
         text: \"We removed his SSN 123-45-6789.\""
    );
    let body = "My patient Gerald called from 312-555-0199 [@doe2020].\n\n\
                Jane Doe wrote this, and Doe et al found it [@doe2020].\n";
    let text = article(&t, "a", &front, body);
    let (_, json) = check_json(&t, &[]);
    let file = "content/articles/a.md";
    assert_eq!(at(&json, "privacy.phone"), [pos(file, &text, "312-555-0199", 0)]);
    assert_eq!(
        at(&json, "privacy.name"),
        [
            pos(file, &text, "Okafor", 0),
            pos(file, &text, "Hendricks", 0),
            pos(file, &text, "Gerald", 0)
        ],
        "the author (Jane Doe) and the cited author (Doe) are not flagged"
    );
    assert_eq!(at(&json, "privacy.mrn"), [pos(file, &text, "00482913", 0)]);
    assert_eq!(at(&json, "privacy.ssn"), [pos(file, &text, "123-45-6789", 0)]);
    let f = json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "privacy.phone");
    assert_eq!(f.unwrap()["severity"], "error", "a phone number stops the build");
}

#[test]
fn privacy_ok_suppresses_and_stale_entries_are_noted() {
    let t = SiteTest::new();
    t.write(
        "content/site.yaml",
        &format!(
            "{SITE_YAML}practice:\n  name: \"Riverside Clinic\"\n  phone: \"(555) 201-3000\"\n  \
             email: \"office@riverside.example\"\n"
        ),
    );
    let front = format!(
        "title: \"A\"\n{REVIEWED}\n{REFS}\nprivacy_ok:\n  - text: \"Mr. Hendricks\"\n    \
         reason: \"a public figure\"\n  - text: \"Mrs. Gone\"\n    reason: \"removed since\""
    );
    let body = "Mr. Hendricks spoke [@doe2020]. Call us at (555) 201-3000 or \
                office@riverside.example, at Riverside Clinic.\n";
    let text = article(&t, "a", &front, body);
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        codes(&json),
        ["privacy.stale_ok"],
        "suppressed name, practice phone, e-mail and name: only the stale entry is left"
    );
    assert_eq!(
        at(&json, "privacy.stale_ok"),
        [pos("content/articles/a.md", &text, "- text: \"Mrs. Gone\"", 0)]
    );
    assert_eq!(json["findings"][0]["severity"], "info");
}

#[test]
fn pages_are_scanned_too() {
    let t = SiteTest::new();
    let text = "---\ntitle: \"About\"\n---\nMy patient Gerald answers at 312-555-0199.\n";
    t.write("content/pages/about.md", text);
    let (_, json) = check_json(&t, &[]);
    let file = "content/pages/about.md";
    assert_eq!(at(&json, "privacy.name"), [pos(file, text, "Gerald", 0)]);
    assert_eq!(at(&json, "privacy.phone"), [pos(file, text, "312-555-0199", 0)]);
}

#[test]
fn case_stories_and_patient_photos_need_consent() {
    let t = SiteTest::new();
    let a = article(
        &t,
        "a",
        &format!("title: \"A\"\n{REVIEWED}\n{REFS}\ncase: true"),
        "x [@doe2020].\n",
    );
    let b = article(
        &t,
        "b",
        &format!(
            "title: \"B\"\n{REVIEWED}\n{REFS}\nimage: /images/card.png\nimage_alt: \"A rash\"\nimage_patient: true"
        ),
        "x [@doe2020].\n",
    );
    article(
        &t,
        "c",
        &format!("title: \"C\"\n{REVIEWED}\n{REFS}\ncase: true\nconsent: 2026-09-01"),
        "x [@doe2020].\n",
    );
    article(
        &t,
        "d",
        &format!("title: \"D\"\n{REVIEWED}\n{REFS}\ncase: true\ncomposite: true"),
        "x [@doe2020].\n",
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&json, "privacy.case_consent"), [pos("content/articles/a.md", &a, "true", 0)]);
    assert_eq!(at(&json, "privacy.patient_photo"), [pos("content/articles/b.md", &b, "true", 0)]);

    // A composite case is labelled for readers.
    t.remove("content/articles/a.md");
    t.remove("content/articles/b.md");
    t.build_ok();
    assert_eq!(
        text(&t.html("articles/d/index.html"), ".label-composite"),
        "Details changed to protect privacy"
    );
    assert!(select(&t.html("articles/c/index.html"), ".label-composite").is_empty());
}

#[test]
fn readability_grade_names_long_sentences_and_words() {
    let t = SiteTest::new();
    t.write(
        "content/site.yaml",
        &format!("{SITE_YAML}reading_grade_max: 8\nglossary: [hypertension]\n"),
    );
    let hard = "Cardiovascular complications of uncontrolled hypertension necessitate \
                individualized pharmacological management. Hypertension remains \
                underdiagnosed. Comprehensive evaluation facilitates appropriate \
                intervention, considering comorbidities and medication adherence \
                difficulties experienced by elderly individuals.\n";
    let text = article(
        &t,
        "a",
        &format!("title: \"Hard\"\n{REVIEWED}\n{REFS}"),
        &format!("{hard}\nMedication matters [@doe2020].\n"),
    );
    let (_, json) = check_json(&t, &[]);
    assert_eq!(
        at(&json, "readability.grade"),
        [pos("content/articles/a.md", &text, "\"Hard\"", 0)]
    );
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "readability.grade")
        .unwrap();
    let help = f["help"].as_str().unwrap();
    let line = pos("", &text, "Comprehensive", 0).split(':').nth(1).unwrap().to_string();
    assert!(
        help.contains(&format!(
            "line {line} \"Comprehensive evaluation facilitates appropriate intervention, considering...\" (15 words)"
        )),
        "{help}"
    );
    let words = help.split("Use shorter words").nth(1).unwrap();
    assert!(words.contains("medication (2)"), "{help}");
    assert!(!words.to_lowercase().contains("hypertension"), "glossary terms are left out: {help}");
    let smog = json["articles"][0]["readability"]["smog"].as_f64().unwrap();
    assert!(smog > 8.0 && f["message"].as_str().unwrap().contains(&format!("{smog:.1}")));
}

/// The body of a test passage (its Markdown heading dropped).
fn passage(name: &str) -> String {
    let path = repo().join("tests/fixtures/readability-es/passages").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
}

#[test]
fn readability_follows_the_language() {
    // Spanish: Szigriszt-Pazos and Fernández-Huerta, warned about below the Spanish target.
    let t = SiteTest::new();
    let spanish = SITE_YAML.replace("language: en-US", "language: es-MX");
    t.write(
        "content/site.yaml",
        &format!(
            "{spanish}readability:\n  es: {{ szigriszt_pazos_min: 65 }}\nglossary: [warfarina]\n"
        ),
    );
    let hard = article(
        &t,
        "dificil",
        &format!("title: \"Anticoagulantes\"\n{REVIEWED}\n{REFS}"),
        &format!("{} [@doe2020]\n", passage("hard-1-anticoagulantes.md")),
    );
    article(
        &t,
        "facil",
        &format!("title: \"Manos\"\n{REVIEWED}\n{REFS}"),
        &format!("{} [@doe2020]\n", passage("easy-1-lavarse-las-manos.md")),
    );
    let (_, json) = check_json(&t, &[]);
    assert_eq!(at(&json, "readability.grade"), Vec::<String>::new());
    assert_eq!(
        at(&json, "readability.ease"),
        [pos("content/articles/dificil.md", &hard, "\"Anticoagulantes\"", 0)]
    );
    let articles = json["articles"].as_array().unwrap();
    let hard_scores = &articles[0]["readability"];
    assert_eq!(articles[0]["language"], "es-MX");
    assert!(hard_scores.get("smog").is_none(), "no English score: {hard_scores}");
    let sp = hard_scores["szigriszt_pazos"].as_f64().unwrap();
    assert!(sp < 40.0 && hard_scores["inflesz"] == "muy difícil", "{hard_scores}");
    assert!(hard_scores["fernandez_huerta"].as_f64().unwrap() < 60.0, "{hard_scores}");
    let easy_scores = &articles[1]["readability"];
    assert!(easy_scores["szigriszt_pazos"].as_f64().unwrap() >= 65.0, "{easy_scores}");
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "readability.ease")
        .unwrap();
    let message = f["message"].as_str().unwrap();
    assert!(message.contains(&format!("{sp:.1} on Szigriszt-Pazos (\"muy difícil\"")), "{message}");
    assert!(message.contains("minimum of 65"), "{message}");
    let help = f["help"].as_str().unwrap();
    assert!(help.contains("`readability.es.szigriszt_pazos_min`"), "{help}");
    assert!(help.contains("\"La fibrilación auricular es una arritmia...\" (42 words)"), "{help}");
    let words = help.split("Use shorter words").nth(1).unwrap();
    assert!(words.contains("anticoagulante (2)"), "{help}");
    assert!(!words.contains("warfarina") && !words.contains("función"), "{help}");

    let (_, text, _) = t.run(&["check"]);
    assert!(
        text.contains("content/articles/facil.md: Szigriszt-Pazos 92.5 (INFLESZ \"muy fácil\"), Fernández-Huerta 96.2 (145 words, 16 sentences)"),
        "{text}"
    );

    // A language rounds has no formulas for: no score at all, and the report says so.
    t.write("content/site.yaml", &SITE_YAML.replace("language: en-US", "language: de"));
    let (_, json) = check_json(&t, &[]);
    assert!(json["articles"].as_array().unwrap().iter().all(|a| a["readability"].is_null()));
    assert_eq!(json["articles"][0]["language"], "de");
    assert!(!codes(&json).iter().any(|c| c.starts_with("readability.")));
    let (_, text, _) = t.run(&["check"]);
    assert!(
        text.contains(
            "content/articles/dificil.md: no readability score: rounds has no readability \
             formulas for language \"de\" (it scores English and Spanish)"
        ),
        "{text}"
    );
}

#[test]
fn readability_targets_in_site_yaml() {
    let t = SiteTest::new();
    let hard = "Cardiovascular complications of uncontrolled hypertension necessitate \
                individualized pharmacological management. Hypertension remains \
                underdiagnosed. Comprehensive evaluation facilitates appropriate intervention.\n";
    article(
        &t,
        "a",
        &format!("title: \"Hard\"\n{REVIEWED}\n{REFS}"),
        &format!("{hard}[@doe2020]\n"),
    );
    // The English limit: `readability.en.smog_max`, the older `reading_grade_max`, or 8.
    for (yaml, warned) in [
        ("", true),
        ("readability: { en: { smog_max: 20 } }\n", false),
        ("reading_grade_max: 20\n", false),
        ("readability: { es: { szigriszt_pazos_min: 90 } }\n", true),
    ] {
        t.write("content/site.yaml", &format!("{SITE_YAML}{yaml}"));
        let (code, json) = check_json(&t, &[]);
        assert_eq!(code, 0, "{yaml}: {json:#}");
        assert_eq!(!at(&json, "readability.grade").is_empty(), warned, "{yaml}: {json:#}");
    }
    // One place for the English limit; targets that can be reached; known languages only.
    t.write(
        "content/site.yaml",
        &format!("{SITE_YAML}reading_grade_max: 8\nreadability: {{ en: {{ smog_max: 7 }} }}\n"),
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&json, "config.readability"), ["content/site.yaml:10:1"]);
    t.write(
        "content/site.yaml",
        &format!("{SITE_YAML}readability:\n  es:\n    szigriszt_pazos_min: 155\n"),
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&json, "config.readability"), ["content/site.yaml:12:5"]);
    t.write("content/site.yaml", &format!("{SITE_YAML}readability:\n  de: {{ smog_max: 8 }}\n"));
    let (code, stdout, stderr) = t.run(&["check"]);
    let out = format!("{stdout}{stderr}");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`de`") && out.contains("`en`, `es`"), "{out}");
}

#[test]
fn broken_links_and_anchors_point_at_the_markdown() {
    let t = SiteTest::new();
    article(
        &t,
        "b",
        &format!("title: \"B\"\n{REVIEWED}\n{REFS}"),
        "## Side effects\n\nText [@doe2020].\n",
    );
    let body = "Good: [b](/articles/b/), [risks](/articles/b/#side-effects), [here](#top), \
                [card](/images/card.png), [feed](/feed.xml), [full](https://test.example/not-checked/).\n\n\
                Bad: [gone](/articles/gone/), [anchor](/articles/b/#risks), [rel](../../x.png) \
                [@doe2020].\n";
    let text = article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), body);
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    let file = "content/articles/a.md";
    assert_eq!(
        at(&json, "links.broken"),
        [
            pos(file, &text, "/articles/gone/", 0),
            pos(file, &text, "/articles/b/#risks", 0),
            pos(file, &text, "../../x.png", 0)
        ],
        "{json:#}"
    );
}

#[test]
fn images_need_descriptive_alt_text() {
    let t = SiteTest::new();
    let body = "![](/images/card.png)\n\n![IMG_1234.jpg](/images/card.png) \
                ![A green card](/images/card.png) [@doe2020].\n\n<img src=\"/images/card.png\">\n";
    let text = article(
        &t,
        "a",
        &format!(
            "title: \"A\"\n{REVIEWED}\n{REFS}\nimage: /images/card.png\nimage_alt: \"DSC0001\""
        ),
        body,
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    let file = "content/articles/a.md";
    assert_eq!(
        at(&json, "images.missing_alt"),
        [pos(file, &text, "![](", 0), pos(file, &text, "<img", 0)]
    );
    assert_eq!(
        at(&json, "images.alt_is_filename"),
        [pos(file, &text, "\"DSC0001\"", 0), pos(file, &text, "IMG_1234.jpg", 0)]
    );
}

#[test]
fn numbers_without_sources_and_articles_without_citations() {
    let t = SiteTest::new();
    let body = "About 38% of adults have it.\n\n\
                Nearly 1 in 3 adults has prediabetes [@doe2020].\n\n\
                These are the signs [@doe2020]:\n\n- 120 beats a minute or more\n\n\
                Take 500 mg twice a day, at 8 a.m. and 8 p.m., since 2019.\n";
    let text = article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), body);
    article(&t, "b", &format!("title: \"B\"\n{REVIEWED}"), "My own view.\n");
    article(&t, "c", &format!("title: \"C\"\n{REVIEWED}\nopinion: true"), "My own view.\n");
    let (_, json) = check_json(&t, &[]);
    assert_eq!(
        at(&json, "sources.uncited_numbers"),
        [pos("content/articles/a.md", &text, "38", 0)]
    );
    assert_eq!(at(&json, "citation.none"), ["content/articles/b.md:2:8"]);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "sources.uncited_numbers");
    assert_eq!(f.unwrap()["severity"], "info");
}

#[test]
fn numbers_in_correction_notes_schedules_ages_and_dates_need_no_source() {
    let t = SiteTest::new();
    let body = "Measles spreads fast [@doe2020].\n\n\
                > [!CORRECTION] 2026-10-02\n\
                > An earlier version said 2 doses protect 90 of 100 people. It is 97 of 100.\n\n\
                Children get two doses:\n\n\
                | Age | Vaccine |\n|---|---|\n| 12 to 15 months | MMR, first dose |\n\
                | 4–6 years | MMR, second dose |\n\n\
                | Test | How often |\n|---|---|\n| Blood pressure | 1 to 2 |\n\n\
                Adults aged 50 to 75, and everyone 65 and older, get a shot at 12 months, \
                then every 10 years. A 4-year-old is 4 years old.\n\n\
                The clinic moved on 10/02/2026, October 2-4, for the 2025-26 flu season, as in the '90s.\n\n\
                About 38% of adults have it.\n";
    let text = article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), body);
    let (_, json) = check_json(&t, &[]);
    assert_eq!(
        at(&json, "sources.uncited_numbers"),
        [pos("content/articles/a.md", &text, "38", 0)]
    );
}

#[test]
fn an_article_with_a_broken_front_matter_is_counted_and_keeps_its_images() {
    let t = SiteTest::new();
    for slug in ["a", "b"] {
        article(&t, slug, &format!("title: \"{slug}\"\n{REVIEWED}\n{REFS}"), "Words [@doe2020].\n");
    }
    t.write(
        "content/articles/flu/index.md",
        &format!("---\ntitle: \"Flu\"\n{REVIEWED}\nautor: jdoe\n---\n![A nurse](nurse.png)\n"),
    );
    let png = std::fs::read(repo().join("content/static/images/share-default.png")).unwrap();
    t.write_bytes("content/articles/flu/nurse.png", &png);
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&json, "yaml.unknown_key"), ["content/articles/flu/index.md:6:1"]);
    assert!(at(&json, "source.unused_file").is_empty(), "{json}");
    assert_eq!(json["unchecked"], serde_json::json!(["content/articles/flu/index.md"]));
    let (_, stdout, _) = t.run(&["check"]);
    let summary = stdout.lines().last().unwrap();
    assert!(summary.starts_with("checked 2 of 3 articles in "), "{summary}");
    assert!(summary.contains("(1 has errors to fix first)"), "{summary}");
    // A file in a folder with no index.md at all is still reported.
    t.write_bytes("content/articles/old/stray.png", &png);
    let (_, json) = check_json(&t, &[]);
    assert_eq!(at(&json, "source.unused_file"), ["content/articles/old/stray.png:null:null"]);
}

#[test]
fn citation_editorial_and_vanished_correction_warnings_are_in_the_same_list() {
    let t = SiteTest::new();
    let front = format!(
        "title: \"A\"\ndate: 2025-01-10\nreviewed_by: asmith\nreviewed_on: 2025-02-01\n{REFS}\n\
         corrections:\n  - date: 2025-03-01\n    text: \"Fixed a dose.\""
    );
    article(&t, "a", &front, "It worked in 26 [@doe2020].\n");
    t.build_ok();
    // The correction is deleted: the last build's log still has it.
    let text = article(
        &t,
        "a",
        &front.replace(
            "corrections:\n  - date: 2025-03-01\n    text: \"Fixed a dose.\"",
            "corrections: []",
        ),
        "It worked in 26 [@doe2020].\n",
    );
    let (_, json) = check_json(&t, &[]);
    let c = codes(&json);
    for code in ["cite.after_number", "review.overdue", "correction.vanished"] {
        assert!(c.contains(&code.to_string()), "{code} in {c:?}");
    }
    assert_eq!(at(&json, "review.overdue"), [pos("content/articles/a.md", &text, "2025-02-01", 0)]);
}

#[test]
fn check_writes_nothing() {
    let t = SiteTest::new();
    article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), "Hi [@doe2020].\n");
    let before = tree(t.root());
    let (code, _, _) = t.run(&["check"]);
    assert_eq!(code, 0);
    let (code, _, _) = t.run(&["check", "--out", "elsewhere", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(!t.out().exists() && !t.root().join("elsewhere").exists());
    assert_eq!(tree(t.root()), before, "no file was added or changed");
}

#[test]
fn the_demo_blog_checks_clean_but_for_its_two_deliberate_warnings() {
    let t = SiteTest::demo();
    let (code, json) =
        check_json(&t, &["--theme", &repo().join("themes/default").display().to_string()]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(
        at(&json, "review.overdue"),
        ["content/articles/when-to-go-to-the-emergency-room.md:6:14"]
    );
    assert_eq!(at(&json, "review.missing"), ["content/articles/where-my-numbers-come-from.md:1:1"]);
    assert_eq!(codes(&json).len(), 2, "{json:#}");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7);
    for a in articles {
        assert!(a["readability"]["smog"].as_f64().unwrap() <= 8.0, "{a}");
    }
}

#[test]
fn images_are_published_without_exif_xmp_or_iptc() {
    let t = SiteTest::new();
    let fixtures = repo().join("tests/fixtures/images");
    let jpg = std::fs::read(fixtures.join("patient-photo.jpg")).unwrap();
    let png = std::fs::read(fixtures.join("patient-photo.png")).unwrap();
    t.write_bytes("content/static/images/photo.jpg", &jpg);
    t.write_bytes("content/articles/rash/rash.png", &png);
    article(
        &t,
        "rash/index",
        &format!("title: \"Rash\"\n{REVIEWED}\n{REFS}"),
        "![A red rash on an arm](rash.png) [@doe2020].\n",
    );
    t.build_ok();

    for (original, published) in [
        (jpg.as_slice(), t.out().join("images/photo.jpg")),
        (png.as_slice(), t.out().join("articles/rash/rash.png")),
    ] {
        let published = std::fs::read(published).unwrap();
        // The original carries GPS, the date taken and the camera's serial number...
        let exif = exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(original))
            .expect("the fixture has EXIF");
        for tag in
            [exif::Tag::GPSLatitude, exif::Tag::DateTimeOriginal, exif::Tag::BodySerialNumber]
        {
            assert!(exif.get_field(tag, exif::In::PRIMARY).is_some(), "fixture lacks {tag}");
        }
        for needle in [&b"Jane Patient"[..], b"MRN 00482913", b"adobe:ns:meta"] {
            assert!(contains(original, needle));
            assert!(!contains(&published, needle), "{} left in", String::from_utf8_lossy(needle));
        }
        // ...the published copy has no EXIF at all...
        assert!(
            exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&published)).is_err(),
            "EXIF left in the published image"
        );
        // ...and decodes to the same pixels.
        assert_eq!(decode(&published), decode(original));
    }
    let published = std::fs::read(t.out().join("images/photo.jpg")).unwrap();
    assert!(contains(&published, b"ICC_PROFILE\0"), "the colour profile is kept");
    assert!(!contains(&published, b"Photoshop 3.0"), "IPTC is removed");
    let png_out = std::fs::read(t.out().join("articles/rash/rash.png")).unwrap();
    for chunk in [b"tEXt", b"iTXt", b"eXIf", b"tIME"] {
        assert!(!contains(&png_out, chunk));
    }

    // A JPEG cut off in its metadata, and photo formats rounds cannot clean, are published
    // as they are, with a warning.
    t.write_bytes("content/static/images/broken.jpg", &jpg[..40]);
    t.write_bytes("content/static/images/x.webp", b"RIFF\x04\0\0\0WEBP");
    let r = t.build_ok();
    let kept: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "images.metadata_kept")
        .map(|d| d.location())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[0].ends_with("broken.jpg") && kept[1].ends_with("x.webp"), "{kept:?}");
    assert_eq!(std::fs::read(t.out().join("images/broken.jpg")).unwrap(), &jpg[..40]);
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Width, height and pixels of a JPEG or PNG.
fn decode(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    if bytes.starts_with(b"\x89PNG") {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width as usize, info.height as usize, buf)
    } else {
        let mut decoder = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(bytes));
        let pixels = decoder.decode().unwrap();
        let (w, h) = decoder.dimensions().unwrap();
        (w, h, pixels)
    }
}

/// Issue 12: `rounds build` runs the privacy check. An identifying article stops the build
/// (exit 1, nothing written) and every identifier is named at its file:line:col with how to
/// acknowledge it; acknowledging or editing lets the build through.
#[test]
fn build_refuses_to_publish_a_patient_until_acknowledged_or_edited() {
    let t = SiteTest::new();
    let front = format!("title: \"A\"\n{REVIEWED}\n{REFS}");
    let body = "Mrs. Ann Roe, 92, was seen on March 3, 2026, MRN 123456 [@doe2020].\n";
    let text = article(&t, "a", &front, body);
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!t.out().exists(), "nothing is written");
    let file = "content/articles/a.md";
    for (code, words) in [
        ("privacy.name", "Ann Roe"),
        ("privacy.age", "92"),
        ("privacy.date", "March 3, 2026"),
        ("privacy.mrn", "123456"),
    ] {
        let at = pos(file, &text, words, 0);
        // each finding: its code, its message quoting the words, its frame, its help
        let frame = stderr.find(&format!("╭─[{at}]")).unwrap_or_else(|| panic!("{at}: {stderr}"));
        let header = stderr[..frame].rfind("privacy.").unwrap();
        assert!(stderr[header..].starts_with(code), "{at} is {code}: {stderr}");
        let flat = stderr.split_whitespace().filter(|w| *w != "│").collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&format!("(\"{words}\")")), "the flagged words: {stderr}");
        assert!(
            flat.contains(&format!("privacy_ok: [{{ text: \"{words}\"")),
            "how to acknowledge {words}: {stderr}"
        );
    }
    assert!(stderr.contains("build failed: 4 error(s)"), "{stderr}");

    // Acknowledged, with reasons: the build goes through.
    let acknowledged = format!(
        "{front}\nprivacy_ok:\n  - text: \"Mrs. Ann Roe, 92\"\n    reason: \"invented for a \
         teaching example\"\n  - text: \"March 3, 2026\"\n    reason: \"invented\"\n  - text: \
         \"123456\"\n    reason: \"invented\""
    );
    article(&t, "a", &acknowledged, body);
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(t.html("articles/a/index.html").html().contains("Ann Roe"));

    // Edited instead: the build goes through too, and the old text is gone.
    article(&t, "a", &front, "A woman in her 90s was seen last spring [@doe2020].\n");
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!t.read("articles/a/index.html").contains("Ann Roe"));
}

/// A finding the lint is less sure of is a warning that `rounds build` prints in full.
#[test]
fn build_prints_privacy_warnings_in_full() {
    let t = SiteTest::new();
    let body = "My patient lives in Millbrook and walks every day [@doe2020].\n";
    let text = article(&t, "a", &format!("title: \"A\"\n{REVIEWED}\n{REFS}"), body);
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "a warning does not stop the build: {stderr}");
    let at = pos("content/articles/a.md", &text, "Millbrook", 0);
    assert!(stderr.contains("privacy.place") && stderr.contains(&format!("╭─[{at}]")), "{stderr}");
    let flat = stderr.split_whitespace().filter(|w| *w != "│").collect::<Vec<_>>().join(" ");
    assert!(flat.contains("privacy_ok: [{ text: \"Millbrook\""), "{stderr}");
}

/// Everything a build publishes is checked: tags, the share image's file name and alt text,
/// captions, correction notes, and pages (which take `privacy_ok:` too).
#[test]
fn build_checks_tags_images_captions_corrections_and_pages() {
    let t = SiteTest::new();
    let front = format!(
        "title: \"A\"\n{REVIEWED}\n{REFS}\ntags: [\"Rosa Delgado\", asthma]\nimage: /images/ana-kowalczyk-face.jpg\nimage_alt: \"A kitchen\"\ncorrections:\n  - date: 2026-10-05\n    text: \"We removed Mr. Hendricks's name.\""
    );
    let body =
        "![A spirometer](spiro.png \"Tomasz Wiśniewski at his spirometry visit\") [@doe2020].\n";
    let text = article(&t, "a", &front, body);
    t.write(
        "content/pages/about.md",
        "---\ntitle: \"About\"\n---\nCall Mr. Okafor at 312-555-0199.\n",
    );
    let (code, json) = check_json(&t, &[]);
    assert_eq!(code, 1);
    let file = "content/articles/a.md";
    let names = at(&json, "privacy.name");
    for words in ["Rosa Delgado", "Hendricks", "Tomasz Wiśniewski"] {
        assert!(names.contains(&pos(file, &text, words, 0)), "{words}: {names:?}");
    }
    let photo = pos(file, &text, "/images/ana-kowalczyk-face.jpg", 0);
    assert_eq!(at(&json, "privacy.patient_photo"), [photo], "a face, judged from the file name");
    let page = "---\ntitle: \"About\"\n---\nCall Mr. Okafor at 312-555-0199.\n";
    assert_eq!(
        at(&json, "privacy.phone"),
        [pos("content/pages/about.md", page, "312-555-0199", 0)]
    );
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!t.out().exists());

    let page = "---\ntitle: \"About\"\nprivacy_ok:\n  - text: \"Mr. Okafor\"\n    reason: \"our practice manager, who agreed\"\n---\nCall Mr. Okafor at the front desk.\n";
    t.write("content/pages/about.md", page);
    let (_, json) = check_json(&t, &[]);
    assert!(at(&json, "privacy.name").iter().all(|p| !p.starts_with("content/pages")), "{json}");
}
