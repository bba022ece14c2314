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
