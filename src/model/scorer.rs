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
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the processor was just found to have AVX.
            unsafe { self.sum_rows_avx(ids, out) };
            return;
        }
        self.sum_rows_of_known_width(ids, out);
    }

    /// [`Self::sum_rows_of_known_width`] built for processors with AVX, whose vector adds
    /// take four values instead of two: the same additions in the same order, so the same
    /// results to the bit.
    ///
    /// # Safety
    /// The processor must have AVX.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx")]
    unsafe fn sum_rows_avx(&self, ids: &[u32], out: &mut [f64]) {
        self.sum_rows_of_known_width(ids, out);
    }

    /// Adds the rows of `ids` to `out`; rows of a width known when compiling are summed
    /// in registers.
    #[inline(always)]
    fn sum_rows_of_known_width(&self, ids: &[u32], out: &mut [f64]) {
        match self.width {
            4 => self.sum_rows::<4>(ids, out),
            8 => self.sum_rows::<8>(ids, out),
            12 => self.sum_rows::<12>(ids, out),
            16 => self.sum_rows::<16>(ids, out),
            20 => self.sum_rows::<20>(ids, out),
            24 => self.sum_rows::<24>(ids, out),
            28 => self.sum_rows::<28>(ids, out),
            32 => self.sum_rows::<32>(ids, out),
            _ => self.sum_rows_of_any_width(ids, out),
        }
    }

    /// Adds the rows of `ids` to `scores`, rows of `W` values: the sums stay in registers
    /// from the first row to the last (the same additions in the same order as
    /// [`Self::sum_rows_of_any_width`], so the same results to the bit).
    #[inline(always)]
    fn sum_rows<const W: usize>(&self, ids: &[u32], scores: &mut [f64]) {
        let mut sums: [f64; W] = (*scores).try_into().expect("scores are one row wide");
        for &id in ids {
            let start = self.row_of[id as usize] as usize * W;
            let row: &[f64; W] = self.rows[start..start + W]
                .try_into()
                .expect("a row is W wide");
            for (sum, lp) in sums.iter_mut().zip(row) {
                *sum += lp;
            }
        }
        scores.copy_from_slice(&sums);
    }

    /// Adds the rows of `ids` to `scores`, whatever the width.
    fn sum_rows_of_any_width(&self, ids: &[u32], scores: &mut [f64]) {
        for &id in ids {
            let start = self.row_of[id as usize] as usize * self.width;
            add_row(scores, &self.rows[start..start + self.width]);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A scorer of any width, with rows and priors that make rounding matter.
    fn scorer(width: usize) -> Scorer {
        let terms = 50;
        let value = |i: usize| -((i * 7919 % 1000) as f64) / 97.0 - 1e-3 * i as f64;
        Scorer {
            width,
            spans: std::iter::once(0..width).collect(),
            log_priors: (0..width).map(|c| value(c + 3)).collect(),
            rows: (0..terms * width).map(value).collect(),
            row_of: (0..terms as u32).rev().collect(),
        }
    }

    #[test]
    fn rows_summed_in_registers_give_the_bits_of_any_width_sums() {
        let ids: Vec<u32> = (0..500).map(|i| (i * 31 % 50) as u32).collect();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for width in (4..=40).step_by(4) {
            let scorer = scorer(width);
            let mut any = scorer.log_priors.clone();
            scorer.sum_rows_of_any_width(&ids, &mut any);
            let mut fixed = scorer.log_priors.clone();
            scorer.sum_rows_of_known_width(&ids, &mut fixed);
            assert_eq!(bits(&fixed), bits(&any), "width {width}");
            let mut chosen = Vec::new();
            scorer.joint_log_likelihoods(&ids, &mut chosen);
            assert_eq!(bits(&chosen), bits(&any), "width {width}, as dispatched");
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn rows_summed_with_avx_give_the_same_bits() {
        if !std::arch::is_x86_feature_detected!("avx") {
            eprintln!("this processor has no AVX: nothing to compare");
            return;
        }
        let ids: Vec<u32> = (0..500).map(|i| (i * 17 % 50) as u32).collect();
        for width in (4..=40).step_by(4) {
            let scorer = scorer(width);
            let mut plain = scorer.log_priors.clone();
            scorer.sum_rows_of_known_width(&ids, &mut plain);
            let mut avx = scorer.log_priors.clone();
            // SAFETY: the processor was just found to have AVX.
            unsafe { scorer.sum_rows_avx(&ids, &mut avx) };
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&avx), bits(&plain), "width {width}");
        }
    }
}
