//! Tests for the privacy lint: one per identifier, the "must not alarm" list, and the labelled
//! corpus in `testdata/` (recall and false alarms).

use super::*;

fn ctx() -> PrivacyContext {
    PrivacyContext {
        allowed_names: vec!["Jane Doe".into(), "Alan Smith".into()],
        cited_names: vec!["Whelton".into(), "Carey".into(), "Smith".into(), "Jones".into()],
        practice: vec![
            "(555) 201-3000".into(),
            "555-201-3001".into(),
            "office@riversideclinic.example".into(),
            "200 Main Street".into(),
        ],
        practice_towns: vec![],
        consent: false,
        suppressed: vec![],
    }
}

fn codes(text: &str) -> Vec<(&'static str, String)> {
    scan(text, &ctx()).into_iter().map(|f| (f.code, f.matched)).collect()
}

#[track_caller]
fn finds(text: &str, code: &str, matched: &str) {
    let found = codes(text);
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == code && (m.contains(matched) || matched.contains(m.as_str()))),
        "expected {code} {matched:?} in {text:?}, found {found:?}"
    );
}

#[track_caller]
fn clean(text: &str) {
    let found = codes(text);
    assert!(found.is_empty(), "expected nothing in {text:?}, found {found:?}");
}

#[test]
fn names() {
    finds("Last spring Mr. Hendricks came in.", "privacy.name", "Hendricks");
    finds("We saw Mrs O'Neill's rash.", "privacy.name", "O'Neill");
    finds("My patient Gerald had diabetes.", "privacy.name", "Gerald");
    finds("A woman named Priya came in.", "privacy.name", "Priya");
    finds("Her husband, Tom, drove her.", "privacy.name", "Tom");
    finds("His daughter Maria called.", "privacy.name", "Maria");
    finds("Patient: Anna Kowalski", "privacy.name", "Anna Kowalski");
    clean("Dr. Jane Doe wrote this; Alan Smith reviewed it.");
    clean("Whelton et al found a benefit, and Smith and Jones agreed.");
    clean("Louis Pasteur and Florence Nightingale changed medicine.");
    clean("Her husband, who drove her, waited outside. The patient, however, left.");
    clean("Miss a dose? Take it when you remember.");
}

#[test]
fn contact_details() {
    finds("Reach me at (617) 555-0142.", "privacy.phone", "(617) 555-0142");
    finds("Her cell is 312-555-0199.", "privacy.phone", "312-555-0199");
    finds("His number: +44 20 7946 0958.", "privacy.phone", "+44 20 7946 0958");
    finds("Records went to fax 415.555.0170.", "privacy.fax", "415.555.0170");
    finds("Write to maria.lopez1987@gmail.com.", "privacy.email", "maria.lopez1987@gmail.com");
    clean("Call our office at (555) 201-3000 or write to office@riversideclinic.example.");
    clean("Call 911, text 988, or call Poison Control at 1-800-222-1222.");
    clean("Call the American Heart Association at 1-800-242-8721 or 1-800-QUIT-NOW.");
}

#[test]
fn numbers_with_labels() {
    finds("SSN 123-45-6789 was on the form.", "privacy.ssn", "123-45-6789");
    finds("Her chart (MRN 00482913) showed it.", "privacy.mrn", "00482913");
    finds("Medical record number 7731-0048 was wrong.", "privacy.mrn", "7731-0048");
    finds("Member ID XJH448812905 was denied.", "privacy.health_plan", "XJH448812905");
    finds("Billed to account #4471920036 twice.", "privacy.account", "4471920036");
    finds("Driver's license number D1234-5678-9012.", "privacy.license", "D1234-5678-9012");
    finds("Signed with DEA number AB1234563.", "privacy.license", "AB1234563");
    finds("The plate, 7ABC123, was noted.", "privacy.vehicle", "7ABC123");
    finds("VIN 1HGCM82633A004352 was on the title.", "privacy.vehicle", "1HGCM82633A004352");
    finds("Pacemaker serial number PJN823471H.", "privacy.device", "PJN823471H");
    finds("The card read S/N 88412-0937.", "privacy.device", "88412-0937");
    finds("Her Medicare number is 1EG4-TE5-MK73.", "privacy.health_plan", "1EG4-TE5-MK73");
    clean("Check the lot number on your vaccine card. Your member ID is on the back of your card.");
}

#[test]
fn network_and_places() {
    finds("The camera at 192.168.14.27 recorded it.", "privacy.ip", "192.168.14.27");
    finds(
        "It reported from 2001:db8:85a3::8a2e:370:7334 nightly.",
        "privacy.ip",
        "2001:db8:85a3::8a2e:370:7334",
    );
    finds(
        "See https://www.facebook.com/jenny.marsh.5623 for more.",
        "privacy.url",
        "facebook.com/jenny.marsh.5623",
    );
    finds(
        "Results: https://portal.example.com/r?patient_id=448213",
        "privacy.url",
        "patient_id=448213",
    );
    finds("Found at 44.2706, -71.3033, alive.", "privacy.gps", "44.2706, -71.3033");
    finds("She lived at 1428 Elm Street alone.", "privacy.address", "1428 Elm Street");
    finds("He was found in Apt 4B.", "privacy.address", "Apt 4B");
    finds("Send it to 45 Harbor Road, Gloucester, MA 01930.", "privacy.zip", "01930");
    finds("A farmer from Harlan County came in.", "privacy.place", "Harlan County");
    finds("My patient lives in Springfield.", "privacy.place", "Springfield");
    clean("Read more at https://www.cdc.gov/diabetes/basics/index.html today.");
    clean("People in Japan live longer than people in the United States.");
    clean("Visit us at 200 Main Street.");
}

#[test]
fn dates_and_ages() {
    finds("He was admitted on March 3 with chest pain.", "privacy.date", "March 3");
    finds("She was discharged 3/14/2025.", "privacy.date", "3/14/2025");
    finds("The baby was born on 14 March.", "privacy.date", "14 March");
    finds("Her father died on the 3rd of May.", "privacy.date", "3rd of May");
    finds("DOB 07/22/1951.", "privacy.date", "07/22/1951");
    finds("A 93-year-old man fell.", "privacy.age", "93-year-old");
    finds("My patient, aged 91, walks daily.", "privacy.age", "aged 91");
    finds("She was ninety-four and sharp.", "privacy.age", "ninety-four");
    finds("Mrs. Kowalski, 92, was seen.", "privacy.age", "92");
    clean("In March 2023 the USPSTF updated its advice. The study was published 14 May 2019.");
    clean("Adults over 65 and people aged 90 and older are at risk. Children under 5 too.");
    clean("Most 90-year-olds take several medicines. A 45-year-old woman needs no test.");
}

#[test]
fn medical_numbers_do_not_alarm() {
    clean("Aim for 120/80 mm Hg. An LDL of 190 mg/dL, an HbA1c of 6.5% or 5.7% matters.");
    clean("Take 10 mg, or 1/2 tablet, or 3/4 of a cup. The nurse line is open 24/7.");
    clean("NCT01206062, doi:10.1056/NEJMoa1511939, PMID 26551272, PMC4689591.");
    clean("Codes E11.9 and I10; CPT 99213; LOINC 4548-4; EudraCT 2004-000000-00.");
    clean("Between 1990 and 2020 deaths fell 30%. See pages 45-47. Take it at 8:00 a.m.");
    clean("As @whelton2018 showed [@whelton2018; @carey2018, p. 12], it works.");
}

#[test]
fn suppression_and_matched_text() {
    let text = "Call her at 312-555-0199.";
    let found = scan(text, &ctx());
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(&text[f.span.start..f.span.end], f.matched);
    assert!(f.message.contains("phone number"));
    assert!(f.help.contains("practice:") && f.help.contains("privacy_ok:"));
    let mut c = ctx();
    c.suppressed.push("312-555-0199".into());
    assert!(scan(text, &c).is_empty());
    for &(code, _) in CODES {
        let (message, help) = words_for(code);
        assert!(!message.is_empty() && !help.is_empty());
    }
}

// --- the labelled corpus -----------------------------------------------------------------------

struct Passage {
    name: String,
    text: String,
    labels: Vec<(String, String)>,
}

fn parse_corpus(src: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for line in src.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            out.push(Passage { name: name.trim().into(), text: String::new(), labels: vec![] });
        } else if let Some(label) = line.strip_prefix("@ ") {
            let (code, text) = label.split_once(": ").expect("label is `@ code: text`");
            out.last_mut().expect("a passage").labels.push((code.into(), text.into()));
        } else if let Some(p) = out.last_mut() {
            if !p.text.is_empty() {
                p.text.push('\n');
            }
            p.text.push_str(line);
        }
    }
    out
}

fn same_code(a: &str, b: &str) -> bool {
    a == b
        || (matches!(a, "privacy.phone" | "privacy.fax")
            && matches!(b, "privacy.phone" | "privacy.fax"))
}

/// How a corpus fares: identifying passages found (any of their labels found), labels found,
/// and clean passages with any finding.
#[derive(Debug, Default)]
struct Figures {
    snippets: usize,
    snippets_found: usize,
    identifiers: usize,
    identifiers_found: usize,
    clean: usize,
    alarms: usize,
    report: Vec<String>,
}

impl Figures {
    fn snippet_recall(&self) -> f64 {
        self.snippets_found as f64 / self.snippets as f64
    }
    fn identifier_recall(&self) -> f64 {
        self.identifiers_found as f64 / self.identifiers as f64
    }
    fn false_alarms(&self) -> f64 {
        self.alarms as f64 / self.clean as f64
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: snippet recall {:.3} ({}/{}), identifier recall {:.3} ({}/{}), false alarms {:.3} ({}/{})",
            self.snippet_recall(),
            self.snippets_found,
            self.snippets,
            self.identifier_recall(),
            self.identifiers_found,
            self.identifiers,
            self.false_alarms(),
            self.alarms,
            self.clean
        )
    }
}

/// Scans every passage of a labelled corpus with `ctx`.
fn evaluate_with(phi: &str, clean: &str, ctx: &PrivacyContext) -> Figures {
    let mut fig = Figures::default();
    for p in parse_corpus(phi) {
        let findings = scan(&p.text, ctx);
        let mut any = false;
        for (code, text) in &p.labels {
            fig.identifiers += 1;
            let start = p
                .text
                .find(text.as_str())
                .unwrap_or_else(|| panic!("{}: label {text:?} not in text", p.name));
            let end = start + text.len();
            if findings
                .iter()
                .any(|f| same_code(f.code, code) && f.span.start < end && start < f.span.end)
            {
                fig.identifiers_found += 1;
                any = true;
            } else {
                fig.report.push(format!(
                    "missed {}: {code} {text:?} (found {:?})",
                    p.name,
                    findings.iter().map(|f| (f.code, &f.matched)).collect::<Vec<_>>()
                ));
            }
        }
        fig.snippets += 1;
        fig.snippets_found += usize::from(any);
    }
    for p in parse_corpus(clean) {
        let findings = scan(&p.text, ctx);
        fig.clean += 1;
        if !findings.is_empty() {
            fig.alarms += 1;
            fig.report.push(format!(
                "false alarm {}: {:?}",
                p.name,
                findings.iter().map(|f| (f.code, &f.matched)).collect::<Vec<_>>()
            ));
        }
    }
    fig
}

/// Recall over labelled identifiers, and the share of clean passages with any finding.
fn evaluate(phi: &str, clean: &str) -> (f64, f64, Vec<String>) {
    let fig = evaluate_with(phi, clean, &ctx());
    eprintln!("{}", fig.line("corpus"));
    (fig.identifier_recall(), fig.false_alarms(), fig.report)
}

#[test]
fn tuning_corpus() {
    let (recall, false_alarms, report) =
        evaluate(include_str!("testdata/phi.txt"), include_str!("testdata/clean.txt"));
    eprintln!(
        "tuning corpus: recall {recall:.3}, false alarms {false_alarms:.3}\n{}",
        report.join("\n")
    );
    assert!(recall >= 0.9, "recall {recall:.3}\n{}", report.join("\n"));
    assert!(false_alarms < 0.1, "false alarms {false_alarms:.3}\n{}", report.join("\n"));
}

#[test]
fn heldout_corpus() {
    let (recall, false_alarms, report) = evaluate(
        include_str!("testdata/phi_heldout.txt"),
        include_str!("testdata/clean_heldout.txt"),
    );
    eprintln!(
        "held-out corpus: recall {recall:.3}, false alarms {false_alarms:.3}\n{}",
        report.join("\n")
    );
    assert!(recall >= 0.9, "recall {recall:.3}\n{}", report.join("\n"));
    assert!(false_alarms < 0.1, "false alarms {false_alarms:.3}\n{}", report.join("\n"));
}

/// The context of the second evaluation set (testdata/eval2/README.md): the first corpus's,
/// three more cited researchers, and the practice's name, town and web site.
fn eval2_ctx() -> PrivacyContext {
    let mut c = ctx();
    c.cited_names.extend(["Knowler", "Wright", "Estruch", "Martínez-González"].map(String::from));
    c.practice.extend(
        [
            "Riverside Family Medicine",
            "Clínica Familiar Riverside",
            "https://riversideclinic.example",
        ]
        .map(String::from),
    );
    c.practice_towns.push("Riverside".into());
    c
}

/// The tuning half of the second set: the figures the detector was tuned on, with every miss
/// and false alarm (`cargo test --lib eval2_tune -- --nocapture`).
#[test]
fn eval2_tune() {
    let fig = evaluate_with(
        include_str!("testdata/eval2/tune_phi.txt"),
        include_str!("testdata/eval2/tune_clean.txt"),
        &eval2_ctx(),
    );
    eprintln!("{}\n{}", fig.line("eval2 tune"), fig.report.join("\n"));
    assert!(fig.identifiers > 0 && fig.clean > 0);
}

/// The test half of the second set, never tuned on: the floors issue 12 sets. Only the
/// figures are printed, not the misses (so that nobody tunes on them by accident).
#[test]
fn eval2_test() {
    let fig = evaluate_with(
        include_str!("testdata/eval2/test_phi.txt"),
        include_str!("testdata/eval2/test_clean.txt"),
        &eval2_ctx(),
    );
    let line = fig.line("eval2 test");
    eprintln!("{line}");
    assert!(fig.identifiers > 0 && fig.clean > 0, "{line}");
}

/// The Spanish set (issue 17), reported only: the detector is tuned for English.
#[test]
fn eval2_spanish_report() {
    for (half, phi, clean) in [
        (
            "eval2-es tune",
            include_str!("testdata/eval2-es/tune_phi.txt"),
            include_str!("testdata/eval2-es/tune_clean.txt"),
        ),
        (
            "eval2-es test",
            include_str!("testdata/eval2-es/test_phi.txt"),
            include_str!("testdata/eval2-es/test_clean.txt"),
        ),
    ] {
        let fig = evaluate_with(phi, clean, &eval2_ctx());
        eprintln!("{}", fig.line(half));
        assert!(fig.identifiers > 0 && fig.clean > 0);
    }
}

/// Prints the findings for every file in `$ROUNDS_PRIVACY_DIR` (a tool for reviewing false
/// alarms on real articles: `cargo test --lib privacy_dump -- --ignored --nocapture`).
#[test]
#[ignore = "a reviewing tool, not a test"]
fn privacy_dump() {
    let Ok(dir) = std::env::var("ROUNDS_PRIVACY_DIR") else { return };
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        for f in scan(&text, &ctx()) {
            println!("DUMP {} {} {:?}", path.display(), f.code, f.matched);
        }
    }
}

#[test]
fn ordinary_writing_does_not_alarm() {
    clean("At age 90, about 1 in 3 people has dementia. The oldest person lived to 122.");
    clean("Give the baby Tylenol only if your doctor says so. A drug named Ozempic is popular.");
    clean("A nurse from Boston Children's Hospital and a doctor from the Mayo Clinic spoke.");
    clean("Keep a chart: 120/80, 118/76. A lot of 5000 steps a day is good. Take 300 mg.");
    clean("Medicare open enrollment runs from October 15 to December 7 each year.");
    clean("Take your pills on March 1 and September 1. World Heart Day is September 29.");
    clean(
        "Parkinson's disease, Crohn's disease, Alzheimer's and Down syndrome are named after doctors.",
    );
    clean("Our patient portal, MyChart, lets you see results. The resident, Dr. Lee, will call.");
    clean("Take into account 3 factors. A serial 12-lead ECG helps. Use the plate method.");
    clean("Heart disease rates in Harlan County are among the highest in the nation.");
    clean("She should not take more than 3,000 mg a day. He may need 2 doses 4 weeks apart.");
    clean("Mrs. Robinson, our practice manager, runs the flu clinic.");
    clean("Report side effects to the Vaccine Adverse Event Reporting System at 1-800-822-7967.");
}

#[test]
fn never_panics_on_unicode_and_edges() {
    let samples = [
        "",
        " ",
        "é",
        "Mrs. Zoë Ångström’s daughter, Åsa, was born on 3 März — “ninety-four”.",
        "日本語のテキスト 555-0142 と 住所 1428 Elm Street。",
        "Mr.",
        "Mr. ",
        "@",
        "@@key [@",
        "a@b.c",
        "née Müller, 92, née ß — 192.168.1.1 ✓ ½ ¾ 24/7 ™ ® ©",
        "DOB",
        "born",
        "(555)",
        "+",
        "+1",
        "0",
        "Apt",
        "fax",
        "VIN",
        "serial no. ",
        "MRN:",
        "\u{feff}Ms. Ünal lives in Köln-Süd and called from +49 30 1234 5678.",
    ];
    for s in samples {
        let _ = scan(s, &ctx());
        for cut in 0..=s.len() {
            if s.is_char_boundary(cut) {
                let _ = scan(&s[..cut], &ctx());
                let _ = scan(&s[cut..], &ctx());
            }
        }
    }
}

#[test]
fn case_story_shapes() {
    finds("John, a 45-year-old teacher, came in with back pain.", "privacy.name", "John");
    finds("Sarah is a 34-year-old mother of two.", "privacy.name", "Sarah");
    finds("Patient J.D. was seen twice.", "privacy.name", "J.D.");
    finds("He was admitted 3/14 and went home two days later.", "privacy.date", "3/14");
    finds("Call me at 555-0142 if it gets worse.", "privacy.phone", "555-0142");
    finds(
        "She grew up in the town of Millbrook, where her father farmed.",
        "privacy.place",
        "Millbrook",
    );
    finds("A Springfield woman, 58, had a stroke.", "privacy.place", "Springfield");
    finds("See MR# 448812 for the report.", "privacy.mrn", "448812");
    clean("An American woman has a 1 in 8 chance of breast cancer. A Black man is at higher risk.");
    clean("The town of Framingham gave its name to a famous heart study.");
    clean("Take 1/2 tablet. Ask your doctor to call 911 if needed.");
}

/// Prints the findings for each line of `$ROUNDS_PRIVACY_PROBE` (table rows are kept together):
/// a tool for trying sentences (`cargo test --lib privacy_probe -- --ignored --nocapture`).
#[test]
#[ignore = "a reviewing tool, not a test"]
fn privacy_probe() {
    let Ok(path) = std::env::var("ROUNDS_PRIVACY_PROBE") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let mut passages: Vec<String> = Vec::new();
    for line in text.lines() {
        match passages.last_mut() {
            Some(p) if line.starts_with('|') && p.starts_with('|') => {
                p.push('\n');
                p.push_str(line);
            }
            _ => passages.push(line.to_string()),
        }
    }
    for p in passages {
        let found: Vec<_> =
            scan(&p, &eval2_ctx()).into_iter().map(|f| (f.code, f.matched)).collect();
        println!("PROBE {found:?} <= {p}");
    }
}

/// Times the parts of the scan on the file `$ROUNDS_PRIVACY_TIME` (a profiling aid).
#[test]
#[ignore = "a profiling aid, not a test"]
fn privacy_time() {
    let Ok(path) = std::env::var("ROUNDS_PRIVACY_TIME") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..5 {
        let _ = super::detect::candidates(&text);
    }
    println!("TIME detect {:?}", t.elapsed() / 5);
    let t = std::time::Instant::now();
    for _ in 0..5 {
        let _ = super::names::find(&text);
    }
    println!("TIME names {:?}", t.elapsed() / 5);
    let t = std::time::Instant::now();
    for _ in 0..5 {
        let _ = super::story::candidates(&text, false, super::detect::url_points_at_person);
    }
    println!("TIME story {:?}", t.elapsed() / 5);
    let t = std::time::Instant::now();
    for _ in 0..5 {
        let _ = super::detect::safe_zones(&text);
    }
    println!("TIME safe {:?}", t.elapsed() / 5);
}
