//! French text: repairing what real dispatches carry ([`normalize`]), cutting text into
//! sentences ([`sentences`]), and the analyser that turns text into model terms ([`analyzer`]),
//! built as a visible chain of small steps with the gazetteer ([`gazetteer`]) as one of them.

pub mod analyzer;
pub mod gazetteer;
pub mod normalize;
pub mod sentences;

pub use analyzer::{Analyzer, AnalyzerSettings};
pub use gazetteer::Gazetteer;
pub use normalize::repair;
pub use sentences::{lead, split_sentences};

/// Every string of one to `longest` pieces of `alphabet`, for the tests that hold a fast
/// path to its reference on all short strings of awkward characters.
#[cfg(test)]
pub(crate) fn every_string(alphabet: &[&str], longest: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut strings = vec![String::new()];
    for _ in 0..longest {
        strings = strings
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        all.extend(strings.iter().cloned());
    }
    all
}
