//! CSL items: the data of one reference, as Zotero and other reference managers export it.
//!
//! Input: one CSL-JSON or CSL-YAML object (already parsed into a `serde_json` map, whichever
//! file form it came from). Output: a [`CslItem`] and the list of fields whose values could
//! not be read, each with a plain-words reason.
//!
//! The reader is lenient where exports differ and strict only where data would be lost:
//! numbers and strings are interchangeable, Crossref's one-element arrays are unwrapped,
//! `journalAbbreviation` is accepted for `container-title-short`, lowercase `doi`/`url`/`pmid`
//! are accepted, dates come as `date-parts`, `raw`, `literal`, EDTF-like strings
//! (`2019-03-07`, `2019-03`, `2019`) or a bare year, and unknown fields are ignored.

use std::fmt;

use serde::de::{Deserializer, Error as _};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// A reference in CSL form, with the fields a medical reference needs.
///
/// Field names follow CSL 1.0.2 (`container-title`, `DOI`...). Two `rounds` extensions:
/// `updated` (the date a web page says it was last updated; CSL has no variable for it) and
/// `retraction-notice` (the key of the retraction notice in the bibliography, its DOI, or its
/// short citation; see [`super::retraction`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct CslItem {
    /// The citation key (`id`).
    pub id: String,
    /// The CSL item type (`article-journal`, `book`, `chapter`, `webpage`, `report`...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Title, as published (never re-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Short title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_short: Option<String>,
    /// Authors, people and groups, in byline order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<CslName>,
    /// Editors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<CslName>,
    /// Authors of the containing book (a chapter's book written by its authors).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub container_author: Vec<CslName>,
    /// Journal, book, website or newspaper the item appeared in, in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// The abbreviated journal name (NLM abbreviation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_title_short: Option<String>,
    /// Series title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<String>,
    /// Number in the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_number: Option<String>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<CslDate>,
    /// When the author last opened the URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessed: Option<CslDate>,
    /// When a web page says it was last updated (`rounds` extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<CslDate>,
    /// Date of the event a paper was presented at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_date: Option<CslDate>,
    /// Volume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Pages or e-locator (`1210-1217`, `e20152488`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Report, publication or article number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Chapter number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter_number: Option<String>,
    /// Edition (`2`, `2nd`, `2nd ed.`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Publisher (also the university of a thesis, the agency of a report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication (not printed: the AMA 11th edition dropped it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    /// Kind of document (`Technical report`, `NCHS Data Brief`, `News release`, `PhD thesis`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// Medium (`Poster`, `Video`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// Name of the meeting a paper was presented at (`event-title`; CSL 1.0.1 `event`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_title: Option<String>,
    /// Where the meeting was held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_place: Option<String>,
    /// Newspaper section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Version (software, data sets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// DOI, stored without `https://doi.org/` or `doi:`.
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// PubMed identifier (digits).
    #[serde(rename = "PMID", skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    /// PubMed Central identifier (`PMC` and digits).
    #[serde(rename = "PMCID", skip_serializing_if = "Option::is_none")]
    pub pmcid: Option<String>,
    /// URL.
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ISBN (not printed by AMA).
    #[serde(rename = "ISBN", skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// ISSN (not printed by AMA).
    #[serde(rename = "ISSN", skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    /// Publication status: `retracted`, `in press`, `ahead of print`...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Free note; for a retracted item, the retraction notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Key of the retraction notice in the bibliography, or its DOI (`rounds` extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retraction_notice: Option<String>,
}

/// A person or a group (corporate author) in CSL form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct CslName {
    /// Family name, without particles kept separately.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names ("Paul K.", "J. Larry").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// A name printed as is: a group ("SPRINT Research Group") or a one-part name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// "Jr", "Sr", "III".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// A particle CSL drops when inverting the name ("van" in "Ludwig van Beethoven").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropping_particle: Option<String>,
    /// A particle kept with the family name ("de" in "de Vries").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub non_dropping_particle: Option<String>,
}

impl CslName {
    /// A group or one-part name.
    pub fn literal(name: impl Into<String>) -> Self {
        CslName { literal: Some(name.into()), ..CslName::default() }
    }

    /// A person from family and given names.
    pub fn person(family: impl Into<String>, given: impl Into<String>) -> Self {
        CslName { family: Some(family.into()), given: Some(given.into()), ..CslName::default() }
    }

    /// True for a group (corporate) author: a literal name, or a family name with spaces and
    /// no given name (some exports put "World Health Organization" in `family`).
    pub fn is_group(&self) -> bool {
        if self.literal.is_some() {
            return true;
        }
        self.given.is_none()
            && self.non_dropping_particle.is_none()
            && self.dropping_particle.is_none()
            && self.family.as_deref().is_some_and(|f| f.trim().contains(' '))
    }
}

/// A CSL date: one date or a range (two dates), or a literal such as "Spring 2019".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CslDate {
    /// The start date and, for a range, the end date.
    pub parts: Vec<DateParts>,
    /// A date that is not a calendar date ("n.d.", "Spring 2019"), printed as is.
    pub literal: Option<String>,
}

/// Year, and optionally month and day. Months 13-16 (or 21-24) are the seasons, as in CSL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateParts {
    /// Year (negative for BCE).
    pub year: i32,
    /// Month 1-12, or a season 13-16 / 21-24.
    pub month: Option<u8>,
    /// Day 1-31.
    pub day: Option<u8>,
}

impl CslDate {
    /// A date from year, month and day.
    pub fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> Self {
        CslDate { parts: vec![DateParts { year, month, day }], literal: None }
    }

    /// The (start) year, if the date has one.
    pub fn year(&self) -> Option<i32> {
        self.parts.first().map(|p| p.year)
    }

    /// The start date.
    pub fn start(&self) -> Option<DateParts> {
        self.parts.first().copied()
    }

    /// The start date as a calendar day (month and day default to 1), for comparisons.
    pub fn to_civil(&self) -> Option<jiff::civil::Date> {
        let p = self.start()?;
        let month = p.month.filter(|m| (1..=12).contains(m)).unwrap_or(1);
        let day = p.day.unwrap_or(1);
        jiff::civil::Date::new(i16::try_from(p.year).ok()?, month as i8, day as i8).ok()
    }
}

impl Serialize for CslDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if !self.parts.is_empty() {
            map.serialize_entry("date-parts", &DatePartsList(&self.parts))?;
        }
        if let Some(l) = &self.literal {
            map.serialize_entry("literal", l)?;
        }
        map.end()
    }
}

struct DatePartsList<'a>(&'a [DateParts]);

impl Serialize for DatePartsList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in self.0 {
            let mut v = vec![i64::from(p.year)];
            if let Some(m) = p.month {
                v.push(i64::from(m));
                if let Some(d) = p.day {
                    v.push(i64::from(d));
                }
            }
            seq.serialize_element(&v)?;
        }
        seq.end()
    }
}

/// One field whose value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldIssue {
    /// The field as written in the file (`issued`, `author`).
    pub(crate) field: String,
    /// What is wrong, in plain words.
    pub(crate) message: String,
}

impl fmt::Display for FieldIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.field, self.message)
    }
}

impl<'de> Deserialize<'de> for CslItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let map = value.as_object().ok_or_else(|| {
            D::Error::custom("a reference must be a list of `field: value` pairs")
        })?;
        let (item, issues) = CslItem::from_json(map);
        if let Some(issue) = issues.first() {
            return Err(D::Error::custom(issue.to_string()));
        }
        if item.id.is_empty() {
            return Err(D::Error::custom("a reference needs an `id`"));
        }
        Ok(item)
    }
}

impl CslItem {
    /// Reads a CSL object, collecting the fields that could not be read.
    pub(crate) fn from_json(map: &Map<String, Value>) -> (CslItem, Vec<FieldIssue>) {
        let mut item = CslItem::default();
        let mut issues = Vec::new();
        let mut journal_abbreviation = None;
        for (key, value) in map {
            let mut text = |slot: &mut Option<String>| match read_text(value) {
                Ok(v) => {
                    if slot.is_none() {
                        *slot = v;
                    }
                }
                Err(message) => issues.push(FieldIssue { field: key.clone(), message }),
            };
            match key.as_str() {
                "id" => {
                    let mut id = None;
                    text(&mut id);
                    item.id = id.unwrap_or_default();
                }
                "type" => {
                    let mut kind = None;
                    text(&mut kind);
                    item.kind = kind.unwrap_or_default();
                }
                "title" => text(&mut item.title),
                "title-short" | "shortTitle" => text(&mut item.title_short),
                "container-title" => text(&mut item.container_title),
                "container-title-short" | "short-container-title" => {
                    text(&mut item.container_title_short);
                }
                "journalAbbreviation" | "journal-abbreviation" => text(&mut journal_abbreviation),
                "collection-title" => text(&mut item.collection_title),
                "collection-number" => text(&mut item.collection_number),
                "volume" => text(&mut item.volume),
                "issue" => text(&mut item.issue),
                "page" => text(&mut item.page),
                "number" => text(&mut item.number),
                "chapter-number" => text(&mut item.chapter_number),
                "edition" => text(&mut item.edition),
                "publisher" => text(&mut item.publisher),
                "publisher-place" => text(&mut item.publisher_place),
                "genre" => text(&mut item.genre),
                "medium" => text(&mut item.medium),
                "event-title" | "event" => text(&mut item.event_title),
                "event-place" => text(&mut item.event_place),
                "section" => text(&mut item.section),
                "version" => text(&mut item.version),
                "DOI" | "doi" => text(&mut item.doi),
                "PMID" | "pmid" => text(&mut item.pmid),
                "PMCID" | "pmcid" => text(&mut item.pmcid),
                "URL" | "url" => text(&mut item.url),
                "ISBN" | "isbn" => text(&mut item.isbn),
                "ISSN" | "issn" => text(&mut item.issn),
                "status" => text(&mut item.status),
                "note" => text(&mut item.note),
                "retraction-notice" => text(&mut item.retraction_notice),
                "author" | "editor" | "container-author" => match read_names(value) {
                    Ok(names) => match key.as_str() {
                        "author" => item.author = names,
                        "editor" => item.editor = names,
                        _ => item.container_author = names,
                    },
                    Err(message) => issues.push(FieldIssue { field: key.clone(), message }),
                },
                "issued" | "accessed" | "updated" | "event-date" => match read_date(value) {
                    Ok(date) => match key.as_str() {
                        "issued" => item.issued = date,
                        "accessed" => item.accessed = date,
                        "updated" => item.updated = date,
                        _ => item.event_date = date,
                    },
                    Err(message) => issues.push(FieldIssue { field: key.clone(), message }),
                },
                // Reference managers export many more fields (abstract, language, ISSN...);
                // they are not printed in AMA style and never an error.
                _ => {}
            }
        }
        if item.container_title_short.is_none() {
            item.container_title_short = journal_abbreviation;
        }
        item.kind = normalize_type(&item.kind).to_string();
        (item, issues)
    }

    /// True when `status` says the work was retracted, it names its `retraction-notice`, its
    /// `note` has PubMed's `Retraction in:` line, or the title carries the publisher's
    /// `RETRACTED:` prefix (as Crossref records of retracted Elsevier papers do).
    pub fn is_retracted(&self) -> bool {
        let by_status = self.status.as_deref().is_some_and(|s| {
            let s = s.trim().to_ascii_lowercase();
            s == "retracted" || s.starts_with("retracted ") || s == "retraction"
        });
        by_status
            || self.retraction_notice.as_deref().is_some_and(|r| !r.trim().is_empty())
            || self.note.as_deref().and_then(super::retraction::note_notice).is_some()
            || self.title.as_deref().is_some_and(|t| retracted_prefix(t).is_some())
    }
}

/// The title without a publisher's `RETRACTED:` prefix, if it has one.
pub(crate) fn retracted_prefix(title: &str) -> Option<&str> {
    let t = title.trim_start();
    ["RETRACTED:", "Retracted:", "RETRACTED ARTICLE:", "Retracted article:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .map(str::trim_start)
}

/// CSL type names, from the spellings other tools use (Crossref, Zotero, BibLaTeX habits).
pub(crate) fn normalize_type(kind: &str) -> &str {
    match kind {
        "journal-article" | "journalArticle" | "article-journal" => "article-journal",
        "book-chapter" | "bookSection" | "book-section" | "book-part" => "chapter",
        "proceedings-article" | "conferencePaper" => "paper-conference",
        "posted-content" | "preprint" => "article",
        "dissertation" => "thesis",
        "reference-entry" | "encyclopediaArticle" => "entry-encyclopedia",
        "dictionaryEntry" => "entry-dictionary",
        "monograph" | "edited-book" | "reference-book" | "book-set" => "book",
        "report-series" | "report-component" => "report",
        "web" | "website" | "web-page" | "blogPost" => "webpage",
        "newspaperArticle" => "article-newspaper",
        "magazineArticle" => "article-magazine",
        other => other,
    }
}

/// Reads a text field: a string, a number, or a one-element array of either (Crossref).
/// Blank text counts as absent.
fn read_text(value: &Value) -> Result<Option<String>, String> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(_) => return Err("expected text, found true or false".into()),
        Value::Array(items) => match items.as_slice() {
            [] => return Ok(None),
            [one] => return read_text(one),
            _ => return Err("expected one value, found a list".into()),
        },
        Value::Object(_) => return Err("expected text, found a list of fields".into()),
    };
    Ok(if text.is_empty() { None } else { Some(text) })
}

/// Reads a name list: a list of name objects (or plain strings, taken as literal names).
fn read_names(value: &Value) -> Result<Vec<CslName>, String> {
    let items: &[Value] = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        Value::Object(_) | Value::String(_) => std::slice::from_ref(value),
        _ => return Err("expected a list of names (`- family: Smith` / `given: Anne B.`)".into()),
    };
    let mut names = Vec::with_capacity(items.len());
    for v in items {
        match v {
            Value::String(s) if !s.trim().is_empty() => names.push(CslName::literal(s.trim())),
            Value::Object(map) => {
                let mut name = CslName::default();
                for (k, v) in map {
                    let slot = match k.as_str() {
                        "family" => &mut name.family,
                        "given" => &mut name.given,
                        "literal" => &mut name.literal,
                        "suffix" => &mut name.suffix,
                        "dropping-particle" => &mut name.dropping_particle,
                        "non-dropping-particle" => &mut name.non_dropping_particle,
                        _ => continue,
                    };
                    *slot = read_text(v).map_err(|m| format!("in a name, `{k}`: {m}"))?;
                }
                if name.family.is_none() && name.literal.is_none() {
                    match name.given.take() {
                        Some(given) => name.literal = Some(given),
                        None => return Err("a name has neither `family` nor `literal`".into()),
                    }
                }
                names.push(name);
            }
            Value::Null => {}
            _ => return Err("expected a name with `family` and `given`, or `literal`".into()),
        }
    }
    Ok(names)
}

/// Reads a date in any of the forms CSL exports use.
pub(crate) fn read_date(value: &Value) -> Result<Option<CslDate>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => match n.as_i64().and_then(|y| i32::try_from(y).ok()) {
            Some(year) => Ok(Some(CslDate::ymd(year, None, None))),
            None => Err(format!("`{n}` is not a year")),
        },
        Value::String(s) => Ok(parse_date_text(s)),
        Value::Array(items) => {
            // The old pandoc form `[{year: 2019, month: 3}]`.
            match items.first() {
                Some(first) => read_date(first),
                None => Ok(None),
            }
        }
        Value::Object(map) => {
            if let Some(parts) = map.get("date-parts") {
                let parts = read_date_parts(parts)?;
                if !parts.is_empty() {
                    return Ok(Some(CslDate { parts, literal: None }));
                }
            }
            if let Some(year) = map.get("year") {
                let num = |v: Option<&Value>| v.and_then(number_of);
                let year = number_of(year).ok_or("the `year` is not a number")?;
                let month = num(map.get("month")).and_then(|m| u8::try_from(m).ok());
                let day = num(map.get("day")).and_then(|d| u8::try_from(d).ok());
                return Ok(Some(CslDate::ymd(year as i32, month, day)));
            }
            if let Some(Value::String(raw)) = map.get("raw") {
                return Ok(parse_date_text(raw));
            }
            if let Some(lit) = map.get("literal") {
                return Ok(read_text(lit)?.map(|l| CslDate { parts: Vec::new(), literal: Some(l) }));
            }
            Ok(None)
        }
        Value::Bool(_) => Err("expected a date such as `2019-03-07`".into()),
    }
}

fn number_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn read_date_parts(value: &Value) -> Result<Vec<DateParts>, String> {
    let Value::Array(dates) = value else {
        return Err("`date-parts` must be a list such as [[2019, 3, 7]]".into());
    };
    let mut out = Vec::new();
    for d in dates.iter().take(2) {
        let Value::Array(nums) = d else {
            return Err("`date-parts` must be a list such as [[2019, 3, 7]]".into());
        };
        let mut it = nums.iter();
        let Some(year) = it.next() else { continue };
        let year = number_of(year)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or("the year in `date-parts` is not a number")?;
        let month = match it.next() {
            Some(m) => Some(
                number_of(m)
                    .and_then(|m| u8::try_from(m).ok())
                    .filter(|m| (1..=24).contains(m))
                    .ok_or("the month in `date-parts` must be 1 to 12")?,
            ),
            None => None,
        };
        let day = match it.next() {
            Some(dv) if month.is_some() => Some(
                number_of(dv)
                    .and_then(|x| u8::try_from(x).ok())
                    .filter(|x| (1..=31).contains(x))
                    .ok_or("the day in `date-parts` must be 1 to 31")?,
            ),
            _ => None,
        };
        out.push(DateParts { year, month, day });
    }
    Ok(out)
}

/// Parses `2019-03-07`, `2019-03`, `2019`, ranges `2019/2020`, and `2019-03-07T10:00:00Z`;
/// anything else is kept as a literal date.
pub(crate) fn parse_date_text(s: &str) -> Option<CslDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for piece in s.split('/').take(2) {
        match parse_iso_date(piece) {
            Some(p) => parts.push(p),
            None => {
                return Some(match parse_month_name_date(s) {
                    Some(p) => CslDate { parts: vec![p], literal: None },
                    None => CslDate { parts: Vec::new(), literal: Some(s.to_string()) },
                });
            }
        }
    }
    Some(CslDate { parts, literal: None })
}

fn parse_iso_date(s: &str) -> Option<DateParts> {
    let s = s.trim();
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let mut it = s.split('-');
    let y = it.next()?;
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month = match it.next() {
        Some(m) if m.len() <= 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=24).contains(m))?),
        Some(_) => return None,
        None => None,
    };
    let day = match it.next() {
        Some(d) if d.len() <= 2 => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
        Some(_) => return None,
        None => None,
    };
    if it.next().is_some() {
        return None;
    }
    Some(DateParts { year, month, day })
}

/// "March 7, 2019", "7 March 2019", "Mar 2019" (what Zotero puts in `raw`).
fn parse_month_name_date(s: &str) -> Option<DateParts> {
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let (mut year, mut month, mut day) = (None, None, None);
    for w in &words {
        let w = w.trim_end_matches('.');
        if let Some(m) = month_from_name(w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
        } else if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            year = Some(w.parse().ok()?);
        } else if w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()) {
            day = Some(w.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?);
        } else {
            return None;
        }
    }
    let year = year?;
    if day.is_some() && month.is_none() {
        return None;
    }
    Some(DateParts { year, month, day })
}

/// Month number from an English month name or abbreviation.
pub(crate) fn month_from_name(w: &str) -> Option<u8> {
    let lower = w.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    crate::dates::MONTHS
        .iter()
        .map(|n| n.to_ascii_lowercase())
        .position(|n| n == lower || (lower.len() == 3 && n.starts_with(&lower)))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> (CslItem, Vec<FieldIssue>) {
        let v: Value = serde_json::from_str(json).unwrap();
        CslItem::from_json(v.as_object().unwrap())
    }

    #[test]
    fn reads_the_usual_csl_json_forms() {
        let (it, issues) = item(
            r#"{"id":"a","type":"article-journal","volume":71,"issued":{"date-parts":[["2018","6"]]},
               "container-title":["Hypertension"],"journalAbbreviation":"Hypertension",
               "author":[{"family":"Whelton","given":"Paul K."},{"literal":"X Group"}],
               "abstract":"ignored","DOI":"10.1/x"}"#,
        );
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(it.volume.as_deref(), Some("71"));
        assert_eq!(it.issued, Some(CslDate::ymd(2018, Some(6), None)));
        assert_eq!(it.container_title.as_deref(), Some("Hypertension"));
        assert_eq!(it.container_title_short.as_deref(), Some("Hypertension"));
        assert_eq!(it.author.len(), 2);
        assert!(it.author[1].is_group());
    }

    #[test]
    fn reads_dates_in_every_form() {
        let d = |s: &str| read_date(&serde_json::from_str(s).unwrap()).unwrap();
        assert_eq!(d(r#""2019-03-07""#), Some(CslDate::ymd(2019, Some(3), Some(7))));
        assert_eq!(d("2019"), Some(CslDate::ymd(2019, None, None)));
        assert_eq!(d(r#"{"raw":"2019-03"}"#), Some(CslDate::ymd(2019, Some(3), None)));
        assert_eq!(d(r#"{"raw":"March 7, 2019"}"#), Some(CslDate::ymd(2019, Some(3), Some(7))));
        assert_eq!(d(r#"[{"year":2019,"month":3}]"#), Some(CslDate::ymd(2019, Some(3), None)));
        assert_eq!(
            d(r#"{"literal":"Spring 2019"}"#),
            Some(CslDate { parts: vec![], literal: Some("Spring 2019".into()) })
        );
        assert!(
            read_date(&serde_json::from_str(r#"{"date-parts":[[2019,13,40]]}"#).unwrap()).is_err()
        );
    }

    #[test]
    fn bad_fields_are_reported_not_fatal() {
        let (it, issues) = item(r#"{"id":"a","author":5,"title":"T"}"#);
        assert_eq!(it.title.as_deref(), Some("T"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "author");
    }

    #[test]
    fn serializes_back_to_csl_json() {
        let (it, _) = item(r#"{"id":"a","type":"book","issued":"2019-03"}"#);
        let json = serde_json::to_string(&it).unwrap();
        assert_eq!(json, r#"{"id":"a","type":"book","issued":{"date-parts":[[2019,3]]}}"#);
        let back: CslItem = serde_json::from_str(&json).unwrap();
        assert_eq!(back, it);
    }
}
