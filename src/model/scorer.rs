//! The scoring table: every head's log-probabilities for a term side by side in one row, so
//! scoring a token reads one short contiguous row instead of one per head, and rows in
//! order of how often the training articles used their term, so the rows of the common
//! words sit together in cache. Built from the heads when a model is loaded; the heads stay
//! the reference (a test holds both to the same joint log-likelihoods).

use std::ops::Range;

use super::head::Head;

/// Rows are summed this many values at a time, which the compiler turns into vector adds.
const LANES: usize = 4;

/// Both heads' scores, ready for the hot loop.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    /// Classes of all heads together, rounded up to a multiple of [`LANES`]: the length
    /// of a row (the padding is zeros).
    width: usize,
    /// Where each head's classes sit in a row.
    spans: Vec<Range<usize>>,
    /// Every head's log priors, laid out like a row.
    log_priors: Vec<f64>,
    /// One row per term, most used terms first.
    rows: Vec<f64>,
    /// The row of each vocabulary id.
    row_of: Vec<u32>,
}

impl Scorer {
    /// Lays out the heads' log-probabilities (all heads share one vocabulary).
    pub fn new(heads: &[Head]) -> Scorer {
        let vocabulary_size = heads.first().map_or(0, Head::vocabulary_size);
        let mut spans = Vec::with_capacity(heads.len());
        let mut width = 0;
        for head in heads {
            spans.push(width..width + head.classes().len());
            width += head.classes().len();
        }
        let padding = width.next_multiple_of(LANES) - width;
        width += padding;
        let mut by_use: Vec<u32> = (0..vocabulary_size as u32).collect();
        if let Some(head) = heads.first() {
            let uses = head.term_counts();
            by_use.sort_by(|&a, &b| {
                uses[b as usize]
                    .total_cmp(&uses[a as usize])
                    .then(a.cmp(&b))
            });
        }
        let mut row_of = vec![0u32; vocabulary_size];
        let mut rows = Vec::with_capacity(vocabulary_size * width);
        for (row, &id) in by_use.iter().enumerate() {
            row_of[id as usize] = row as u32;
            for head in heads {
                rows.extend((0..head.classes().len()).map(|c| head.log_prob(id, c)));
            }
            rows.extend(std::iter::repeat_n(0.0, padding));
        }
        Scorer {
            width,
            spans,
            log_priors: heads
                .iter()
                .flat_map(|h| h.log_priors().iter().copied())
                .chain(std::iter::repeat_n(0.0, padding))
                .collect(),
            rows,
            row_of,
        }
    }

    /// Every head's joint log-likelihoods for a document given as term ids, each repeated
    /// as often as it counts, into `out` (laid out like a row; see [`Self::span`]).
    pub fn joint_log_likelihoods(&self, ids: &[u32], out: &mut Vec<f64>) {
        out.clear();
        out.extend_from_slice(&self.log_priors);
        for &id in ids {
            let start = self.row_of[id as usize] as usize * self.width;
            add_row(out, &self.rows[start..start + self.width]);
        }
    }

    /// Where head number `head` sits in the output of [`Self::joint_log_likelihoods`].
    pub fn span(&self, head: usize) -> Range<usize> {
        self.spans[head].clone()
    }
}

/// Adds a row to the scores, [`LANES`] values at a time: both are read before any is
/// written, so the compiler may use vector adds (it cannot tell that the two never
/// overlap, and otherwise keeps one add per value).
#[inline(always)]
fn add_row(scores: &mut [f64], row: &[f64]) {
    for (scores, lps) in scores.chunks_exact_mut(LANES).zip(row.chunks_exact(LANES)) {
        let lps: [f64; LANES] = lps.try_into().expect("a chunk of LANES");
        let mut sums: [f64; LANES] = (*scores).try_into().expect("a chunk of LANES");
        for (sum, lp) in sums.iter_mut().zip(lps) {
            *sum += lp;
        }
        scores.copy_from_slice(&sums);
    }
}
