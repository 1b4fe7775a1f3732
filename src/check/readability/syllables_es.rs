//! Spanish syllables by rule: the Real Academia Española's syllable division.
//!
//! Input: one word as written (any case, accents, maybe digits, hyphens or capitals).
//! Output: its syllables ([`syllabify`]: "hipertensión" -> `hi-per-ten-sión`) or how many a
//! reader says ([`syllables`], which the Spanish readability formulas use).
//!
//! Spanish spelling is regular enough for rules alone; no table is needed. The rules are the
//! RAE's (Ortografía de la lengua española, 2010), with its conventions for vowel sequences,
//! which hold "whatever the actual pronunciation":
//! - a syllable has one vowel nucleus. A strong vowel (a, e, o) next to an unstressed weak
//!   one (i, u, ü; y at the end of a word or before a consonant) is a diphthong (`ai-re`,
//!   `cua-tro`, `hoy`), and weak + strong + weak is a triphthong (`buey`, `u-ru-guay`); two
//!   different weak vowels are a diphthong even with a written accent (`cuí-da-te`, `huir`);
//! - two strong vowels are a hiatus (`le-er`, `te-a-tro`), and so are a stressed weak vowel
//!   next to a strong one (`pa-ís`, `re-ír`, `dí-a`) and two equal weak vowels (`chi-i-ta`);
//! - the u of gue, gui, que, qui is silent (`que-so`, `gui-so`, `guion`); ü is said
//!   (`pin-güi-no`); ch, ll and rr are one consonant;
//! - h is silent and words are divided as if it were not written (Instituto Cervantes, *Las
//!   500 dudas más frecuentes del español*, 2013): between vowels it neither makes nor breaks a
//!   diphthong (`prohi-bir`, `pro-hí-be`), and before a weak vowel and another vowel it starts
//!   a syllable, as the glide it spells does (`a-hue-car`, `chi-hua-hua`);
//! - one consonant between vowels starts the next syllable (`ca-sa`); pl, pr, bl, br, cl, cr,
//!   dr, tr, fl, fr, gl, gr, kl, kr and tl start one together (`ha-blar`); otherwise the last
//!   consonant starts the syllable unless the last two are such a pair (`ins-ti-tu-to`,
//!   `ins-tru-men-to`). "tl" is divided `a-tle-ta`, as in Mexico, Central America and the
//!   Canaries (the RAE accepts `at-le-ta` too; the count is the same);
//! - the prefixes sub- and ab- keep their b before r and l (`sub-ra-yar`, `sub-lin-gual`,
//!   `ab-ro-gar`; but `su-bli-me`). Elsewhere the RAE accepts a division by prefix or by sound
//!   (`des-or-den` / `de-sor-den`); this follows sound. The count never depends on it.
//!
//! Words that are not spelled-out Spanish are counted the way the English engine counts them:
//! a number is one syllable, an acronym in capitals that cannot be said as a word ("VIH",
//! "OMS") is spelled out with the Spanish letter names, and an abbreviation with no vowel
//! ("mg", "Dr") is one syllable, as Flesch's counting rules have it for abbreviations and
//! symbols.

/// Longest word (in letters) the counter looks at; longer tokens are not words.
const MAX_LETTERS: usize = 64;

/// The syllables of `word`, lowercase, in order: `hipertensión` -> `["hi", "per", "ten",
/// "sión"]`. Characters that are not letters are dropped; a word with no vowel has no
/// syllables.
pub fn syllabify(word: &str) -> Vec<String> {
    let w: Vec<char> = word.chars().filter_map(fold).collect();
    let starts = syllable_starts(&w);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(w.len());
        out.push(w[s..end].iter().collect());
    }
    out
}

/// The number of syllables a reader says in `word`.
///
/// Hyphenated words are the sum of their parts ("físico-químico" = 6). A token with no
/// letters and no digits has 0 syllables; any other token has at least 1.
pub fn syllables(word: &str) -> usize {
    word.split(['-', '\u{2010}', '\u{2011}', '/']).map(part_syllables).sum()
}

/// Syllables of one part of a hyphenated word.
fn part_syllables(part: &str) -> usize {
    let mut buf = ['\0'; MAX_LETTERS];
    let mut len = 0;
    let mut upper = 0;
    let mut digits = false;
    for c in part.chars() {
        if c.is_ascii_digit() {
            digits = true;
            continue;
        }
        let Some(f) = fold(c) else { continue };
        if c.is_uppercase() {
            upper += 1;
        }
        if len == MAX_LETTERS {
            // Not a word; roughly one syllable in three letters, like the English engine.
            return 1 + len / 3;
        }
        buf[len] = f;
        len += 1;
    }
    let w = &buf[..len];
    if w.is_empty() {
        return usize::from(digits);
    }
    let spelled = upper == len && !sayable(w);
    if spelled && (len >= 2 || !is_vowel_letter(w[0])) {
        return w.iter().map(|&c| letter_name_syllables(c)).sum();
    }
    match nuclei(w) {
        0 => 1, // an abbreviation or a unit without a vowel: "mg", "Dr", "ml"
        n => n,
    }
}

/// A letter, lowercase, with the accents Spanish writes kept (á é í ó ú ü ñ) and others
/// removed; `None` for anything that is not a letter.
fn fold(c: char) -> Option<char> {
    let c = if c.is_uppercase() { c.to_lowercase().next().unwrap_or(c) } else { c };
    Some(match c {
        'a'..='z' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü' | 'ñ' => c,
        'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'ê' | 'ë' => 'e',
        // ï marks a hiatus in verse ("ruïdo"): a stressed i for our purposes
        'ì' | 'î' | 'ï' => 'í',
        'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'û' => 'u',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    })
}

/// Syllables in the Spanish name of a letter, as an acronym is spelled out: "be" 1, "hache"
/// 2, "uve doble" 4 (the RAE's names, Ortografía 2010 §I.5).
fn letter_name_syllables(c: char) -> usize {
    match c {
        'f' | 'h' | 'j' | 'l' | 'm' | 'n' | 'ñ' | 'r' | 's' | 'v' | 'x' | 'z' => 2,
        'w' => 4,
        _ => 1,
    }
}

/// a e i o u with or without an accent, and ü (not y, which depends on what follows).
fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü')
}

/// A vowel as the rules see it.
#[derive(Clone, Copy, Debug)]
struct Vowel {
    /// a, e, o (with or without an accent).
    open: bool,
    /// í or ú: a weak vowel carrying the stress, which breaks a diphthong.
    stressed_weak: bool,
    /// The letter without its accent (i for y), to find equal weak vowels ("ii", "uu").
    base: char,
}

impl Vowel {
    fn unstressed_weak(self) -> bool {
        !self.open && !self.stressed_weak
    }
}

/// The vowel at `i`, if the letter there is said as a vowel: y only at the end of a word or
/// before a consonant, u not in gue, gui, que, qui.
fn vowel_at(w: &[char], i: usize) -> Option<Vowel> {
    let c = w[i];
    let next = w.get(i + 1).copied();
    let weak = |base, stressed_weak| Some(Vowel { open: false, stressed_weak, base });
    match c {
        'a' | 'á' => Some(Vowel { open: true, stressed_weak: false, base: 'a' }),
        'e' | 'é' => Some(Vowel { open: true, stressed_weak: false, base: 'e' }),
        'o' | 'ó' => Some(Vowel { open: true, stressed_weak: false, base: 'o' }),
        'i' => weak('i', false),
        'í' => weak('i', true),
        'ú' => weak('u', true),
        'ü' => weak('u', false),
        'u' => {
            let silent = i > 0
                && matches!(w[i - 1], 'q' | 'g')
                && matches!(next, Some('e' | 'é' | 'i' | 'í'));
            if silent { None } else { weak('u', false) }
        }
        'y' => {
            if next.is_none_or(|n| !is_vowel_letter(n)) {
                weak('i', false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether two vowels side by side are said in two syllables.
fn hiatus(a: Vowel, b: Vowel) -> bool {
    let strong = |v: Vowel| v.open || v.stressed_weak;
    // two strong vowels, or a stressed weak one beside a strong one
    let two_strong = strong(a) && strong(b) && (a.open || b.open);
    two_strong || (!a.open && !b.open && a.base == b.base)
}

/// Most vowels a run is looked at in one piece; longer runs (never in real words) are cut.
const MAX_RUN: usize = 8;

/// Calls `f(first, last)` with the letter positions of each vowel nucleus, in order, and
/// returns how many there are.
fn for_each_nucleus(w: &[char], mut f: impl FnMut(usize, usize)) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < w.len() {
        let Some(first) = vowel_at(w, i) else {
            i += 1;
            continue;
        };
        // A run of vowels, possibly with a silent h between two of them.
        let mut pos = [0usize; MAX_RUN];
        let mut v = [first; MAX_RUN];
        let mut h_before = [false; MAX_RUN];
        pos[0] = i;
        let mut n = 1;
        let mut j = i + 1;
        while n < MAX_RUN && j < w.len() {
            let (at, h) = if w[j] == 'h' && j + 1 < w.len() { (j + 1, true) } else { (j, false) };
            let Some(next) = vowel_at(w, at) else { break };
            pos[n] = at;
            v[n] = next;
            h_before[n] = h;
            n += 1;
            j = at + 1;
        }
        // break[t]: a syllable boundary between v[t - 1] and v[t].
        let mut split = [false; MAX_RUN];
        for t in 1..n {
            // "hue", "hui", "hua": the h spells the glide that starts the syllable.
            let glide_onset =
                h_before[t] && v[t].unstressed_weak() && t + 1 < n && !hiatus(v[t], v[t + 1]);
            split[t] = hiatus(v[t - 1], v[t]) || glide_onset;
        }
        // strong + weak + strong: the weak vowel glides into the next syllable
        for t in 1..n.saturating_sub(1) {
            if !split[t]
                && !split[t + 1]
                && v[t - 1].open
                && v[t].unstressed_weak()
                && v[t + 1].open
            {
                split[t] = true;
            }
        }
        let mut start = 0;
        for t in 1..=n {
            if t == n || split[t] {
                f(pos[start], pos[t - 1]);
                count += 1;
                start = t;
            }
        }
        i = pos[n - 1] + 1;
    }
    count
}

/// How many vowel nuclei (syllables) `w` has.
fn nuclei(w: &[char]) -> usize {
    for_each_nucleus(w, |_, _| {})
}

/// Consonant pairs that start a syllable together.
fn onset_pair(a: char, b: char) -> bool {
    matches!((a, b), ('p' | 'b' | 'f' | 'c' | 'g' | 'k', 'l' | 'r') | ('t' | 'd', 'r') | ('t', 'l'))
}

/// Where each syllable of `w` starts (the first is always 0 when there is one).
fn syllable_starts(w: &[char]) -> Vec<usize> {
    let mut spans = Vec::new();
    for_each_nucleus(w, |a, b| spans.push((a, b)));
    let mut starts = Vec::with_capacity(spans.len());
    for (k, &(first, _)) in spans.iter().enumerate() {
        if k == 0 {
            starts.push(0);
            continue;
        }
        let gap_start = spans[k - 1].1 + 1;
        starts.push(onset_start(w, gap_start, first));
    }
    prefix_division(w, &mut starts);
    starts
}

/// Where the syllable whose nucleus starts at `nucleus` begins, given that the consonants
/// before it start at `gap_start`.
fn onset_start(w: &[char], gap_start: usize, nucleus: usize) -> usize {
    // The consonants in between as (position, letters): ch, ll, rr, qu and gu are one
    // consonant each; h is not written as far as division goes.
    let mut units = [(0usize, 0usize); MAX_RUN];
    let mut m = 0;
    let mut i = gap_start;
    while i < nucleus {
        let two = i + 1 < nucleus
            && matches!((w[i], w[i + 1]), ('c', 'h') | ('l', 'l') | ('r', 'r') | ('q' | 'g', 'u'));
        let len = if two { 2 } else { 1 };
        if w[i] != 'h' && m < MAX_RUN {
            units[m] = (i, len);
            m += 1;
        }
        i += len;
    }
    match m {
        // Only vowels or a silent h between: a hiatus; the h goes with the second vowel.
        0 => gap_start,
        1 => units[0].0,
        _ => {
            let ((a, a_len), (b, b_len)) = (units[m - 2], units[m - 1]);
            if a_len == 1 && b_len == 1 && onset_pair(w[a], w[b]) { a } else { b }
        }
    }
}

/// sub- and ab- keep their b before r and l: "sub-ra-yar", "sub-lin-gual", "ab-ro-gar"
/// (but "su-bli-me": no prefix there).
fn prefix_division(w: &[char], starts: &mut [usize]) {
    let head: String = w.iter().take(8).collect();
    // "sublime", "sublimar" are not sub- + a word; "subliminal" is.
    let sublime = head.starts_with("sublim") && !head.starts_with("sublimin");
    let sub = head.starts_with("subr") || (head.starts_with("subl") && !sublime);
    let (from, to) = if sub {
        (2, 3)
    } else if head.starts_with("abrog") {
        (1, 2)
    } else {
        return;
    };
    for s in starts.iter_mut().filter(|s| **s == from) {
        *s = to;
    }
}

/// Consonant pairs that can end a Spanish syllable ("cons-", "obs-", "pers-", "bí-ceps").
fn coda_pair(a: char, b: char) -> bool {
    matches!((a, b), ('n' | 'b' | 'r' | 'l' | 'p', 's'))
}

/// Whether an all-capitals token can be said as a Spanish word ("SIDA", "UCI", "EPOC")
/// rather than spelled ("VIH", "OMS", "ADN").
fn sayable(w: &[char]) -> bool {
    if w.len() < 3 || nuclei(w) == 0 {
        return false;
    }
    let consonant = |i: usize| vowel_at(w, i).is_none();
    let lead = (0..w.len()).take_while(|&i| consonant(i)).count();
    let tail = (0..w.len()).rev().take_while(|&i| consonant(i)).count();
    let lead_ok = match lead {
        0 | 1 => true,
        2 => onset_pair(w[0], w[1]) || matches!((w[0], w[1]), ('c', 'h') | ('l', 'l')),
        _ => false,
    };
    let last = w.len() - 1;
    let tail_ok = match tail {
        0 => true,
        1 => matches!(
            w[last],
            'b' | 'c' | 'd' | 'g' | 'j' | 'k' | 'l' | 'm' | 'n' | 'p' | 'r' | 's' | 't' | 'x' | 'z'
        ),
        2 => coda_pair(w[last - 1], w[last]),
        _ => false,
    };
    // Inside the word: two consonants; three if the first two end a syllable or the last two
    // start one ("ins-ti", "com-pli"); four if both ("ins-tru").
    let mut inner_ok = true;
    let mut i = lead;
    while i < w.len() - tail {
        let run = (i..w.len() - tail).take_while(|&k| consonant(k)).count();
        if run >= 3 {
            let coda = coda_pair(w[i], w[i + 1]);
            let onset = onset_pair(w[i + run - 2], w[i + run - 1]);
            inner_ok &= (run == 3 && (coda || onset)) || (run == 4 && coda && onset);
        }
        i += run.max(1);
    }
    lead_ok && tail_ok && inner_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        syllabify(word).join("-")
    }

    #[test]
    fn rules_on_words_that_show_them() {
        for (word, expected) in [
            ("hipertensión", "hi-per-ten-sión"),
            ("diabetes", "dia-be-tes"),
            ("países", "pa-í-ses"),
            ("leer", "le-er"),
            ("Uruguay", "u-ru-guay"),
            ("buey", "buey"),
            ("prohíbe", "pro-hí-be"),
            ("prohibir", "prohi-bir"),
            ("ahuecar", "a-hue-car"),
            ("Chihuahua", "chi-hua-hua"),
            ("pingüino", "pin-güi-no"),
            ("queso", "que-so"),
            ("guion", "guion"),
            ("instrumento", "ins-tru-men-to"),
            ("atleta", "a-tle-ta"),
            ("subrayar", "sub-ra-yar"),
            ("sublime", "su-bli-me"),
            ("subliminal", "sub-li-mi-nal"),
            ("perro", "pe-rro"),
            ("leche", "le-che"),
            ("inhalador", "i-nha-la-dor"),
            ("cuídate", "cuí-da-te"),
            ("chiita", "chi-i-ta"),
        ] {
            assert_eq!(split(word), expected, "{word}");
        }
    }

    #[test]
    fn tokens_that_are_not_plain_words() {
        assert_eq!(syllables("120"), 1);
        assert_eq!(syllables("3,5"), 1);
        assert_eq!(syllables("COVID-19"), 3); // co-vid + a number
        assert_eq!(syllables("VIH"), 5); // u-ve, i, ha-che
        assert_eq!(syllables("OMS"), 5); // o, e-me, e-se
        assert_eq!(syllables("SIDA"), 2);
        assert_eq!(syllables("UCI"), 2);
        assert_eq!(syllables("mg"), 1);
        assert_eq!(syllables("mg/dl"), 2);
        assert_eq!(syllables("Dr"), 1);
        assert_eq!(syllables("Dra"), 1);
        assert_eq!(syllables("B"), 1); // vitamina B: "be"
        assert_eq!(syllables("H"), 2); // "hache"
        assert_eq!(syllables("y"), 1);
        assert_eq!(syllables("A"), 1);
        assert_eq!(syllables("físico-químico"), 6);
        assert_eq!(syllables("…"), 0);
        assert_eq!(syllables("HIPERTENSIÓN"), 4);
    }

    #[test]
    fn odd_input_is_counted_without_panicking() {
        let long_vowels = "a".repeat(40);
        let consonants = "bcdfghjklmnpqrstvwxz".repeat(3);
        let mixed = format!("a{consonants}e");
        for word in [
            "",
            "h",
            "hh",
            "qu",
            "gu",
            "güe",
            "ü",
            "y",
            "yy",
            "ñ",
            "ch",
            "rr",
            "ÀÉÎÕÜ",
            "🙂",
            "a🙂e",
            &long_vowels,
            &consonants,
            &mixed,
            "aeiouaeiouaeiou",
            "ahuhuhuhu",
            "ïa",
        ] {
            let n = syllables(word);
            let parts = syllabify(word);
            assert!(n <= word.chars().count().max(1), "{word}: {n}");
            // every letter lands in a syllable, unless there is no vowel to hold them
            let letters: String = word.chars().filter_map(fold).collect();
            assert!(parts.is_empty() || parts.concat() == letters, "{word}: {parts:?}");
        }
        assert_eq!(syllables(&long_vowels), 40);
    }

    /// (word, hand syllabification) pairs of a committed list.
    fn hand_list(name: &str) -> Vec<(String, String)> {
        let path = format!("{}/tests/fixtures/readability-es/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (w, s) = l.split_once('\t').unwrap_or_else(|| panic!("{name}: {l:?}"));
                (w.to_string(), s.to_string())
            })
            .collect()
    }

    /// Agreement with a hand-syllabified list, on counts (what the formulas use) and on the
    /// whole division; every disagreement is printed (`-- --nocapture`).
    fn agreement(name: &str) -> (usize, usize, usize) {
        let list = hand_list(name);
        let (mut counts, mut divisions) = (0, 0);
        for (word, hand) in &list {
            let ours = split(word);
            if syllables(word) == hand.split('-').count() {
                counts += 1;
            } else {
                println!("{name}: {word}: counted {}, by hand {hand}", syllables(word));
            }
            if ours == *hand {
                divisions += 1;
            } else {
                println!("{name}: {word}: divided {ours}, by hand {hand}");
            }
        }
        println!("{name}: counts {counts}/{}, divisions {divisions}/{}", list.len(), list.len());
        (counts, divisions, list.len())
    }

    #[test]
    fn agrees_with_the_hand_syllabified_lists() {
        // syllables.tsv: 570 words chosen to cover every rule, written before the counter.
        // syllables-passages.tsv: every other word of the twelve passages, held out.
        for name in ["syllables.tsv", "syllables-passages.tsv"] {
            let (counts, _, n) = agreement(name);
            assert!(n >= 300, "{name} has {n} words");
            assert!(counts * 100 >= n * 99, "{name}: {counts}/{n} counts agree, below 99%");
        }
    }
}
