//! What a test needs from the machine beyond the repository: the shared
//! corpus and tools beside the checkout (`../shared`), a reader such as
//! `xmllint`, a browser.
//!
//! A user's machine may lack them, so a test that needs one skips with a
//! message saying what is missing. CI must not pass by skipping: `.ci/run`
//! sets [`STRICT_VAR`], and then a missing requirement fails the test.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};

/// Set (to anything but `0` or empty) by `.ci/run`: missing requirements
/// fail instead of skipping.
pub const STRICT_VAR: &str = "NEWSKG_REQUIRE_ALL";

/// Whether missing requirements fail the run (CI) instead of skipping.
pub fn strict() -> bool {
    std::env::var(STRICT_VAR).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Reports that `test` cannot run because `why`: a message on standard
/// error, or a panic under [`STRICT_VAR`].
pub fn skip(test: &str, why: &str) {
    if strict() {
        panic!("{test}: {why} ({STRICT_VAR} is set, so this fails instead of skipping)");
    }
    eprintln!("skipped {test}: {why}");
}

/// `../shared/<rel>` beside the checkout when it exists; otherwise
/// [`skip`]s `test` and gives `None`.
pub fn shared(test: &str, rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        skip(test, &format!("../shared/{rel} not found"));
        None
    }
}
