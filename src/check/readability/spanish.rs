//! Spanish readability: Fernández-Huerta and Szigriszt-Pazos (INFLESZ) of an article's prose.
//!
//! Input: prose blocks ([`super::prose`]). Output: [`SpanishReadability`], with the bands
//! readers of Spanish health literature use ([`InfleszBand`], [`HuertaBand`]).
//!
//! Words and sentences are counted as for English (same word rules, same prose), with
//! Spanish sentence rules: "¿" and "¡" open a sentence, and the period of "Dr.", "Dra.",
//! "Sra.", "p. ej.", "aprox." and the like does not end one ([`ABBREVIATIONS`]). "etc." is
//! not in the list: Spanish writes one period for the abbreviation and the sentence, so
//! "etc." before a capital letter usually ends the sentence. Syllables come from
//! [`syllables`], which divides words by the RAE's rules.
//!
//! The formulas:
//! - **Fernández-Huerta** (1959), `206.84 - 60 * syllables/words - 1.02 * words/sentences`.
//!   It adapts Flesch's Reading Ease; it is usually printed as `206.84 - 0.60 P - 1.02 F`
//!   with P the syllables and F the *sentences* per 100 words, which makes shorter sentences
//!   score as harder. G. Law showed the error (LINGUIST List 22.2332, 2 June 2011): F must be
//!   the words per sentence, as in Flesch's formula. This is the corrected form (with P per
//!   100 words, the formula above), the one legible.es and textstat use.
//! - **Szigriszt-Pazos** perspicuity (1993), `206.835 - 62.3 * syllables/words -
//!   words/sentences`, read on the INFLESZ scale of Barrio-Cantalejo et al. (An Sist Sanit
//!   Navar 2008;31(2):135-152), validated on Spanish texts and used for patient material.

use serde::Serialize;

pub use super::syllables_es::{syllabify, syllables};
use super::{Language, ProseBlock};

/// Abbreviations whose period does not end a Spanish sentence: lowercase, without the final
/// period.
pub const ABBREVIATIONS: &[&str] = &[
    "dr", "dra", "dres", "dras", "sr", "sra", "sres", "sras", "srta", "srtas", "d", "dña", "ud",
    "uds", "vd", "vds", "lic", "lcdo", "lcda", "ing", "prof", "profa", "p", "pp", "pág", "págs",
    "ej", "aprox", "cap", "fig", "núm", "nro", "tel", "tfno", "av", "avda", "dpto", "depto",
    "hosp", "máx", "mín", "vol", "art", "cf", "vs", "ee", "n.º", "a.c", "d.c", "sto", "sta",
];

/// The readability of Spanish prose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SpanishReadability {
    /// Fernández-Huerta reading ease (Law's correction): `206.84 - 60 * syllables/words -
    /// 1.02 * words/sentences`; higher is easier.
    pub fernandez_huerta: f64,
    /// Szigriszt-Pazos perspicuity: `206.835 - 62.3 * syllables/words - words/sentences`;
    /// higher is easier; read it with [`InfleszBand`].
    pub szigriszt_pazos: f64,
    /// Words in the prose.
    pub words: usize,
    /// Sentences in the prose.
    pub sentences: usize,
    /// Syllables in the prose.
    pub syllables: usize,
}

/// Both Spanish formulas and the counts behind them. With no words, every score is 0.
pub fn measure(blocks: &[ProseBlock]) -> SpanishReadability {
    let c = super::count(blocks, Language::Spanish);
    let mut r = SpanishReadability {
        words: c.words,
        sentences: c.sentences,
        syllables: c.syllables,
        ..SpanishReadability::default()
    };
    if c.words == 0 || c.sentences == 0 {
        return r;
    }
    let spw = c.syllables as f64 / c.words as f64;
    let wps = c.words as f64 / c.sentences as f64;
    r.fernandez_huerta = 206.84 - 60.0 * spw - 1.02 * wps;
    r.szigriszt_pazos = 206.835 - 62.3 * spw - wps;
    r
}

/// The INFLESZ scale for the Szigriszt-Pazos score (Barrio-Cantalejo et al. 2008), with the
/// kind of text each band holds. Each band includes its lower bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum InfleszBand {
    /// Below 40: university and scientific texts.
    MuyDificil,
    /// 40 to 55: upper secondary school, popular science, the specialist press.
    AlgoDificil,
    /// 55 to 65: lower secondary school, the general and sports press; the least patient
    /// material should reach.
    Normal,
    /// 65 to 80: primary school, best-selling novels.
    BastanteFacil,
    /// 80 and above: primary school, comics.
    MuyFacil,
}

impl InfleszBand {
    /// The band of a Szigriszt-Pazos score.
    pub fn of(score: f64) -> InfleszBand {
        match score {
            s if s >= 80.0 => InfleszBand::MuyFacil,
            s if s >= 65.0 => InfleszBand::BastanteFacil,
            s if s >= 55.0 => InfleszBand::Normal,
            s if s >= 40.0 => InfleszBand::AlgoDificil,
            _ => InfleszBand::MuyDificil,
        }
    }

    /// The band's name on the scale, in Spanish: "bastante fácil".
    pub fn label(self) -> &'static str {
        match self {
            InfleszBand::MuyDificil => "muy difícil",
            InfleszBand::AlgoDificil => "algo difícil",
            InfleszBand::Normal => "normal",
            InfleszBand::BastanteFacil => "bastante fácil",
            InfleszBand::MuyFacil => "muy fácil",
        }
    }
}

/// Fernández-Huerta's reading levels (Flesch's, as Fernández Huerta carried them over; the
/// names legible.es uses). Each band includes its lower bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum HuertaBand {
    /// Below 30: university, specialist.
    MuyDificil,
    /// 30 to 50: selective courses.
    Dificil,
    /// 50 to 60: pre-university.
    AlgoDificil,
    /// 60 to 70: an adult reader (7th or 8th grade).
    Normal,
    /// 70 to 80: 6th grade.
    AlgoFacil,
    /// 80 to 90: 5th grade.
    Facil,
    /// 90 and above: 4th grade.
    MuyFacil,
}

impl HuertaBand {
    /// The band of a Fernández-Huerta score.
    pub fn of(score: f64) -> HuertaBand {
        match score {
            s if s >= 90.0 => HuertaBand::MuyFacil,
            s if s >= 80.0 => HuertaBand::Facil,
            s if s >= 70.0 => HuertaBand::AlgoFacil,
            s if s >= 60.0 => HuertaBand::Normal,
            s if s >= 50.0 => HuertaBand::AlgoDificil,
            s if s >= 30.0 => HuertaBand::Dificil,
            _ => HuertaBand::MuyDificil,
        }
    }

    /// The band's name, in Spanish: "algo fácil".
    pub fn label(self) -> &'static str {
        match self {
            HuertaBand::MuyDificil => "muy difícil",
            HuertaBand::Dificil => "difícil",
            HuertaBand::AlgoDificil => "algo difícil",
            HuertaBand::Normal => "normal",
            HuertaBand::AlgoFacil => "algo fácil",
            HuertaBand::Facil => "fácil",
            HuertaBand::MuyFacil => "muy fácil",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::readability::{ProseKind, longest_sentences, prose, sentences};
    use crate::diag::Span;

    fn block(text: &str) -> Vec<ProseBlock> {
        vec![ProseBlock::new(text, Span::new(0, 0), ProseKind::Paragraph)]
    }

    #[test]
    fn formulas_on_a_hand_counted_passage() {
        // Three sentences: ¿Tie-ne fie-bre? | Be-ba a-gua. | La Dra. Ruiz lo a-tien-de hoy.
        // Ten words ("¿" is not one; "Dra." is one word of one syllable, and its period does
        // not end the sentence). Syllables: 2 + 2 | 2 + 2 | 1 + 1 + 1 + 1 + 3 + 1 = 16.
        let blocks = block("¿Tiene fiebre? Beba agua. La Dra. Ruiz lo atiende hoy.");
        let r = measure(&blocks);
        assert_eq!((r.words, r.sentences, r.syllables), (10, 3, 16));
        let (spw, wps) = (16.0 / 10.0, 10.0 / 3.0);
        assert!((r.fernandez_huerta - (206.84 - 60.0 * spw - 1.02 * wps)).abs() < 1e-9);
        assert!((r.szigriszt_pazos - (206.835 - 62.3 * spw - wps)).abs() < 1e-9);
        assert_eq!(measure(&[]), SpanishReadability::default());
    }

    #[test]
    fn bands_include_their_lower_bound() {
        assert_eq!(InfleszBand::of(39.9), InfleszBand::MuyDificil);
        assert_eq!(InfleszBand::of(40.0), InfleszBand::AlgoDificil);
        assert_eq!(InfleszBand::of(55.0), InfleszBand::Normal);
        assert_eq!(InfleszBand::of(64.99), InfleszBand::Normal);
        assert_eq!(InfleszBand::of(65.0), InfleszBand::BastanteFacil);
        assert_eq!(InfleszBand::of(80.0), InfleszBand::MuyFacil);
        assert_eq!(InfleszBand::of(72.0).label(), "bastante fácil");
        assert_eq!(HuertaBand::of(59.9), HuertaBand::AlgoDificil);
        assert_eq!(HuertaBand::of(60.0), HuertaBand::Normal);
        assert_eq!(HuertaBand::of(75.0).label(), "algo fácil");
        assert_eq!(HuertaBand::of(-3.0), HuertaBand::MuyDificil);
    }

    #[test]
    fn sentences_in_spanish() {
        let split = |t: &str| sentences(t, Language::Spanish).len();
        assert_eq!(split("¿Tiene fiebre? ¡Llame hoy! La Dra. López lo verá."), 3);
        assert_eq!(
            split("El Sr. Pérez y la Sra. Ruiz esperan aprox. 20 minutos. Luego entran."),
            2
        );
        assert_eq!(split("Coma legumbres, p. ej. lentejas. Después, camine."), 2);
        // "etc." before a capital ends the sentence: Spanish writes one period for both.
        assert_eq!(split("Coma frutas, verduras, etc. Después, camine."), 2);
        assert_eq!(split("Vive en EE. UU. desde 2010. Habla inglés."), 2);
        assert_eq!(split("«No espere.» Vaya a urgencias."), 2);
        assert_eq!(split("Tome 2,5 mg. Son 2.500 pasos."), 2);
        // The English rules would split after "Dra." and "Sra.".
        assert_eq!(sentences("La Dra. Ruiz y la Sra. Gil.", Language::English).len(), 3);
    }

    #[test]
    fn help_lists_long_spanish_words_and_sentences() {
        let blocks = prose(
            "Los medicamentos ayudan. Tome el medicamento con agua. La hipertensión se \
             controla con medicamentos y con ejercicio todos los días de la semana.",
        );
        let glossary = vec!["hipertension".to_string()];
        let words = super::super::frequent_long_words(&blocks, Language::Spanish, &glossary, 5);
        // medicamento(s): 5 syllables; "ejercicio" 4; "hipertensión" is in the glossary
        // (written without its accent); "controla" and "semana" have 3.
        let expected: Vec<(String, usize)> =
            vec![("medicamentos".into(), 2), ("ejercicio".into(), 1), ("medicamento".into(), 1)];
        assert_eq!(words, expected);
        let longest = longest_sentences(&blocks, Language::Spanish, 1);
        assert_eq!(longest[0].1, 15);
    }

    #[test]
    fn spanish_reference_lists_are_not_prose() {
        let body = "La presión alta daña el corazón [@whelton2018].\n\n## Referencias\n\n\
                    1. Whelton PK, Carey RM. Guideline for the prevention of high blood pressure. \
                    Hypertension. 2018.\n\n## Bibliografía\n\nOtra lista de fuentes largas.\n";
        let texts: Vec<String> = prose(body)
            .into_iter()
            .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(texts, ["La presión alta daña el corazón ."]);
    }

    /// Which band a passage was written for, from its file name.
    fn intended(name: &str) -> &'static str {
        ["easy", "medium", "hard"].into_iter().find(|b| name.starts_with(b)).unwrap_or("?")
    }

    /// The three bands under each formula. Szigriszt-Pazos on the INFLESZ scale: easy is
    /// "bastante fácil" or easier (65+), medium "normal" (55-65), hard "algo difícil" or
    /// harder (below 55). Fernández-Huerta on its own scale: easy is "algo fácil" or easier
    /// (70+), medium "normal" (60-70), hard "algo difícil" or harder (below 60).
    fn bands(r: &SpanishReadability) -> (&'static str, &'static str) {
        let sp = match InfleszBand::of(r.szigriszt_pazos) {
            InfleszBand::MuyFacil | InfleszBand::BastanteFacil => "easy",
            InfleszBand::Normal => "medium",
            InfleszBand::AlgoDificil | InfleszBand::MuyDificil => "hard",
        };
        let fh = match HuertaBand::of(r.fernandez_huerta) {
            HuertaBand::MuyFacil | HuertaBand::Facil | HuertaBand::AlgoFacil => "easy",
            HuertaBand::Normal => "medium",
            _ => "hard",
        };
        (sp, fh)
    }

    #[test]
    fn every_passage_falls_in_its_band_under_both_formulas() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/readability-es/passages");
        let mut paths: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let mut per_band = std::collections::BTreeMap::new();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let r = measure(&prose(&std::fs::read_to_string(&path).unwrap()));
            println!(
                "{name}: {} words, {} sentences, {} syllables, Szigriszt-Pazos {:.1}, \
                 Fernández-Huerta {:.1}",
                r.words, r.sentences, r.syllables, r.szigriszt_pazos, r.fernandez_huerta
            );
            assert!((100..=200).contains(&r.words), "{name}: {} words", r.words);
            let want = intended(&name);
            assert_eq!(bands(&r), (want, want), "{name}: {r:?}");
            *per_band.entry(want).or_insert(0) += 1;
        }
        assert!(per_band.values().all(|&n| n >= 4) && per_band.len() == 3, "{per_band:?}");
    }
}
