//! Patient privacy lint: finds text that may identify a patient, following the 18 HIPAA Safe
//! Harbor identifiers (45 CFR 164.514(b)(2); credibility.md 3.5).
//!
//! Input: one piece of text as the author wrote it: an article body in Markdown, or a
//! front-matter string (title, description, alt text, caption); and a [`PrivacyContext`]
//! saying which names and contact details are public. Output: [`PrivacyFinding`]s, each a
//! candidate with a code (`privacy.phone`...), a byte span in the given text, the matched
//! text, and a message and a fix in plain words. The lint reports candidates; it never edits
//! text and cannot prove that an article is de-identified.
//!
//! How it decides. Identifiers with a shape of their own (phone and fax numbers, e-mail and IP
//! addresses, SSNs, VINs, GPS coordinates, DEA numbers, Medicare numbers, ZIP+4) are found by
//! that shape. Identifiers that are just numbers (record, plan, account, licence, serial and
//! plate numbers) are found after the words that announce them ("MRN", "member ID", "serial
//! no."). Names, places, dates and ages are ordinary words, so they are reported only where the
//! text ties them to a person: a title ("Mrs. Okafor"), a patient or a relative ("my patient
//! Gerald", "her husband, Tom"), a resident ("a farmer from Harlan County", "lives in
//! Springfield"), an event of a life or of care ("admitted on March 3", "born 14 March"), an
//! age over 89 of one person ("a 93-year-old man", not "people aged 90 and older").
//!
//! What it leaves alone: the names in [`PrivacyContext::allowed_names`] and
//! [`PrivacyContext::cited_names`] and famous figures of medicine; the practice's own details
//! ([`PrivacyContext::practice`]); emergency numbers and national hotlines, and numbers next
//! to an organization's name; doses, lab values, blood pressures, fractions, ranges, years and
//! times; dates of publications and guidelines; Pandoc citation keys, DOIs, PubMed and PMC ids,
//! trial registry numbers and ICD-10, CPT, LOINC and NDC codes; texts the author reviewed
//! ([`PrivacyContext::suppressed`]). Identifiers inside code spans are still reported: a
//! number in backticks leaks just the same.
//!
//! Cost: a fixed set of regular expressions compiled once (`LazyLock`), each linear in the
//! text; context checks look only at the sentence around a candidate.

mod detect;
mod lexicon;
mod names;
mod story;
#[cfg(test)]
mod tests;

use crate::diag::Span;

/// What the lint needs to know about the site to tell public details from a patient's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivacyContext {
    /// Names of the site's authors and medical reviewers, as written in authors.yaml.
    pub allowed_names: Vec<String>,
    /// Family names of the authors of cited works.
    pub cited_names: Vec<String>,
    /// The practice's own phone and fax numbers, e-mail and postal addresses (site.yaml
    /// `practice:`).
    pub practice: Vec<String>,
    /// The practice's own town or towns (from its address in site.yaml `practice:`): a patient
    /// "from Riverside" is one of thousands of the practice's patients.
    pub practice_towns: Vec<String>,
    /// The article records the patient's consent (`consent:`): photos of them may be shown.
    pub consent: bool,
    /// Exact matched texts that the author reviewed and allowed (front matter `privacy_ok:`).
    pub suppressed: Vec<String>,
}

/// One thing in the text that may identify a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivacyFinding {
    /// The check code, `privacy.<kind>` (see [`CODES`]).
    pub code: &'static str,
    /// Byte range of the identifier in the scanned text.
    pub span: Span,
    /// The identifier as written; `privacy_ok:` suppresses a finding by this exact text.
    pub matched: String,
    /// What the finding is, in plain words.
    pub message: String,
    /// How to fix it or keep it.
    pub help: String,
    /// The lint is sure of it (a build error) rather than suspicious (a warning).
    pub certain: bool,
}

/// Every code the lint reports, in Safe Harbor order, with the thing it names.
pub const CODES: &[(&str, &str)] = &[
    ("privacy.name", "a patient's or a relative's name"),
    ("privacy.address", "a street address"),
    ("privacy.zip", "a ZIP code"),
    ("privacy.place", "a town or county where a patient lives or comes from"),
    ("privacy.date", "a date in a patient's life or care"),
    ("privacy.age", "an age over 89"),
    ("privacy.phone", "a phone number"),
    ("privacy.fax", "a fax number"),
    ("privacy.email", "an e-mail address"),
    ("privacy.ssn", "a Social Security number"),
    ("privacy.mrn", "a medical record number"),
    ("privacy.health_plan", "a health plan, member or policy number"),
    ("privacy.account", "an account number"),
    ("privacy.license", "a licence or certificate number"),
    ("privacy.vehicle", "a licence plate or vehicle identification number"),
    ("privacy.device", "a device serial or lot number"),
    ("privacy.ip", "an IP address"),
    ("privacy.url", "a web address that points at a person"),
    ("privacy.gps", "GPS coordinates"),
    ("privacy.patient_photo", "a photograph of a patient's face"),
    ("privacy.biometric", "a fingerprint, retina or iris image, or a voice recording"),
    ("privacy.other_id", "an identifying number"),
];

/// Finds what in `text` may identify a patient. Findings are sorted by position; an
/// identifier is reported once, under its most specific code.
pub fn scan(text: &str, ctx: &PrivacyContext) -> Vec<PrivacyFinding> {
    let safe = detect::safe_zones(text);
    let mut candidates = detect::candidates(text);
    candidates.extend(story::candidates(text, ctx.consent, detect::url_points_at_person));
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));

    let mut out: Vec<PrivacyFinding> = Vec::new();
    for c in candidates {
        let matched = &text[c.start..c.end];
        if safe.iter().any(|z| z.start < c.end && c.start < z.end) {
            continue;
        }
        if ctx.suppressed.iter().any(|s| s.trim() == matched) {
            continue;
        }
        if detect::is_public(c.code, matched, ctx) {
            continue;
        }
        // The same identifier found twice (say, a date inside an address): keep the first,
        // longest one of that code.
        if out.iter().any(|f| {
            f.code == c.code && f.span.start <= c.start && c.end <= f.span.end
                || (f.span.start == c.start && f.span.end == c.end)
        }) {
            continue;
        }
        let (message, fix) = words_for(c.code);
        let help = format!(
            "{fix}; if you checked it and it identifies no one, acknowledge it in the front \
             matter: privacy_ok: [{{ text: \"{}\", reason: \"why it identifies no one\" }}]",
            matched.replace('"', "\\\"")
        );
        out.push(PrivacyFinding {
            code: c.code,
            span: Span::new(c.start, c.end),
            matched: matched.to_string(),
            message: message.to_string(),
            help,
            certain: c.certain,
        });
    }
    out
}

/// The first `n` bytes of `s` (fewer if a character straddles the cut), lower-cased: what the
/// rules look at after a match. Lower-casing the whole rest of the text at every match made a
/// scan quadratic in the article's length.
fn lower_prefix(s: &str, n: usize) -> String {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_lowercase()
}

/// The message and help for a code.
fn words_for(code: &str) -> (&'static str, &'static str) {
    match code {
        "privacy.name" => (
            "this looks like the name of a patient or a patient's relative",
            "remove the name or change it and say that details were changed (authors, \
             reviewers and cited researchers are never flagged; a public figure may be \
             acknowledged)",
        ),
        "privacy.address" => (
            "this looks like a street address",
            "remove it, or if it is the practice's own address declare it in site.yaml under \
             practice:",
        ),
        "privacy.zip" => (
            "this looks like a patient's ZIP code",
            "remove it: a ZIP code narrows a patient down to a few streets; if it is the \
             practice's, declare the address in site.yaml under practice:",
        ),
        "privacy.place" => (
            "this names the town or county a patient lives in or comes from",
            "say \"a small town\" or name only the state: places smaller than a state can \
             identify a patient",
        ),
        "privacy.date" => (
            "this is a full date tied to a patient (birth, admission, discharge, death or a visit)",
            "keep only the year or say \"last spring\"",
        ),
        "privacy.age" => (
            "this gives a patient's age as over 89",
            "write \"90 or older\": ages over 89 are rare enough to identify a patient",
        ),
        "privacy.phone" => (
            "this looks like a patient's phone number",
            "remove it, or if it is the practice's own number declare it in site.yaml under \
             practice:",
        ),
        "privacy.fax" => (
            "this looks like a fax number",
            "remove it, or if it is the practice's own fax declare it in site.yaml under \
             practice:",
        ),
        "privacy.email" => (
            "this is an e-mail address",
            "remove it, or if it is the practice's own address declare it in site.yaml under \
             practice:",
        ),
        "privacy.ssn" => ("this looks like a Social Security number", "remove it"),
        "privacy.mrn" => ("this looks like a medical record number", "remove it"),
        "privacy.health_plan" => {
            ("this looks like a health plan, member or policy number", "remove it")
        }
        "privacy.account" => ("this looks like an account number", "remove it"),
        "privacy.license" => (
            "this looks like a licence or certificate number",
            "remove it: licence numbers (driver's licences, DEA and professional licences) \
             identify a person",
        ),
        "privacy.vehicle" => {
            ("this looks like a licence plate or a vehicle number (VIN)", "remove it")
        }
        "privacy.device" => (
            "this looks like the serial or lot number of a patient's device",
            "remove it: a serial number leads to the one patient who has the device",
        ),
        "privacy.ip" => ("this is an IP address", "remove it"),
        "privacy.url" => (
            "this web address points at a person (a profile, a personal page or a record)",
            "remove it or link to a public page instead",
        ),
        "privacy.gps" => ("these are GPS coordinates", "remove them or name only the state"),
        "privacy.patient_photo" => (
            "this image looks like a photograph of a patient's face",
            "publish a patient's photo only with their written permission: add `consent:` \
             with the date they agreed, or use another image",
        ),
        "privacy.biometric" => (
            "this looks like a patient's biometric: a fingerprint, retina or iris image, or a \
             voice recording",
            "remove it, or publish it only with the patient's written permission (`consent:`)",
        ),
        _ => ("this looks like an identifying number", "remove it"),
    }
}
