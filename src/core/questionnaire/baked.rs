//! The built-in questionnaires, checked ahead of time.
//!
//! Parsing and checking the TOML of the built-in questionnaire took most of the wizard's start
//! (0.6 ms of TOML for a 35 KB file, against a 2 ms bare ratatui start). The test suite loads each
//! built-in from its TOML, with every check, and keeps the result as JSON beside it
//! (`questionnaires/baked/`); the binary embeds both and reads the JSON (about 10× faster). The JSON
//! is used only when it was made from exactly the embedded TOML (its digest matches), so a stale file
//! can slow a start but never change a verdict; the test fails until it is remade with
//! `SYSKIND_BAKE=1 cargo test --lib baked`.

use super::{Questionnaire, load};

/// One built-in questionnaire: where its TOML lives, the TOML, and its checked form as JSON.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// File name shown in diagnostics (and where the TOML lives in the repository).
    pub name: &'static str,
    /// The TOML.
    pub source: &'static str,
    /// `sha256:` digest of `source`, taken at build time (build.rs; a test holds it to the run-time one).
    pub digest: &'static str,
    /// The checked questionnaire as JSON, made by the test suite from `source`.
    pub baked: &'static str,
    /// Where the JSON lives in the repository.
    pub baked_path: &'static str,
}

impl BuiltIn {
    /// The questionnaire: from the JSON when it was made from this TOML, else from the TOML.
    pub fn questionnaire(&self) -> Questionnaire {
        if let Some(q) = self.from_baked() {
            return q;
        }
        match load(self.name, self.source) {
            Ok((q, _)) => q,
            Err(report) => panic!("the built-in questionnaire is invalid:\n{}", report.short()),
        }
    }

    /// The JSON's questionnaire, if it parses and was made from exactly this TOML.
    pub fn from_baked(&self) -> Option<Questionnaire> {
        let q: Questionnaire = serde_json::from_str(self.baked).ok()?;
        (q.digest == self.digest).then_some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DEFAULT, V1, V2};

    /// Remakes the JSON with `SYSKIND_BAKE=1`; otherwise fails when it is not what the TOML gives.
    #[test]
    fn baked_questionnaires_are_what_their_toml_gives() {
        for b in [DEFAULT, V2, V1] {
            let (q, warnings) = super::load(b.name, b.source).unwrap_or_else(|r| panic!("{}", r.short()));
            assert!(warnings.diagnostics.is_empty(), "{}: a built-in has no warnings (the JSON skips them)", b.name);
            let json = serde_json::to_string(&q).unwrap() + "\n";
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(b.baked_path);
            if std::env::var_os("SYSKIND_BAKE").is_some() {
                std::fs::write(&path, &json).unwrap();
                continue;
            }
            assert!(
                json == b.baked,
                "{} is stale: remake it with `SYSKIND_BAKE=1 cargo test --lib baked`",
                b.baked_path
            );
            assert_eq!(b.from_baked().as_ref(), Some(&q), "{} reads back as what was written", b.baked_path);
        }
    }

    #[test]
    fn build_time_digests_are_the_run_time_ones() {
        for b in [DEFAULT, V2, V1] {
            assert_eq!(b.digest, crate::core::digest::sha256_digest(b.source), "{}", b.name);
        }
    }

    #[test]
    fn a_baked_file_from_other_toml_is_not_used() {
        let mut other = DEFAULT;
        other.source = super::super::V1_SOURCE;
        other.digest = V1.digest;
        other.name = super::super::V1_NAME;
        assert_eq!(other.from_baked(), None, "the JSON of 2.0.0 is not taken for 1.0.0's TOML");
        assert_eq!(other.questionnaire().version, "1.0.0", "the TOML is read instead");
    }
}
