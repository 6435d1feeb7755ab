//! The built-in questionnaires, checked ahead of time.
//!
//! Parsing and checking the TOML of the built-in questionnaire took most of the wizard's start
//! (0.6 ms of TOML for a 35 KB file, against a 2 ms bare ratatui start). The test suite loads each
//! built-in from its TOML, with every check, and keeps the result beside it in postcard's binary
//! form (`questionnaires/baked/`); the binary embeds both and reads the postcard (JSON, used before,
//! took twice as long: ~110 µs against ~55 µs at the first frame, docs/performance.md). The baked
//! form is used only when it was made from exactly the embedded TOML (its digest matches) and is read
//! to its last byte, so a stale file can slow a start but never change a verdict; the test fails until
//! it is remade with `SYSKIND_BAKE=1 cargo test --lib baked`.

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
    /// The checked questionnaire in postcard's binary form, made by the test suite from `source`.
    pub baked: &'static [u8],
    /// Where the baked form lives in the repository.
    pub baked_path: &'static str,
}

impl BuiltIn {
    /// The questionnaire: from the baked form when it was made from this TOML, else from the TOML.
    pub fn questionnaire(&self) -> Questionnaire {
        if let Some(q) = self.from_baked() {
            return q;
        }
        match load(self.name, self.source) {
            Ok((q, _)) => q,
            Err(report) => panic!("the built-in questionnaire is invalid:\n{}", report.short()),
        }
    }

    /// The baked questionnaire, if it reads to its last byte and was made from exactly this TOML.
    pub fn from_baked(&self) -> Option<Questionnaire> {
        // Every byte read: a file baked from another shape of the model fails here, not later.
        let (q, rest) = postcard::take_from_bytes::<Questionnaire>(self.baked).ok()?;
        (rest.is_empty() && q.digest == self.digest).then_some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DEFAULT, V1, V2};

    /// Remakes the baked files with `SYSKIND_BAKE=1`; otherwise fails when one is not what its TOML gives.
    #[test]
    fn baked_questionnaires_are_what_their_toml_gives() {
        for b in [DEFAULT, V2, V1] {
            let (q, warnings) = super::load(b.name, b.source).unwrap_or_else(|r| panic!("{}", r.short()));
            assert!(
                warnings.diagnostics.is_empty(),
                "{}: a built-in has no warnings (the baked form skips them)",
                b.name
            );
            let bytes = postcard::to_allocvec(&q).unwrap();
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(b.baked_path);
            if std::env::var_os("SYSKIND_BAKE").is_some() {
                std::fs::write(&path, &bytes).unwrap();
                continue;
            }
            assert!(
                bytes == b.baked,
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
        assert_eq!(other.from_baked(), None, "the baked 2.0.0 is not taken for 1.0.0's TOML");
        assert_eq!(other.questionnaire().version, "1.0.0", "the TOML is read instead");
    }

    /// The built-in questionnaire's text is read in place from the binary, not copied (decision 60):
    /// questions, choices, classes and rules borrow it; practices are copied (records read them too).
    #[test]
    fn the_built_in_text_is_borrowed_from_the_binary() {
        use std::borrow::Cow;
        let q = super::super::DEFAULT.from_baked().expect("the baked default reads");
        let borrowed = |c: &Cow<'static, str>| matches!(c, Cow::Borrowed(_));
        assert!(borrowed(&q.title) && borrowed(&q.id));
        assert!(q.questions.iter().all(|x| borrowed(&x.prompt) && x.choices.iter().all(|c| borrowed(&c.label))));
        assert!(q.classes.iter().all(|c| borrowed(&c.label) && borrowed(&c.description)));
        assert!(q.rules.iter().all(|r| borrowed(&r.reason)));
    }

    #[test]
    fn a_cut_or_lengthened_baked_file_is_not_used() {
        let whole = DEFAULT.baked;
        let longer: Vec<u8> = whole.iter().copied().chain([0]).collect();
        for (what, bytes) in [("cut short", &whole[..whole.len() - 1]), ("one byte longer", &longer[..])] {
            let b = super::BuiltIn { baked: Box::leak(bytes.to_vec().into_boxed_slice()), ..DEFAULT };
            assert_eq!(b.from_baked(), None, "a baked file {what} is not used");
            assert_eq!(b.questionnaire(), DEFAULT.questionnaire(), "the TOML gives the same questionnaire");
        }
    }

    #[test]
    fn text_formats_leave_out_a_missing_source_and_the_baked_form_keeps_every_field() {
        let q = DEFAULT.questionnaire();
        let mut p = q.classes.iter().flat_map(|c| &c.practices).next().expect("a practice").clone();
        (p.source, p.see_also) = (None, None);
        let json = serde_json::to_value(&p).unwrap();
        assert!(json.get("source").is_none() && json.get("see_also").is_none(), "{json}");
        assert!(toml::to_string(&p).unwrap().contains("why = "), "TOML still has the other fields");
        for source in [None, Some("https://docs.aws.amazon.com/".to_string())] {
            (p.source, p.see_also) = (source.clone().map(Into::into), source.map(|s| (s + "x").into()));
            let back: super::super::Practice = postcard::from_bytes(&postcard::to_allocvec(&p).unwrap()).unwrap();
            assert_eq!(back, p, "postcard reads back what it wrote");
        }
    }
}
