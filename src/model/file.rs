//! The model file: one self-checking file holding everything scoring needs.
//!
//! Layout: 8 magic bytes `REVUEMDL`, the format version (u32, little-endian), the payload
//! length (u64) and its CRC-32 (u32), then the payload: postcard-encoded [`StoredModel`],
//! deflate-compressed. Each head is stored in linfa-bayes's own serde form. A file of
//! another format version, a truncated or damaged file, or a file that is not a model at
//! all fails with one sentence saying which.

use std::io::{Read, Write};
use std::path::Path;

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};

use super::taxonomy::Taxonomy;
use super::Metadata;
use crate::error::{Error, Result};
use crate::features::VectorizerSettings;
use crate::text::AnalyzerSettings;

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"REVUEMDL";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 8 + 4;

/// One head as stored: its name, smoothing, and linfa-bayes's serialised `MultinomialNb`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredHead {
    /// `region` or `theme`.
    pub name: String,
    /// Additive smoothing it was fitted with.
    pub alpha: f64,
    /// postcard bytes of linfa-bayes's `MultinomialNb<f64, String>`.
    pub multinomial_nb: Vec<u8>,
}

/// The payload of a model file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredModel {
    /// The revue version that wrote it.
    pub revue_version: String,
    /// Analyser settings (stop words, gazetteer...).
    pub analyzer: AnalyzerSettings,
    /// Vectoriser settings.
    pub vectorizer: VectorizerSettings,
    /// The vocabulary, by term id.
    pub vocabulary: Vec<String>,
    /// Display names and order of the labels.
    pub taxonomy: Taxonomy,
    /// The fitted heads.
    pub heads: Vec<StoredHead>,
    /// How and on what it was trained.
    pub metadata: Metadata,
}

/// Encodes a model into the bytes of a model file.
pub fn encode(model: &StoredModel) -> Result<Vec<u8>> {
    let plain = postcard::to_allocvec(model)
        .map_err(|e| Error::Training(format!("cannot encode the model: {e}")))?;
    // The fastest level: on a training run over 20 MB of articles, the default level took
    // 17 % of the instructions (380 M more than this one) for a file a quarter smaller
    // (363 KB instead of 486 KB), and `Compression::best()` costs more again.
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(&plain).map_err(Error::Output)?;
    let payload = encoder.finish().map_err(Error::Output)?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Decodes the bytes of a model file; `name` is used in error messages.
pub fn decode(bytes: &[u8], name: &str) -> Result<StoredModel> {
    let bad = |message: String| Error::BadModel {
        path: name.to_string(),
        message,
    };
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad(
            "this is not a revue model file (train one with `revue train`)".to_string(),
        ));
    }
    if bytes.len() < HEADER_LEN {
        return Err(bad(
            "the model file is truncated (its header is incomplete)".to_string(),
        ));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "the model file has format version {version}, but this revue reads version {FORMAT_VERSION}; retrain it with `revue train`"
        )));
    }
    let length = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let crc = u32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
    let payload = &bytes[HEADER_LEN..];
    if (payload.len() as u64) < length {
        return Err(bad(format!(
            "the model file is truncated ({} of {} bytes)",
            bytes.len(),
            HEADER_LEN as u64 + length
        )));
    }
    if payload.len() as u64 > length || crc32fast::hash(payload) != crc {
        return Err(bad(
            "the model file is corrupt (its checksum does not match)".to_string(),
        ));
    }
    let mut plain = Vec::new();
    DeflateDecoder::new(payload)
        .read_to_end(&mut plain)
        .map_err(|e| bad(format!("the model file is corrupt ({e})")))?;
    postcard::from_bytes(&plain).map_err(|e| bad(format!("the model file is corrupt ({e})")))
}

/// Reads and decodes a model file.
pub fn read(path: &Path) -> Result<StoredModel> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(&bytes, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_model() {
        let err = decode(b"hello world, this is text", "x")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x: this is not a revue model file (train one with `revue train`)"
        );
    }

    #[test]
    fn other_version() {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&7u32.to_le_bytes());
        bytes.extend_from_slice(&[0; 12]);
        let err = decode(&bytes, "m").unwrap_err().to_string();
        assert!(err.contains("format version 7"), "{err}");
    }

    #[test]
    fn short_header() {
        let err = decode(&MAGIC[..], "m").unwrap_err().to_string();
        assert!(err.contains("truncated"), "{err}");
    }
}
