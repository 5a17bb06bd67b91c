//! `manifest.json`: bilan's version and every input and output of an edition with
//! its SHA-256 and size. Built from the artifacts in memory; written by the output
//! stage with the rest.

use serde::Serialize;

use crate::hash::sha256_hex;
use crate::layout::Artifact;

/// One file listed in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

impl FileEntry {
    /// The entry of a file whose bytes are at hand.
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> Self {
        FileEntry {
            path: path.into(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
        }
    }
}

/// The manifest of one edition.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub bilan_version: &'static str,
    pub edition: i32,
    pub language: &'static str,
    pub inputs: Vec<FileEntry>,
    pub outputs: Vec<FileEntry>,
}

impl Manifest {
    /// The manifest listing `inputs` and every artifact of `outputs`, in their order.
    pub fn new(
        edition: i32,
        language: &'static str,
        inputs: Vec<FileEntry>,
        outputs: &[Artifact],
    ) -> Self {
        Manifest {
            bilan_version: env!("CARGO_PKG_VERSION"),
            edition,
            language,
            inputs,
            outputs: outputs
                .iter()
                .map(|o| FileEntry::of(o.path.clone(), &o.bytes))
                .collect(),
        }
    }
}
