//! Builds the privacy check's name map (`src/check/privacy/names.fst`) from the sorted
//! `name<TAB>value` lines that `tools/names/convert.py` writes: reads standard input, writes
//! the fst map to standard output. See tools/names/README.md.

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = fst::MapBuilder::memory();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Some((name, value)) = line.split_once('\t') else { continue };
        builder.insert(name, value.trim().parse::<u64>()?)?;
    }
    std::io::stdout().write_all(&builder.into_inner()?)?;
    Ok(())
}
