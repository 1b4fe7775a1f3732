//! Prints the syllable count rounds gives each word read from standard input (one per line,
//! anything after a tab ignored); used by tools/syllables and tools/readability-es to measure
//! the counters. English by default; `cargo run --example syllables -- es` counts in Spanish
//! and also prints the division, tab-separated: `hipertensión`, `4`, `hi-per-ten-sión`.

use std::io::BufRead;

use rounds::check::readability::{self, spanish};

fn main() {
    let es = std::env::args().nth(1).is_some_and(|a| a.starts_with("es"));
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let word = line.split('\t').next().unwrap_or("");
        if es {
            let division = spanish::syllabify(word).join("-");
            println!("{word}\t{}\t{division}", spanish::syllables(word));
        } else {
            println!("{word}\t{}", readability::syllables(word));
        }
    }
}
