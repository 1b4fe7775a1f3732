//! Golden and behaviour tests for the citation engine.
//!
//! Golden references are real: every field was checked against the published record
//! (PubMed, the publisher's page, or the document itself) when the test was written:
//! - Whelton PK et al. Hypertension. 2018;71(6):e13-e115. doi:10.1161/HYP.0000000000000065,
//!   PMID 29133356 (21 authors; Casey DE Jr);
//! - Knowler WC et al; Diabetes Prevention Program Research Group. N Engl J Med.
//!   2002;346(6):393-403. doi:10.1056/NEJMoa012512, PMID 11832527, PMCID PMC1370926;
//! - Wakefield AJ et al. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0,
//!   PMID 9500320, retracted by The Editors of The Lancet. Lancet. 2010;375(9713):445.
//!   doi:10.1016/S0140-6736(10)60175-4, PMID 20137807;
//! - SPRINT Research Group; Wright JT Jr et al. N Engl J Med. 2015;373(22):2103-2116.
//!   doi:10.1056/NEJMoa1511939, PMID 26551272, PMCID PMC4689591;
//! - de Boer IH et al. Diabetes Care. 2017;40(9):1273-1284. doi:10.2337/dci17-0026;
//! - American Diabetes Association. Diabetes Care. 2021;44(Suppl 1):S15-S33 (section 2 of the
//!   2021 Standards), doi:10.2337/dc21-S002;
//! - Harrison's Principles of Internal Medicine, 20th ed, McGraw-Hill Education, 2018, eds
//!   Jameson, Fauci, Kasper, Hauser, Longo, Loscalzo; its chapter by Fauci AS and Lane HC;
//! - NICE guideline NG136, published 28 August 2019, last updated 18 March 2022;
//! - Ostchega Y et al, NCHS Data Brief No. 364, National Center for Health Statistics, 2020
//!   (accessed date as cited by the USPSTF, March 10, 2021).
//!
//! Tests of single rules (page elision, online-first, news releases...) use made-up
//! "Example" data and say so.

use super::*;
use crate::diag::Severity;

// ---- fixtures ---------------------------------------------------------------------------

const YAML: &str = r#"# Shared bibliography (CSL-YAML, as Zotero exports it)
- id: whelton2018
  type: article-journal
  title: "2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA guideline for the prevention, detection, evaluation, and management of high blood pressure in adults: a report of the American College of Cardiology/American Heart Association Task Force on Clinical Practice Guidelines"
  author:
    - family: Whelton
      given: Paul K.
    - family: Carey
      given: Robert M.
    - family: Aronow
      given: Wilbert S.
    - family: Casey
      given: Donald E.
      suffix: Jr
    - family: Collins
      given: Karen J.
    - family: Dennison Himmelfarb
      given: Cheryl
    - family: DePalma
      given: Sondra M.
  container-title: Hypertension
  container-title-short: Hypertension
  volume: 71
  issue: 6
  page: e13-e115
  issued: 2018-06
  DOI: 10.1161/HYP.0000000000000065
  PMID: "29133356"

- id: knowler2002
  type: article-journal
  title: Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin
  author:
    - {family: Knowler, given: William C.}
    - {family: Barrett-Connor, given: Elizabeth}
    - {family: Fowler, given: Sarah E.}
    - {family: Hamman, given: Richard F.}
    - {family: Lachin, given: John M.}
    - {family: Walker, given: Elizabeth A.}
    - {family: Nathan, given: David M.}
    - literal: Diabetes Prevention Program Research Group
  container-title: New England Journal of Medicine
  container-title-short: N Engl J Med
  volume: "346"
  issue: "6"
  page: 393-403
  issued:
    date-parts: [[2002, 2, 7]]
  DOI: https://doi.org/10.1056/NEJMoa012512
  PMID: 11832527
  PMCID: PMC1370926

- id: wakefield1998
  type: article-journal
  title: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children
  author:
    - {family: Wakefield, given: A. J.}
    - {family: Murch, given: S. H.}
    - {family: Anthony, given: A.}
    - {family: Linnell, given: J.}
    - {family: Casson, given: D. M.}
    - {family: Malik, given: M.}
    - {family: Berelowitz, given: M.}
    - {family: Dhillon, given: A. P.}
    - {family: Thomson, given: M. A.}
    - {family: Harvey, given: P.}
    - {family: Valentine, given: A.}
    - {family: Davies, given: S. E.}
    - {family: Walker-Smith, given: J. A.}
  container-title: The Lancet
  container-title-short: Lancet
  volume: "351"
  issue: "9103"
  page: 637-41
  issued: 1998-02-28
  DOI: 10.1016/S0140-6736(97)11096-0
  PMID: "9500320"
  status: retracted
  retraction-notice: lancet2010

- id: lancet2010
  type: article-journal
  title: Retraction—Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children
  author:
    - literal: The Editors of The Lancet
  container-title: The Lancet
  container-title-short: Lancet
  volume: "375"
  issue: "9713"
  page: "445"
  issued: 2010-02-06
  DOI: 10.1016/S0140-6736(10)60175-4
  PMID: "20137807"

- id: sprint2015
  type: article-journal
  title: A randomized trial of intensive versus standard blood-pressure control
  author:
    - literal: SPRINT Research Group
    - {family: Wright, given: Jackson T., suffix: Jr.}
    - {family: Williamson, given: Jeff D.}
    - {family: Whelton, given: Paul K.}
    - {family: Snyder, given: Joni K.}
    - {family: Sink, given: Kaycee M.}
    - {family: Rocco, given: Michael V.}
    - {family: Reboussin, given: David M.}
  container-title: New England Journal of Medicine
  container-title-short: N. Engl. J. Med.
  volume: "373"
  issue: "22"
  page: 2103–2116
  issued: 2015-11-26
  DOI: 10.1056/NEJMoa1511939
  PMID: "26551272"
  PMCID: PMC4689591

- id: deboer2017
  type: article-journal
  title: "Diabetes and hypertension: a position statement by the American Diabetes Association"
  author:
    - {family: Boer, non-dropping-particle: de, given: Ian H.}
    - {family: Bangalore, given: Sripal}
    - {family: Benetos, given: Athanase}
    - {family: Davis, given: Andrew M.}
    - {family: Michos, given: Erin D.}
    - {family: Muntner, given: Paul}
    - {family: Rossing, given: Peter}
    - {family: Zoungas, given: Sophia}
    - {family: Bakris, given: George}
  container-title: Diabetes Care
  container-title-short: Diabetes Care
  volume: "40"
  issue: "9"
  page: 1273-1284
  issued: 2017-09
  DOI: 10.2337/dci17-0026

- id: ada2021
  type: article-journal
  title: "2. Classification and diagnosis of diabetes: Standards of Medical Care in Diabetes—2021"
  author:
    - literal: American Diabetes Association
  container-title: Diabetes Care
  container-title-short: Diabetes Care
  volume: "44"
  issue: Supplement 1
  page: S15-S33
  issued: 2021-01
  DOI: 10.2337/dc21-S002

- id: harrison2018
  type: book
  title: Harrison's Principles of Internal Medicine
  editor:
    - {family: Jameson, given: J. Larry}
    - {family: Fauci, given: Anthony S.}
    - {family: Kasper, given: Dennis L.}
    - {family: Hauser, given: Stephen L.}
    - {family: Longo, given: Dan L.}
    - {family: Loscalzo, given: Joseph}
  edition: "20"
  publisher: McGraw-Hill Education
  issued: 2018

- id: fauci2018
  type: chapter
  title: "Human immunodeficiency virus disease: AIDS and related disorders"
  author:
    - {family: Fauci, given: Anthony S.}
    - {family: Lane, given: H. Clifford}
  editor:
    - {family: Jameson, given: J. Larry}
    - {family: Fauci, given: Anthony S.}
    - {family: Kasper, given: Dennis L.}
    - {family: Hauser, given: Stephen L.}
    - {family: Longo, given: Dan L.}
    - {family: Loscalzo, given: Joseph}
  container-title: Harrison's Principles of Internal Medicine
  edition: 20th
  publisher: McGraw-Hill Education
  issued: 2018

- id: nice2019
  type: webpage
  title: "Hypertension in adults: diagnosis and management"
  author:
    - literal: National Institute for Health and Care Excellence
  container-title: National Institute for Health and Care Excellence
  genre: NICE guideline NG136
  issued: 2019-08-28
  updated: 2022-03-18
  accessed: 2023-05-10
  URL: https://www.nice.org.uk/guidance/ng136

- id: ostchega2020
  type: report
  title: "Hypertension Prevalence Among Adults Aged 18 and Over: United States, 2017–2018"
  author:
    - {family: Ostchega, given: Yechiam}
    - {family: Fryar, given: Cheryl D.}
    - {family: Nwankwo, given: Tatiana}
    - {family: Nguyen, given: Duong T.}
  publisher: National Center for Health Statistics
  genre: NCHS Data Brief
  number: "364"
  issued: 2020-04
  accessed: 2021-03-10
  URL: https://www.cdc.gov/nchs/products/databriefs/db364.htm
"#;

/// The same items as [`YAML`] (a subset), in CSL-JSON.
const JSON: &str = r#"[
  {"id": "knowler2002", "type": "article-journal",
   "title": "Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin",
   "author": [{"family": "Knowler", "given": "William C."}, {"family": "Barrett-Connor", "given": "Elizabeth"},
              {"family": "Fowler", "given": "Sarah E."}, {"family": "Hamman", "given": "Richard F."},
              {"family": "Lachin", "given": "John M."}, {"family": "Walker", "given": "Elizabeth A."},
              {"family": "Nathan", "given": "David M."}, {"literal": "Diabetes Prevention Program Research Group"}],
   "container-title": "New England Journal of Medicine", "journalAbbreviation": "N Engl J Med",
   "volume": 346, "issue": 6, "page": "393-403", "issued": {"date-parts": [["2002", "2", "7"]]},
   "DOI": "10.1056/NEJMoa012512", "PMID": "11832527", "PMCID": "PMC1370926",
   "abstract": "Type 2 diabetes affects approximately 8 percent of adults...", "language": "en"},
  {"id": "deboer2017", "type": "article-journal",
   "title": "Diabetes and hypertension: a position statement by the American Diabetes Association",
   "author": [{"family": "Boer", "non-dropping-particle": "de", "given": "Ian H."}, {"family": "Bangalore", "given": "Sripal"},
              {"family": "Benetos", "given": "Athanase"}, {"family": "Davis", "given": "Andrew M."},
              {"family": "Michos", "given": "Erin D."}, {"family": "Muntner", "given": "Paul"},
              {"family": "Rossing", "given": "Peter"}, {"family": "Zoungas", "given": "Sophia"},
              {"family": "Bakris", "given": "George"}],
   "container-title": "Diabetes Care", "container-title-short": "Diabetes Care",
   "volume": "40", "issue": "9", "page": "1273-1284", "issued": {"raw": "2017-09"},
   "DOI": "10.2337/dci17-0026"},
  {"id": "harrison2018", "type": "book", "title": "Harrison's Principles of Internal Medicine",
   "editor": [{"family": "Jameson", "given": "J. Larry"}, {"family": "Fauci", "given": "Anthony S."},
              {"family": "Kasper", "given": "Dennis L."}, {"family": "Hauser", "given": "Stephen L."},
              {"family": "Longo", "given": "Dan L."}, {"family": "Loscalzo", "given": "Joseph"}],
   "edition": "20", "publisher": "McGraw-Hill Education", "issued": {"date-parts": [[2018]]}},
  {"id": "nice2019", "type": "webpage", "title": "Hypertension in adults: diagnosis and management",
   "author": [{"literal": "National Institute for Health and Care Excellence"}],
   "container-title": "National Institute for Health and Care Excellence", "genre": "NICE guideline NG136",
   "issued": {"date-parts": [[2019, 8, 28]]}, "updated": "2022-03-18",
   "accessed": {"date-parts": [[2023, 5, 10]]}, "URL": "https://www.nice.org.uk/guidance/ng136"},
  {"id": "ostchega2020", "type": "report",
   "title": "Hypertension Prevalence Among Adults Aged 18 and Over: United States, 2017–2018",
   "author": [{"family": "Ostchega", "given": "Yechiam"}, {"family": "Fryar", "given": "Cheryl D."},
              {"family": "Nwankwo", "given": "Tatiana"}, {"family": "Nguyen", "given": "Duong T."}],
   "publisher": "National Center for Health Statistics", "genre": "NCHS Data Brief", "number": "364",
   "issued": {"date-parts": [[2020, 4]]}, "accessed": {"date-parts": [[2021, 3, 10]]},
   "URL": "https://www.cdc.gov/nchs/products/databriefs/db364.htm"}
]
"#;

/// The same items again, as a reference manager exports them to BibTeX.
const BIB: &str = r#"% Exported from a reference manager
@article{knowler2002,
  author = {Knowler, William C. and Barrett-Connor, Elizabeth and Fowler, Sarah E. and Hamman, Richard F. and Lachin, John M. and Walker, Elizabeth A. and Nathan, David M. and {Diabetes Prevention Program Research Group}},
  title = {Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin},
  journal = {New England Journal of Medicine},
  shortjournal = {N Engl J Med},
  year = {2002}, month = feb, day = {7},
  volume = {346}, number = {6}, pages = {393--403},
  doi = {10.1056/NEJMoa012512},
  eprint = {11832527}, eprinttype = {pubmed},
  pmcid = {PMC1370926},
}

@article{deboer2017,
  author = {de Boer, Ian H. and Bangalore, Sripal and Benetos, Athanase and Davis, Andrew M. and Michos, Erin D. and Muntner, Paul and Rossing, Peter and Zoungas, Sophia and Bakris, George},
  title = {Diabetes and hypertension: a position statement by the {American Diabetes Association}},
  journaltitle = {Diabetes Care}, shortjournal = {Diabetes Care},
  date = {2017-09}, volume = {40}, number = {9}, pages = {1273--1284},
  doi = {https://doi.org/10.2337/dci17-0026},
}

@book{harrison2018,
  editor = {Jameson, J. Larry and Fauci, Anthony S. and Kasper, Dennis L. and Hauser, Stephen L. and Longo, Dan L. and Loscalzo, Joseph},
  title = {Harrison's Principles of Internal Medicine},
  edition = {20}, publisher = {McGraw-Hill Education}, year = {2018},
}

@online{nice2019,
  author = {{National Institute for Health and Care Excellence}},
  title = {Hypertension in adults: diagnosis and management},
  organization = {National Institute for Health and Care Excellence},
  type = {NICE guideline NG136},
  date = {2019-08-28}, updated = {2022-03-18}, urldate = {2023-05-10},
  url = {https://www.nice.org.uk/guidance/ng136},
}

@techreport{ostchega2020,
  author = {Ostchega, Yechiam and Fryar, Cheryl D. and Nwankwo, Tatiana and Nguyen, Duong T.},
  title = {Hypertension Prevalence Among Adults Aged 18 and Over: United States, 2017--2018},
  institution = {National Center for Health Statistics},
  type = {NCHS Data Brief}, number = {364},
  year = {2020}, month = {4}, urldate = {2021-03-10},
  url = {https://www.cdc.gov/nchs/products/databriefs/db364.htm},
}
"#;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2024, 1, 15)
}

fn shared(files: &[(&str, &str)]) -> (Bibliography, Diagnostics) {
    let sources: Vec<SourceText> = files.iter().map(|(p, t)| SourceText::new(*p, *t)).collect();
    let mut diags = Diagnostics::new();
    let bib = Bibliography::from_sources(&sources, &mut diags);
    (bib, diags)
}

fn golden() -> Bibliography {
    let (bib, diags) = shared(&[("content/references.yaml", YAML)]);
    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    bib
}

fn text_of(bib: &Bibliography, key: &str) -> String {
    bib.formatted(key).unwrap_or_else(|| panic!("no {key}")).1.to_string()
}

fn html_of(bib: &Bibliography, key: &str) -> String {
    bib.formatted(key).unwrap_or_else(|| panic!("no {key}")).0.to_string()
}

/// (code, line, column) of each finding, sorted.
fn found(diags: impl IntoIterator<Item = Diagnostic>) -> Vec<(&'static str, usize, usize)> {
    let mut v: Vec<_> = diags
        .into_iter()
        .map(|d| {
            let (l, c) = d.range().map_or((0, 0), |r| r.0);
            let code = match d.code {
                std::borrow::Cow::Borrowed(code) => code,
                std::borrow::Cow::Owned(_) => "(owned code)",
            };
            (code, l, c)
        })
        .collect();
    v.sort();
    v
}

// ---- AMA reference entries -------------------------------------------------------------

#[test]
fn journal_article_more_than_six_authors_and_suffix() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "whelton2018"),
        "Whelton PK, Carey RM, Aronow WS, et al. 2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/\
         NMA/PCNA guideline for the prevention, detection, evaluation, and management of high \
         blood pressure in adults: a report of the American College of Cardiology/American Heart \
         Association Task Force on Clinical Practice Guidelines. Hypertension. \
         2018;71(6):e13-e115. doi:10.1161/HYP.0000000000000065 PMID: 29133356"
    );
}

#[test]
fn people_then_group_after_a_semicolon_with_pubmed_links() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "knowler2002"),
        "Knowler WC, Barrett-Connor E, Fowler SE, et al; Diabetes Prevention Program Research \
         Group. Reduction in the incidence of type 2 diabetes with lifestyle intervention or \
         metformin. N Engl J Med. 2002;346(6):393-403. doi:10.1056/NEJMoa012512 PMID: 11832527 \
         PMCID: PMC1370926"
    );
    assert_eq!(
        html_of(&bib, "knowler2002"),
        "Knowler WC, Barrett-Connor E, Fowler SE, et al; Diabetes Prevention Program Research \
         Group. Reduction in the incidence of type 2 diabetes with lifestyle intervention or \
         metformin. <i>N Engl J Med</i>. 2002;346(6):393-403. \
         <a href=\"https://doi.org/10.1056/NEJMoa012512\">doi:10.1056/NEJMoa012512</a> PMID: \
         <a href=\"https://pubmed.ncbi.nlm.nih.gov/11832527/\">11832527</a> PMCID: \
         <a href=\"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1370926/\">PMC1370926</a>"
    );
}

#[test]
fn group_first_then_people_with_suffix_and_abbreviation_without_periods() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "sprint2015"),
        "SPRINT Research Group; Wright JT Jr, Williamson JD, Whelton PK, et al. A randomized \
         trial of intensive versus standard blood-pressure control. N Engl J Med. \
         2015;373(22):2103-2116. doi:10.1056/NEJMoa1511939 PMID: 26551272 PMCID: PMC4689591"
    );
}

#[test]
fn particles_stay_with_the_family_name() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "deboer2017"),
        "de Boer IH, Bangalore S, Benetos A, et al. Diabetes and hypertension: a position \
         statement by the American Diabetes Association. Diabetes Care. 2017;40(9):1273-1284. \
         doi:10.2337/dci17-0026"
    );
}

#[test]
fn group_author_and_supplement() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "ada2021"),
        "American Diabetes Association. 2. Classification and diagnosis of diabetes: Standards \
         of Medical Care in Diabetes—2021. Diabetes Care. 2021;44(suppl 1):S15-S33. \
         doi:10.2337/dc21-S002"
    );
}

#[test]
fn retracted_article_cites_its_notice_as_the_manual_shows() {
    // AMA Manual of Style, 11th ed., its example of a retracted article, with the notice in
    // the bibliography under its own key (the Manual's example prints no DOI).
    let yaml = r#"
- id: hwang2005
  type: article-journal
  title: Patient-specific embryonic stem cells derived from human SCNT blastocysts
  author:
    - {family: Hwang, given: Woo Suk}
    - {family: Roh, given: Sung Il}
    - {family: Lee, given: Byeong Chun}
    - {family: Kang, given: Sung Keun}
    - {family: Kwon, given: Dae Kee}
    - {family: Kim, given: Sue}
    - {family: Kim, given: Sun Jong}
  container-title: Science
  container-title-short: Science
  issued: 2005-06-17
  volume: "308"
  issue: "5729"
  page: 1777-83
  status: retracted
  retraction-notice: kennedy2006
- id: kennedy2006
  type: article-journal
  title: Editorial retraction
  author:
    - {family: Kennedy, given: Donald}
  container-title: Science
  container-title-short: Science
  issued: 2006-01-20
  volume: "311"
  issue: "5759"
  page: "335"
"#;
    let (bib, diags) = shared(&[("content/references.yaml", yaml)]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        text_of(&bib, "hwang2005"),
        "Hwang WS, Roh SI, Lee BC, et al. Patient-specific embryonic stem cells derived from \
         human SCNT blastocysts [retracted in: Science. 2006;311(5759):335]. Science. \
         2005;308(5729):1777-1783."
    );
    assert_eq!(
        html_of(&bib, "hwang2005"),
        "Hwang WS, Roh SI, Lee BC, et al. Patient-specific embryonic stem cells derived from \
         human SCNT blastocysts <strong class=\"ref-retracted\">[retracted in: Science. \
         2006;311(5759):335]</strong>. <i>Science</i>. 2005;308(5729):1777-1783."
    );
    // The notice itself is an ordinary reference.
    assert_eq!(
        text_of(&bib, "kennedy2006"),
        "Kennedy D. Editorial retraction. Science. 2006;311(5759):335."
    );
}

#[test]
fn retracted_wakefield_paper_in_every_form_of_notice() {
    // The real record: Lancet. 1998;351(9103):637-641, retracted in Lancet.
    // 2010;375(9713):445 (PMID 20137807); the same entry whichever way the notice is given.
    let expected = "Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular \
         hyperplasia, non-specific colitis, and pervasive developmental disorder in children \
         [retracted in: Lancet. 2010;375(9713):445]. Lancet. 1998;351(9103):637-641. \
         doi:10.1016/S0140-6736(97)11096-0 PMID: 9500320";
    let bib = golden();
    assert_eq!(text_of(&bib, "wakefield1998"), expected);
    assert!(
        html_of(&bib, "wakefield1998").contains(
            "children <strong class=\"ref-retracted\">[retracted in: <a \
             href=\"https://doi.org/10.1016/S0140-6736(10)60175-4\">Lancet. \
             2010;375(9713):445</a>]</strong>. <i>Lancet</i>."
        ),
        "{}",
        html_of(&bib, "wakefield1998")
    );
    let wakefield = bib.get("wakefield1998").unwrap().clone();
    let as_note = |note: &str| {
        let item =
            CslItem { retraction_notice: None, note: Some(note.into()), ..wakefield.clone() };
        format_reference(&item).1
    };
    // PubMed's form, as Zotero keeps it in Extra (and so in `note`), with no `status`.
    let pubmed = as_note(
        "PMID: 9500320\nRetraction in: Lancet. 2010 Feb 6;375(9713):445. doi: \
         10.1016/S0140-6736(10)60175-4. PMID: 20137807.",
    );
    assert_eq!(pubmed, expected);
    let literal = CslItem {
        retraction_notice: Some("Lancet. 2010;375(9713):445".into()),
        ..wakefield.clone()
    };
    assert_eq!(format_reference(&literal).1, expected);
    // Only the DOI known: the bracket cites it.
    let by_doi = CslItem {
        retraction_notice: Some("https://doi.org/10.1016/S0140-6736(10)60175-4".into()),
        ..wakefield.clone()
    };
    assert!(
        format_reference(&by_doi)
            .1
            .contains("children [retracted in: doi:10.1016/S0140-6736(10)60175-4]. Lancet."),
        "{}",
        format_reference(&by_doi).1
    );
    // Retracted with no notice given.
    let bare = CslItem { retraction_notice: None, note: None, ..wakefield };
    assert!(format_reference(&bare).1.contains("in children [retracted]. Lancet. 1998;"));

    // In the article: a marked superscript and list item.
    let art = ArticleBibliography::shared_only(&bib);
    let file =
        SourceText::new("content/articles/mmr.md", "The paper [@wakefield1998] was retracted.");
    let mut citer = Citer::new(&art, &file);
    let html = citer.render_text(&file.text, &file.text, 0).unwrap();
    assert!(html.contains("class=\"cite-item cite-retracted\""), "{html}");
    assert!(html.contains("aria-label=\"Reference 1, retracted source\""), "{html}");
    assert!(html.contains("[retracted in: Lancet. 2010;375(9713):445]"), "{html}");
    let (refs, diags) = citer.finish();
    assert!(diags.is_empty());
    assert!(refs.entries[0].retracted);
    let list = refs.render_list_html();
    assert!(list.contains("<li id=\"ref-1\" class=\"reference reference-retracted\">"), "{list}");
    assert_eq!(list.matches("retracted in:").count(), 1, "{list}");
}

#[test]
fn a_retraction_notice_key_that_is_nowhere_is_a_warning() {
    let yaml = "- id: x\n  type: article-journal\n  title: A paper\n  container-title-short: Gut\n  issued: 2001\n  volume: 1\n  retraction-notice: nosuchkey\n";
    let (bib, diags) = shared(&[("content/references.yaml", yaml)]);
    assert_eq!(found(diags.iter().cloned()), [("cite.unknown_retraction_notice", 1, 7)]);
    assert_eq!(text_of(&bib, "x"), "A paper [retracted]. Gut. 2001;1.");
}

#[test]
fn bibtex_retraction_fields() {
    let bib = "@article{w, author = {Wakefield, A. J.}, title = {Ileal-lymphoid-nodular hyperplasia}, journal = {The Lancet}, shortjournal = {Lancet}, year = {1998}, volume = {351}, number = {9103}, pages = {637--641}, pubstate = {retracted}, retractionnotice = {Lancet. 2010;375(9713):445}}\n";
    let (bib, diags) = shared(&[("content/references.bib", bib)]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        text_of(&bib, "w"),
        "Wakefield AJ. Ileal-lymphoid-nodular hyperplasia [retracted in: Lancet. \
         2010;375(9713):445]. Lancet. 1998;351(9103):637-641."
    );
}

#[test]
fn edited_book_and_chapter() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "harrison2018"),
        "Jameson JL, Fauci AS, Kasper DL, Hauser SL, Longo DL, Loscalzo J, eds. Harrison’s \
         Principles of Internal Medicine. 20th ed. McGraw-Hill Education; 2018."
    );
    assert_eq!(
        html_of(&bib, "harrison2018"),
        "Jameson JL, Fauci AS, Kasper DL, Hauser SL, Longo DL, Loscalzo J, eds. <i>Harrison’s \
         Principles of Internal Medicine</i>. 20th ed. McGraw-Hill Education; 2018."
    );
    assert_eq!(
        text_of(&bib, "fauci2018"),
        "Fauci AS, Lane HC. Human immunodeficiency virus disease: AIDS and related disorders. \
         In: Jameson JL, Fauci AS, Kasper DL, Hauser SL, Longo DL, Loscalzo J, eds. Harrison’s \
         Principles of Internal Medicine. 20th ed. McGraw-Hill Education; 2018."
    );
}

#[test]
fn web_page_with_published_updated_accessed() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "nice2019"),
        "Hypertension in adults: diagnosis and management. National Institute for Health and \
         Care Excellence. NICE guideline NG136. Published August 28, 2019. Updated March 18, \
         2022. Accessed May 10, 2023. https://www.nice.org.uk/guidance/ng136"
    );
}

#[test]
fn guideline_as_a_report_with_its_number_then_the_updated_date() {
    // The same NICE guideline, saved by a reference manager as a report (Zotero's "Report":
    // institution, report type and number).
    let item = "id: nice2019r\ntype: report\ntitle: \"Hypertension in adults: diagnosis and \
                management\"\nauthor: [{literal: National Institute for Health and Care \
                Excellence}]\npublisher: National Institute for Health and Care Excellence\n\
                genre: NICE guideline\nnumber: NG136\nissued: 2019-08-28\nupdated: 2022-03-18\n\
                accessed: 2023-05-10\nURL: https://www.nice.org.uk/guidance/ng136\n";
    assert_eq!(
        format_yaml(item),
        "National Institute for Health and Care Excellence. Hypertension in adults: diagnosis and \
         management. National Institute for Health and Care Excellence; 2019. NICE guideline \
         NG136. Updated March 18, 2022. Accessed May 10, 2023. \
         https://www.nice.org.uk/guidance/ng136"
    );
}

#[test]
fn report_in_a_series_as_the_manual_shows() {
    // AMA 3.15.5's own example, checked against the report's title page: Johnston LD,
    // O’Malley PM, Bachman JG, Schulenberg JE. HIV/AIDS: Risk & Protective Behaviors among
    // American Young Adults, 2004–2008. NIH Publication No. 10-7586. National Institute on
    // Drug Abuse; printed June 2010. Monitoring the Future.
    let item = "id: johnston2010\ntype: report\ntitle: \"HIV/AIDS: Risk & Protective Behaviors \
                among American Young Adults, 2004–2008\"\nauthor:\n  - {family: Johnston, given: \
                Lloyd D.}\n  - {family: O'Malley, given: Patrick M.}\n  - {family: Bachman, given: \
                Jerald G.}\n  - {family: Schulenberg, given: John E.}\npublisher: National \
                Institute on Drug Abuse\ncollection-title: Monitoring the Future\ngenre: NIH \
                publication\nnumber: 10-7586\nissued: 2010-06\naccessed: 2016-03-03\nURL: \
                http://monitoringthefuture.org/pubs/monographs/hiv-aids_2010.pdf\n";
    assert_eq!(
        format_yaml(item),
        "Johnston LD, O’Malley PM, Bachman JG, Schulenberg JE. HIV/AIDS: Risk & Protective \
         Behaviors among American Young Adults, 2004–2008. National Institute on Drug Abuse; \
         2010. Monitoring the Future. NIH publication 10-7586. Accessed March 3, 2016. \
         http://monitoringthefuture.org/pubs/monographs/hiv-aids_2010.pdf"
    );
    // A series number with no genre: the number belongs to the series (Zotero's "Series").
    let brief = "id: ostchega2020s\ntype: report\ntitle: Hypertension prevalence\n\
                 publisher: National Center for Health Statistics\ncollection-title: NCHS Data \
                 Brief\nnumber: \"364\"\nissued: 2020-04\n";
    assert_eq!(
        format_yaml(brief),
        "Hypertension prevalence. National Center for Health Statistics; 2020. NCHS Data Brief 364."
    );
}

#[test]
fn titles_and_names_get_typographic_apostrophes_and_quotes() {
    // Godlee F, Smith J, Marcovitch H. BMJ. 2011;342:c7452. doi:10.1136/bmj.c7452, PMID
    // 21209060, as listed by PubMed (with a straight apostrophe, as Crossref gives it).
    let item = "id: godlee2011\ntype: article-journal\ntitle: \"Wakefield's article linking MMR \
                vaccine and autism was fraudulent\"\nauthor:\n  - {family: Godlee, given: \
                Fiona}\n  - {family: Smith, given: Jane}\n  - {family: Marcovitch, given: \
                Harvey}\ncontainer-title: BMJ\ncontainer-title-short: BMJ\nissued: 2011-01-05\n\
                volume: \"342\"\npage: c7452\nDOI: 10.1136/bmj.c7452\nPMID: \"21209060\"\n";
    assert_eq!(
        format_yaml(item),
        "Godlee F, Smith J, Marcovitch H. Wakefield’s article linking MMR vaccine and autism was \
         fraudulent. BMJ. 2011;342:c7452. doi:10.1136/bmj.c7452 PMID: 21209060"
    );
    // Rule: quotes open after a space or bracket and close elsewhere; tags are left alone.
    assert_eq!(
        super::ama::typographic_quotes("Parents' \"wait and see\" ('watchful') <i>don't</i>"),
        "Parents’ “wait and see” (‘watchful’) <i>don’t</i>"
    );
}

#[test]
fn report_with_its_number() {
    let bib = golden();
    assert_eq!(
        text_of(&bib, "ostchega2020"),
        "Ostchega Y, Fryar CD, Nwankwo T, Nguyen DT. Hypertension Prevalence Among Adults Aged 18 \
         and Over: United States, 2017–2018. National Center for Health Statistics; 2020. NCHS \
         Data Brief 364. Accessed March 10, 2021. \
         https://www.cdc.gov/nchs/products/databriefs/db364.htm"
    );
    assert!(html_of(&bib, "ostchega2020").contains(
        "<i>Hypertension Prevalence Among Adults Aged 18 and Over: United States, 2017–2018</i>."
    ));
}

/// Rule tests with made-up data ("Example"): forms that no golden reference above covers.
fn format_yaml(yaml: &str) -> String {
    let item: CslItem = serde_yaml::from_str(yaml).unwrap();
    format_reference(&item).1
}

#[test]
fn rule_online_ahead_of_print_and_in_press() {
    assert_eq!(
        format_yaml(
            "id: x\ntype: article-journal\ntitle: An example\nauthor: [{family: Example, given: Ann}]\n\
             container-title-short: Nat Med\nissued: 2016-07-07\nDOI: 10.1000/example.1\n"
        ),
        "Example A. An example. Nat Med. Published online July 7, 2016. doi:10.1000/example.1"
    );
    assert_eq!(
        format_yaml(
            "id: x\ntype: article-journal\ntitle: An example\nauthor: [{family: Example, given: Ann}]\n\
             container-title-short: JAMA\nstatus: in press\n"
        ),
        "Example A. An example. JAMA. In press."
    );
}

#[test]
fn rule_e_locators_and_elided_pages() {
    let f = |page: &str| {
        format_yaml(&format!(
            "id: x\ntype: article-journal\ntitle: T\ncontainer-title-short: BMJ\nissued: 2013\nvolume: 346\npage: {page}\n"
        ))
    };
    assert_eq!(f("e8525"), "T. BMJ. 2013;346:e8525.");
    assert_eq!(f("1210-17"), "T. BMJ. 2013;346:1210-1217.");
}

#[test]
fn rule_editors_et_al_and_chapter_pages() {
    let eds: String = (0..7).map(|i| format!("  - {{family: Editor{i}, given: Ann}}\n")).collect();
    assert_eq!(
        format_yaml(&format!(
            "id: x\ntype: chapter\ntitle: A chapter\nauthor: [{{family: Example, given: Jean-Paul}}]\n\
             editor:\n{eds}container-title: A Book\nedition: 3\npublisher: Example Press\nissued: 2015\npage: 93-113\n"
        )),
        "Example J-P. A chapter. In: Editor0 A, Editor1 A, Editor2 A, et al, eds. A Book. 3rd ed. \
         Example Press; 2015:93-113."
    );
    assert_eq!(
        format_yaml(
            "id: x\ntype: book\ntitle: A Book\nauthor: [{family: Example, given: Ann}]\n\
             editor: [{family: Editor, given: Bob}]\nvolume: 2\nedition: 2nd edition\npublisher: Example Press\nissued: 2019\n"
        ),
        "Example A. A Book. Vol 2. 2nd ed. Editor B, ed. Example Press; 2019."
    );
}

#[test]
fn rule_news_release_thesis_preprint_presentation() {
    assert_eq!(
        format_yaml(
            "id: x\ntype: report\ngenre: News release\ntitle: Example agency approves a drug\n\
             publisher: Example Agency\nissued: 2020-03-04\naccessed: 2020-04-01\nURL: https://example.org/news\n"
        ),
        "Example agency approves a drug. News release. Example Agency; March 4, 2020. Accessed \
         April 1, 2020. https://example.org/news"
    );
    assert_eq!(
        format_yaml(
            "id: x\ntype: thesis\ngenre: PhD thesis\ntitle: A Thesis\nauthor: [{family: Example, given: Ann}]\n\
             publisher: Example University\nissued: 2019\n"
        ),
        "Example A. A Thesis. Dissertation. Example University; 2019."
    );
    assert_eq!(
        format_yaml(
            "id: x\ntype: article\ntitle: A preprint\nauthor: [{family: Example, given: Ann}]\n\
             container-title: medRxiv\nissued: 2020-04-03\nDOI: 10.1101/2020.04.03.000000\n"
        ),
        "Example A. A preprint. medRxiv. Preprint posted online April 3, 2020. \
         doi:10.1101/2020.04.03.000000"
    );
    assert_eq!(
        format_yaml(
            "id: x\ntype: paper-conference\ngenre: Poster\ntitle: A poster\nauthor: [{family: Example, given: Ann}]\n\
             event-title: Example Meeting\nevent-date: 2019-06-01\nevent-place: Boston, MA\n"
        ),
        "Example A. A poster. Poster presented at: Example Meeting; June 1, 2019; Boston, MA."
    );
}

#[test]
fn rule_titles_are_never_recased_and_keep_rich_text() {
    let item: CslItem = serde_yaml::from_str(
        "id: x\ntype: article-journal\ntitle: Is <i>Helicobacter pylori</i> a cause? A & B\n\
         container-title-short: Gut\nissued: 2001\nvolume: 1\npage: 1-5\n",
    )
    .unwrap();
    let (html, text) = format_reference(&item);
    assert_eq!(text, "Is Helicobacter pylori a cause? A & B. Gut. 2001;1:1-5.");
    assert_eq!(html, "Is <i>Helicobacter pylori</i> a cause? A &amp; B. <i>Gut</i>. 2001;1:1-5.");
    let q = format_yaml(
        "id: x\ntype: article-journal\ntitle: Does it work?\ncontainer-title-short: Gut\nissued: 2001\nvolume: 1\n",
    );
    assert_eq!(q, "Does it work? Gut. 2001;1.");
}

#[test]
fn zotero_and_crossref_habits() {
    // Zotero: PubMed ids in `note`; Crossref: a type name of its own, arrays, a short title
    // field of its own, and "RETRACTED:" in the title of a retracted paper.
    let json = r#"[{"id": "w", "type": "journal-article",
        "title": ["RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children"],
        "author": [{"family": "Wakefield", "given": "A.J.", "sequence": "first", "affiliation": []}],
        "container-title": ["The Lancet"], "short-container-title": ["Lancet"],
        "volume": "351", "issue": "9103", "page": "637-641",
        "issued": {"date-parts": [[1998, 2]]}, "DOI": "10.1016/S0140-6736(97)11096-0",
        "note": "PMID: 9500320"}]"#;
    let (bib, diags) = shared(&[("r.json", json)]);
    assert!(diags.is_empty(), "{diags:#?}");
    let item = bib.get("w").unwrap();
    assert_eq!(item.kind, "article-journal");
    assert!(item.is_retracted());
    assert_eq!(
        text_of(&bib, "w"),
        "Wakefield AJ. Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive \
         developmental disorder in children [retracted]. Lancet. 1998;351(9103):637-641. \
         doi:10.1016/S0140-6736(97)11096-0 PMID: 9500320"
    );
}

#[test]
fn unsafe_urls_are_not_linked() {
    let item: CslItem = serde_yaml::from_str(
        "id: x\ntype: webpage\ntitle: T\nURL: \"javascript:alert(1)\"\naccessed: 2020-01-01\n",
    )
    .unwrap();
    let (html, _) = format_reference(&item);
    assert!(!html.contains("href"), "{html}");
}

// ---- YAML, JSON and BibTeX agree ----------------------------------------------------------

#[test]
fn yaml_json_and_bibtex_give_identical_entries() {
    let (yaml, d1) = shared(&[("content/references.yaml", YAML)]);
    let (json, d2) = shared(&[("content/references.json", JSON)]);
    let (bib, d3) = shared(&[("content/references.bib", BIB)]);
    for d in [&d1, &d2, &d3] {
        assert!(!d.has_errors(), "{d:#?}");
    }
    for key in ["knowler2002", "deboer2017", "harrison2018", "nice2019", "ostchega2020"] {
        let y = yaml.formatted(key).unwrap();
        assert_eq!(json.formatted(key), Some(y), "json {key}");
        assert_eq!(bib.formatted(key), Some(y), "bibtex {key}");
    }
    // Several files together: the same data twice is fine.
    let (all, d) = shared(&[("content/references.yaml", YAML), ("content/references.json", JSON)]);
    assert!(!d.iter().any(|d| d.code == "cite.duplicate_key"), "{d:#?}");
    assert_eq!(all.len(), yaml.len());
}

#[test]
fn fingerprints_change_with_the_data() {
    let (a, _) = shared(&[("r.yaml", "- id: a\n  type: book\n  title: One\n")]);
    let (b, _) = shared(&[("r.yaml", "- id: a\n  type: book\n  title: Two\n")]);
    let (c, _) = shared(&[("r.yaml", "- id: a\n  type: book\n  title: One\n")]);
    assert_ne!(a.fingerprint("a"), b.fingerprint("a"));
    assert_eq!(a.fingerprint("a"), c.fingerprint("a"));
    assert_eq!(a.fingerprint("zzz"), None);
}

#[test]
fn loads_from_disk_with_display_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("references.yaml"), YAML).unwrap();
    std::fs::write(
        dir.path().join("references.bib"),
        "@book{extra, title = {X}, year = {2000}, publisher = {P}}\n",
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    let bib = Bibliography::load(dir.path(), Path::new("content"), &mut diags);
    assert!(!diags.has_errors(), "{diags:#?}");
    assert!(bib.get("extra").is_some() && bib.get("whelton2018").is_some());
    assert!(!bib.is_empty());
    let empty = Bibliography::load(&dir.path().join("missing"), Path::new("content"), &mut diags);
    assert!(empty.is_empty());
}

// ---- citations in the text ---------------------------------------------------------------

/// What a reader sees: superscripts as `^{...}`, previews and hidden text dropped.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let gt = rest.find('>').unwrap() + 1;
        let tag = &rest[..gt];
        rest = &rest[gt..];
        if tag.starts_with("<sup") {
            out.push_str("^{");
        } else if tag == "</sup>" {
            out.push('}');
        } else if tag.contains("cite-preview") || tag.contains("visually-hidden") {
            let end = rest.find("</span>").unwrap();
            rest = &rest[end + "</span>".len()..];
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
}

struct Run {
    out: Vec<Option<String>>,
    refs: CitedReferences,
    diags: Vec<Diagnostic>,
}

/// Renders each paragraph of `md` (one text run each) with the golden bibliography.
fn cite(md: &str) -> Run {
    let bib = golden();
    let file = SourceText::new("content/articles/bp.md", md);
    let art = ArticleBibliography::shared_only(&bib);
    let mut citer = Citer::new(&art, &file);
    let mut out = Vec::new();
    let mut offset = 0;
    for para in md.split('\n') {
        // The test feeds the source as the text; escapes are decoded like pulldown does.
        let text = para.replace("\\@", "@").replace("&#64;", "@");
        out.push(citer.render_text(&text, para, offset).map(|h| visible(&h)));
        offset += para.len() + 1;
    }
    let (refs, diags) = citer.finish();
    Run { out, refs, diags }
}

fn one(md: &str) -> String {
    cite(md).out.remove(0).unwrap_or_else(|| "<none>".into())
}

#[test]
fn numbers_follow_first_citation_and_are_reused() {
    let r = cite("A [@knowler2002]. B [@whelton2018; @knowler2002]. C [@knowler2002].");
    assert_eq!(r.out[0].as_deref(), Some("A.^{1} B.^{1,2} C.^{1}"));
    let keys: Vec<_> = r.refs.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["knowler2002", "whelton2018"]);
    assert_eq!(r.refs.entries[0].backlinks, ["cite-1-1", "cite-1-2", "cite-1-3"]);
    assert_eq!(r.refs.entries[1].anchor, "ref-2");
    assert!(r.diags.is_empty());
}

#[test]
fn ranges_pairs_and_mixed_groups() {
    let r = cite(
        "[@whelton2018; @knowler2002; @sprint2015]\n[@knowler2002; @sprint2015]\n\
         [@deboer2017; @ada2021; @harrison2018; @nice2019]\n\
         [@ostchega2020; @deboer2017; @ada2021; @harrison2018; @whelton2018]",
    );
    let out: Vec<_> = r.out.iter().map(|o| o.clone().unwrap()).collect();
    assert_eq!(out, ["^{1-3}", "^{2,3}", "^{4-7}", "^{1,4-6,8}"]);
    // Every number of a collapsed range still gets a back link target.
    assert_eq!(r.refs.entries[1].backlinks, ["cite-2-1", "cite-2-2"]);
    assert_eq!(r.refs.entries[4].backlinks, ["cite-5-1", "cite-5-2"]);
}

#[test]
fn punctuation_placement_and_spaces() {
    assert_eq!(one("as reported [@knowler2002]."), "as reported.^{1}");
    assert_eq!(one("first [@knowler2002], then"), "first,^{1} then");
    assert_eq!(one("as follows [@knowler2002]: a"), "as follows^{1}: a");
    assert_eq!(one("one [@knowler2002]; two"), "one^{1}; two");
    assert_eq!(one("wait [@knowler2002]..."), "wait^{1}...");
    assert_eq!(one("end [@knowler2002]"), "end^{1}");
}

#[test]
fn locators_inside_the_superscript() {
    assert_eq!(one("x [@knowler2002, p. 12]"), "x^{1(p12)}");
    assert_eq!(one("x [@knowler2002, pp. 33-35]."), "x.^{1(pp33-35)}");
    assert_eq!(one("x [@harrison2018, chap. 3]"), "x^{1(chap 3)}");
    assert_eq!(one("x [@knowler2002, p. 4; @whelton2018]"), "x^{1(p4),2}");
    assert_eq!(one("x [@knowler2002 33]"), "x^{1(p33)}");
    let html = cite("x [@knowler2002, p. 12]").out.remove(0);
    assert!(html.is_some());
}

#[test]
fn a_bracket_with_inline_markup_is_one_citation() {
    let bib = golden();
    let md = "Cited often [@knowler2002, *passim*]. Twice [@whelton2018, p. 3 and **table 2**].\n\n\
              Not a citation: [see *below*], and *[@sprint2015]* in italics.\n";
    let file = SourceText::new("content/articles/bp.md", md);
    let art = ArticleBibliography::shared_only(&bib);
    let mut citer = Citer::new(&art, &file);
    let body = crate::markdown::render(md, 0, &mut citer);
    let (refs, diags) = citer.finish();
    let html = visible(&body.html);
    assert!(html.contains("Cited often.^{1(passim)} Twice.^{2(p3, and table 2)}"), "{html}");
    assert!(html.contains("Not a citation: [see below], and ^{3} in italics."), "{html}");
    assert!(body.html.contains("[see <em>below</em>]"), "{}", body.html);
    let keys: Vec<_> = refs.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["knowler2002", "whelton2018", "sprint2015"]);
    assert!(diags.iter().all(|d| d.code != "cite.unknown_key"), "{diags:?}");
}

#[test]
fn narrative_citations_print_the_names() {
    assert_eq!(one("@knowler2002 showed"), "Knowler et al^{1} showed");
    assert_eq!(one("@ostchega2020 [p. 3] found"), "Ostchega et al^{1(p3)} found");
    assert_eq!(one("as @ada2021 says."), "as American Diabetes Association^{1} says.");
    assert_eq!(one("@deboer2017 wrote"), "de Boer et al^{1} wrote");
    assert_eq!(one("per @harrison2018."), "per Jameson et al.^{1}");
    assert_eq!(one("[-@knowler2002] and"), "^{1} and");
}

#[test]
fn adjacent_groups_merge() {
    assert_eq!(one("x [@knowler2002][@whelton2018]."), "x.^{1,2}");
    assert_eq!(one("x [@knowler2002] [@whelton2018] [@sprint2015]"), "x^{1-3}");
}

#[test]
fn escapes_emails_and_plain_brackets_are_not_citations() {
    let r = cite(
        "write to clinic@example.org\nan escaped \\@knowler2002 key\nentity &#64;knowler2002 too\n[see below] and [1]\n@ alone",
    );
    assert!(r.out.iter().all(Option::is_none), "{:?}", r.out);
    assert!(r.refs.is_empty());
    assert!(r.diags.is_empty());
    assert_eq!(cite("no at sign here").out[0], None);
}

#[test]
fn footnotes_continue_the_numbering() {
    // The renderer feeds footnote definitions where they occur, like any other run.
    let r = cite("Body [@whelton2018].\nA footnote cites [@knowler2002; @whelton2018].");
    assert_eq!(r.out[1].as_deref(), Some("A footnote cites.^{1,2}"));
}

#[test]
fn prefix_warns_and_is_kept() {
    let r = cite("Intro line\nBP matters [see @whelton2018].");
    assert_eq!(r.out[1].as_deref(), Some("BP matters see^{1}."));
    assert_eq!(found(r.diags), [("cite.prefix_in_numeric_style", 2, 13)]);
}

#[test]
fn unknown_key_is_an_error_at_the_key() {
    let r = cite("First line\nA claim [@knowler2002; @whelton2019].");
    assert_eq!(r.out[1].as_deref(), Some("A claim.^{1,?whelton2019}"));
    assert_eq!(found(r.diags.clone()), [("cite.unknown_key", 2, 25)]);
    assert_eq!(r.diags[0].help.as_deref(), Some("did you mean `whelton2018`?"));
    let r = cite("x [@nothinglikeit]");
    assert!(r.diags[0].help.as_deref().unwrap().contains("id: nothinglikeit"));
}

#[test]
fn unknown_locator_label_warns() {
    let r = cite("x [@knowler2002, tab. 2]");
    assert_eq!(r.out[0].as_deref(), Some("x^{1(tab. 2)}"));
    assert_eq!(found(r.diags), [("cite.unknown_locator", 1, 18)]);
}

#[test]
fn superscript_after_a_number_is_flagged() {
    let r = cite("in 26 [@knowler2002]");
    assert_eq!(found(r.diags), [("cite.after_number", 1, 8)]);
}

#[test]
fn superscript_markup_links_previews_and_backlinks() {
    let bib = golden();
    let file = SourceText::new("a.md", "x [@knowler2002, p. 12]");
    let art = ArticleBibliography::shared_only(&bib);
    let mut citer = Citer::new(&art, &file);
    let html = citer.render_text("x [@knowler2002, p. 12]", "x [@knowler2002, p. 12]", 0).unwrap();
    assert_eq!(
        html,
        "x<sup class=\"cite\"><span class=\"cite-item\"><a href=\"#ref-1\" id=\"cite-1-1\" \
         class=\"cite-link\" aria-label=\"Reference 1, page 12\" \
         aria-describedby=\"cite-1-1-preview\">1</a>(p12)<span class=\"cite-preview\" \
         id=\"cite-1-1-preview\" role=\"tooltip\" aria-hidden=\"true\">Knowler WC, \
         Barrett-Connor E, Fowler SE, et al; Diabetes Prevention Program Research Group. \
         Reduction in the incidence of type 2 diabetes with lifestyle intervention or \
         metformin. N Engl J Med. 2002;346(6):393-403. doi:10.1056/NEJMoa012512 PMID: 11832527 \
         PMCID: PMC1370926</span></span></sup>"
    );
    citer.render_text("y [@knowler2002]", "y [@knowler2002]", 30);
    let (refs, _) = citer.finish();
    let list = refs.render_list_html();
    assert!(
        list.starts_with(
            "<ol class=\"references\">\n<li id=\"ref-1\" class=\"reference\">Knowler WC"
        )
    );
    assert!(list.contains("<a class=\"ref-backlink\" href=\"#cite-1-1\" aria-label=\"Back to citation 1 of reference 1\">a</a>"));
    assert!(list.contains("href=\"#cite-1-2\""));
    assert!(CitedReferences::default().render_list_html().is_empty());
    // A range keeps the hidden middle target.
    let mut citer = Citer::new(&art, &file);
    let html = citer
        .render_text(
            "[@whelton2018; @knowler2002; @sprint2015]",
            "[@whelton2018; @knowler2002; @sprint2015]",
            0,
        )
        .unwrap();
    assert!(html.contains("<span class=\"cite-range\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\"> to </span><span id=\"cite-2-1\"></span></span>"), "{html}");
}

#[test]
fn text_around_citations_is_escaped() {
    assert_eq!(cite("a <b> & \"c\" [@knowler2002]").out[0].as_deref().map(|_| ()), Some(()));
    let bib = golden();
    let file = SourceText::new("a.md", "");
    let art = ArticleBibliography::shared_only(&bib);
    let mut citer = Citer::new(&art, &file);
    let html =
        citer.render_text("a <b> & [@knowler2002]", "a <b> &amp; [@knowler2002]", 0).unwrap();
    assert!(html.starts_with("a &lt;b&gt; &amp;<sup"), "{html}");
}

// ---- errors and warnings in bibliography files ------------------------------------------

#[test]
fn identifier_errors_point_at_their_lines() {
    let yaml = "- id: a\n  type: article-journal\n  title: T\n  container-title-short: J\n  DOI: 10.12/abc\n  PMID: PM123\n  PMCID: 12345\n";
    let (bib, diags) = shared(&[("content/references.yaml", yaml)]);
    assert_eq!(bib.len(), 1);
    assert_eq!(
        found(diags),
        [("cite.bad_doi", 5, 3), ("cite.bad_pmcid", 7, 3), ("cite.bad_pmid", 6, 3)]
    );
    let json = "[\n  {\"id\": \"b\", \"type\": \"book\",\n   \"PMID\": \"12a\"}\n]";
    let (_, diags) = shared(&[("content/references.json", json)]);
    assert_eq!(found(diags), [("cite.bad_pmid", 3, 4)]);
    let bibtex =
        "@article{c,\n  title = {T},\n  shortjournal = {J},\n  doi = {doi:10.1056 /x},\n}\n";
    let (_, diags) = shared(&[("content/references.bib", bibtex)]);
    assert_eq!(found(diags), [("cite.bad_doi", 4, 10)]);
}

#[test]
fn good_identifiers_are_normalised() {
    let yaml = "- id: a\n  type: article-journal\n  container-title-short: J\n  DOI: https://doi.org/10.1056/X\n  PMID: 'PMID: 123'\n  PMCID: pmc456\n";
    let (bib, diags) = shared(&[("r.yaml", yaml)]);
    assert!(diags.is_empty(), "{diags:#?}");
    let it = bib.get("a").unwrap();
    assert_eq!(it.doi.as_deref(), Some("10.1056/X"));
    assert_eq!(it.pmid.as_deref(), Some("123"));
    assert_eq!(it.pmcid.as_deref(), Some("PMC456"));
}

#[test]
fn unparsable_files_report_the_line() {
    let (bib, diags) = shared(&[("content/references.yaml", "- id: a\n  title: T\n - id: b\n")]);
    assert!(bib.is_empty());
    let f = found(diags);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].0, f[0].1), ("cite.parse", 3));
    let (_, diags) =
        shared(&[("content/references.json", "[\n {\"id\": \"a\"},\n {\"id\": \"b\",}\n]")]);
    let f = found(diags);
    assert_eq!((f[0].0, f[0].1), ("cite.parse", 3));
    let bibtex = "@book{ok1, title = {A}, year = {2000}}\n\n@article{broken,\n  title = {Unclosed,\n  year = {2001}\n\n@book{ok2, title = {B}, year = {2002}}\n";
    let (bib, diags) = shared(&[("content/references.bib", bibtex)]);
    assert!(bib.get("ok1").is_some());
    let f = found(diags);
    assert_eq!(f, [("cite.parse", 3, 1)]);
}

#[test]
fn bad_fields_and_missing_ids() {
    let yaml = "- id: a\n  type: book\n  author: 5\n- type: book\n  title: No id\n- just text\n";
    let (bib, diags) = shared(&[("content/references.yaml", yaml)]);
    assert_eq!(bib.len(), 1);
    assert_eq!(
        found(diags),
        [("cite.bad_field", 3, 3), ("cite.missing_id", 4, 1), ("cite.parse", 6, 1)]
    );
}

#[test]
fn duplicate_keys() {
    // Twice in one file: always an error, at the second.
    let yaml = "- id: a\n  type: book\n  title: One\n- id: a\n  type: book\n  title: One\n";
    let (_, diags) = shared(&[("content/references.yaml", yaml)]);
    assert_eq!(found(diags), [("cite.duplicate_key", 4, 7)]);
    // In two files with different data: an error at the second definition.
    let json = "[{\"id\": \"a\", \"type\": \"book\", \"title\": \"Two\"}]";
    let (bib, diags) = shared(&[
        ("content/references.yaml", "- id: a\n  type: book\n  title: One\n"),
        ("content/references.json", json),
    ]);
    assert_eq!(bib.get("a").unwrap().title.as_deref(), Some("One"));
    let d: Vec<_> = diags.into_iter().collect();
    assert_eq!(found(d.clone()), [("cite.duplicate_key", 1, 10)]);
    assert_eq!(d[0].path(), Some(Path::new("content/references.json")));
    assert!(d[0].message.contains("content/references.yaml:1"), "{}", d[0].message);
}

#[test]
fn missing_abbreviation_and_web_access_warnings() {
    let yaml = "- id: j\n  type: article-journal\n  title: T\n  container-title: Journal of Examples\n  volume: 1\n\
                - id: w\n  type: webpage\n  title: W\n  URL: https://example.org/w\n\
                - id: old\n  type: webpage\n  title: O\n  URL: https://example.org/o\n  accessed: 2021-01-14\n\
                - id: recent\n  type: webpage\n  title: R\n  URL: https://example.org/r\n  accessed: 2022-01-16\n";
    let (bib, diags) = shared(&[("content/references.yaml", yaml)]);
    assert_eq!(
        found(diags),
        [("cite.missing_journal_abbrev", 4, 3), ("cite.web_not_accessed", 9, 3)]
    );
    assert_eq!(text_of(&bib, "j"), "T. Journal of Examples. 1.");
    let mut later = Diagnostics::new();
    bib.check(today(), &mut later);
    assert_eq!(found(later), [("cite.web_accessed_old", 14, 3)]);
}

// ---- article-local references ------------------------------------------------------------

#[test]
fn local_references_overlay_the_shared_ones() {
    let bib = golden();
    let md = "---\ntitle: Blood pressure\nreferences:\n  - id: local2020\n    type: book\n    title: A Local Book\n    publisher: Example Press\n    issued: 2020\n  - id: knowler2002\n    type: book\n    title: Not the same\n  - id: local2020\n    type: book\n    title: Again\ntags: [bp]\n---\nText [@local2020; @whelton2018].\n";
    let file = SourceText::new("content/articles/bp.md", md);
    let yaml_start = 4;
    let yaml_end = md.find("\n---\n").unwrap() + 1;
    let mut diags = Diagnostics::new();
    let art =
        ArticleBibliography::new(&bib, &file, &md[yaml_start..yaml_end], yaml_start, &mut diags);
    assert_eq!(art.local_len(), 2);
    assert_eq!(found(diags.clone()), [("cite.duplicate_key", 9, 9), ("cite.duplicate_key", 12, 9)]);
    assert!(diags.iter().next().unwrap().message.contains("content/references.yaml:"));
    assert_eq!(art.get("knowler2002").unwrap().title.as_deref(), Some("Not the same"));
    let body_start = md.find("Text").unwrap();
    let body = "Text [@local2020; @whelton2018].";
    let mut citer = Citer::new(&art, &file);
    let html = citer.render_text(body, body, body_start).unwrap();
    assert_eq!(visible(&html), "Text.^{1,2}");
    let (refs, d) = citer.finish();
    assert!(d.is_empty());
    assert_eq!(refs.entries[0].text, "A Local Book. Example Press; 2020.");
    // The same data as the shared item is fine.
    let same = "references:\n  - id: harrison2018\n    type: book\n    title: Harrison's Principles of Internal Medicine\n    editor:\n      - {family: Jameson, given: J. Larry}\n      - {family: Fauci, given: Anthony S.}\n      - {family: Kasper, given: Dennis L.}\n      - {family: Hauser, given: Stephen L.}\n      - {family: Longo, given: Dan L.}\n      - {family: Loscalzo, given: Joseph}\n    edition: \"20\"\n    publisher: McGraw-Hill Education\n    issued: 2018\n";
    let mut diags = Diagnostics::new();
    let f2 = SourceText::new("b.md", same);
    let art = ArticleBibliography::new(&bib, &f2, same, 0, &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(art.local_len(), 1);
}

#[test]
fn broken_local_references_are_reported_in_the_article() {
    let bib = golden();
    let md = "---\ntitle: x\nreferences:\n  - id: a\n    issued: [[[\n---\n";
    let file = SourceText::new("a.md", md);
    let mut diags = Diagnostics::new();
    let yaml = &md[4..md.len() - 4];
    let _ = ArticleBibliography::new(&bib, &file, yaml, 4, &mut diags);
    // Invalid YAML as a whole is the front-matter stage's to report.
    assert!(diags.is_empty());
    let md = "references:\n  - id: a\n    type: webpage\n    URL: https://example.org\n    accessed: 2020-01-01\n    DOI: nope\n";
    let file = SourceText::new("a.md", md);
    let art = ArticleBibliography::new(&bib, &file, md, 0, &mut diags);
    assert_eq!(found(diags), [("cite.bad_doi", 6, 5)]);
    let mut later = Diagnostics::new();
    art.check(today(), &mut later);
    assert_eq!(found(later), [("cite.web_accessed_old", 5, 5)]);
    let md = "references: 5\n";
    let mut diags = Diagnostics::new();
    let _ = ArticleBibliography::new(&bib, &SourceText::new("a.md", md), md, 0, &mut diags);
    assert_eq!(found(diags), [("cite.parse", 1, 1)]);
}

// ---- robustness and speed ----------------------------------------------------------------

#[test]
fn never_panics_on_odd_input() {
    let bib = golden();
    let art = ArticleBibliography::shared_only(&bib);
    let file = SourceText::new("a.md", "");
    let mut citer = Citer::new(&art, &file);
    for s in [
        "@",
        "[@",
        "[@]",
        "@{",
        "@{}}",
        "[@knowler2002",
        "[[@knowler2002]]",
        "é@knowler2002",
        "[@knowler2002, {",
        "x [@knowler2002]]",
        "@knowler2002 [",
        "[-@]",
        "[see @]",
        "\\",
        "[@knowler2002;]",
        "[;@knowler2002]",
        "@knowler2002. @knowler2002, [@a@b]",
        "日本 [@knowler2002]。",
    ] {
        let _ = citer.render_text(s, s, 0);
        let _ = citer.render_text(s, "", 0);
        let _ = citer.render_text(s, "completely different source", 5);
    }
    let _ = citer.finish();
    for (path, text) in [
        ("r.yaml", "{"),
        ("r.yaml", "- 5"),
        ("r.yaml", ""),
        ("r.yaml", "id: lone\ntype: book\n"),
        ("r.json", ""),
        ("r.json", "{}"),
        ("r.json", "[5, null, {\"id\": 5}]"),
        ("r.bib", "@"),
        ("r.bib", "@article{"),
        ("r.bib", "}}}@@@"),
        ("r.bib", "@book{a, author = { and and }}"),
    ] {
        let _ = shared(&[(path, text)]);
    }
}

#[test]
fn many_runs_without_citations_are_cheap() {
    let bib = golden();
    let art = ArticleBibliography::shared_only(&bib);
    let file = SourceText::new("a.md", "");
    let mut citer = Citer::new(&art, &file);
    let text = "Blood pressure is the force of blood pushing against the walls of the arteries.";
    for _ in 0..100_000 {
        assert!(citer.render_text(text, text, 0).is_none());
    }
}

/// The benchmark's shape: 10,000 articles of ~40 text runs with 3-6 citations each, against
/// 200 references. Run with `cargo test --release --lib cite::tests::citation_cost -- --ignored
/// --nocapture`.
#[test]
#[ignore = "timing, run by hand in release mode"]
fn citation_cost() {
    let mut yaml = String::new();
    for i in 0..200 {
        yaml.push_str(&format!(
            "- id: ref{i}\n  type: article-journal\n  title: Title number {i} of a study\n  author:\n    - {{family: Smith{i}, given: Anne B.}}\n    - {{family: Jones, given: C.}}\n    - {{family: Brown, given: D. E.}}\n  container-title-short: J Example\n  issued: 2020\n  volume: {i}\n  issue: 2\n  page: 100-{i}\n  DOI: 10.1000/ex.{i}\n  PMID: \"{}\"\n",
            1000 + i
        ));
    }
    let start = std::time::Instant::now();
    let (bib, _) = shared(&[("content/references.yaml", &yaml)]);
    let load = start.elapsed();
    let para = "Blood pressure is the force of blood pushing against the walls of your arteries, and it is measured in millimetres of mercury.";
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for a in 0..10_000usize {
        let file = SourceText::new("content/articles/a.md", "");
        let art = ArticleBibliography::shared_only(&bib);
        let mut citer = Citer::new(&art, &file);
        for p in 0..40 {
            let html = if p % 8 == 3 {
                let k = (a * 7 + p) % 200;
                let t = format!("{para} [@ref{k}; @ref{}]. More text follows here.", (k + 1) % 200);
                citer.render_text(&t, &t, 0)
            } else {
                citer.render_text(para, para, 0)
            };
            bytes += html.map_or(0, |h| h.len());
        }
        let (refs, diags) = citer.finish();
        bytes += refs.render_list_html().len();
        assert!(diags.is_empty());
    }
    let cite = start.elapsed();
    eprintln!(
        "load 200 refs: {load:?}; 10,000 articles: {cite:?} ({:?}/article); {bytes} bytes",
        cite / 10_000
    );
}

#[test]
#[ignore = "prints a sample, run by hand"]
fn print_sample() {
    let r =
        cite("Lifestyle change works [@knowler2002; @sprint2015, p. 2105], as @whelton2018 say.");
    println!("{}", r.out[0].as_deref().unwrap());
    let bib = golden();
    let art = ArticleBibliography::shared_only(&bib);
    let file = SourceText::new("a.md", "");
    let mut c = Citer::new(&art, &file);
    let t = "See the retracted paper [@wakefield1998; @knowler2002].";
    println!("{}", c.render_text(t, t, 0).unwrap());
    println!("{}", c.finish().0.render_list_html());
}
