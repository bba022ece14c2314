//! revue turns a morning's French news dispatches into a digest grouped by region and theme.
//!
//! The pipeline is a chain of stages, one module each, data flowing forward:
//! [`ingest`] reads and repairs articles, [`dedupe`] folds copies of the same story,
//! [`text`] analyses French text into terms, [`features`] maps terms to a bag of words,
//! [`model`] scores both naive Bayes heads (region, theme), [`digest`] groups and renders,
//! and [`eval`] measures a model on labelled articles.
//!
//! ```
//! use revue::model::Model;
//!
//! let model = Model::embedded().expect("this build embeds the default model");
//! let article = revue::ingest::Article::new(
//!     "Séisme au Japon: des milliers d'évacués",
//!     "Un séisme de magnitude 7,1 a frappé la préfecture d'Ishikawa, a indiqué l'agence météorologique japonaise.",
//! );
//! let tags = model.classify(&article);
//! let region = tags.region.expect("the default model has a region head");
//! assert!(region.confidence > 0.0 && region.confidence <= 1.0);
//! ```

pub mod cli;
pub mod config;
pub mod dedupe;
pub mod digest;
pub mod error;
pub mod eval;
pub mod features;
pub mod history;
pub mod ingest;
pub mod model;
pub mod output;
pub mod parallel;
pub mod text;

pub use error::{Error, Result};
