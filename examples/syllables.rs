//! Prints the syllable count rounds gives each word read from standard input (one per line,
//! anything after a tab ignored); used by tools/syllables to measure the rules.

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let word = line.split('\t').next().unwrap_or("");
        println!("{word}\t{}", rounds::check::readability::syllables(word));
    }
}
