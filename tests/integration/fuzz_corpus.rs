//! The fuzz corpora (`fuzz/corpus/`, inputs cargo fuzz found interesting, crashes that
//! were fixed among them) replayed through the fuzz targets' checks on every
//! `cargo test`, so that a regression shows without running the fuzzer.

use crate::common::repo;

/// Every file of a corpus, in a stable order.
fn corpus(name: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo().join("fuzz/corpus").join(name);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                std::fs::read(&path).expect("corpus file"),
            )
        })
        .collect();
    files.sort();
    assert!(files.len() > 100, "{name}: only {} inputs", files.len());
    files
}

/// Runs `check` on each input, naming the one that failed.
fn replay(name: &str, check: impl Fn(&[u8])) {
    for (file, data) in corpus(name) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(result.is_ok(), "fuzz/corpus/{name}/{file} fails its checks");
    }
}

#[test]
fn register_corpus_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    replay("register_bytes", |data| {
        bilan::fuzzing::register_bytes(dir.path(), data)
    });
}

#[test]
fn survey_corpus_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    replay("survey_csv", |data| {
        bilan::fuzzing::survey_csv(dir.path(), data)
    });
}

#[test]
fn header_and_labels_corpus_replays() {
    replay("header_and_labels", bilan::fuzzing::header_and_labels);
}
