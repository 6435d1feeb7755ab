//! Smoke versions of the cargo-fuzz targets (fuzz/): the same entry points on random and mutated
//! inputs, so the test suite catches what the fuzzers would, only less deeply.

use proptest::prelude::*;
use syskind::fuzzing;

/// Seed files with random bytes spliced in, like a mutating fuzzer's first steps.
fn mutated(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    (0..seed.len().max(1), prop::collection::vec(any::<u8>(), 0..24), 0..64usize).prop_map(move |(at, junk, cut)| {
        let mut v = seed.as_bytes().to_vec();
        let at = at.min(v.len());
        let end = (at + cut).min(v.len());
        v.splice(at..end, junk);
        v
    })
}

const QUESTIONNAIRE: &str = include_str!("../../questionnaires/system-kind.toml");
const ANSWERS: &str = include_str!("../../questionnaires/examples/checkout-page.toml");
const RECORD: &str = include_str!("../../fuzz/corpus/record/seed-checkout.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn questionnaire_never_panics(data in prop_oneof![mutated(QUESTIONNAIRE), prop::collection::vec(any::<u8>(), 0..512)]) {
        fuzzing::questionnaire(&data);
    }

    #[test]
    fn record_never_panics(data in prop_oneof![mutated(RECORD), prop::collection::vec(any::<u8>(), 0..512)]) {
        fuzzing::record(&data);
    }

    #[test]
    fn answers_never_panic(data in prop_oneof![mutated(ANSWERS), prop::collection::vec(any::<u8>(), 0..512)]) {
        fuzzing::answers(&data);
    }

    #[test]
    fn durations_round_trip(data in prop_oneof!["[0-9. ]{0,6}(ms|s|m|h|d|w|weeks|minutes)?( [0-9]{1,3}(s|m))?", ".{0,16}"]) {
        fuzzing::duration(data.as_bytes());
    }

    #[test]
    fn the_engine_takes_any_answers(data in prop::collection::vec(any::<u8>(), 0..32)) {
        fuzzing::engine(&data);
    }
}

const SYSTEM: &str = include_str!("../../fuzz/corpus/system/seed-webshop.toml");
const SESSION: &str = include_str!("../../fuzz/corpus/session/seed-session.toml");
const LENS: &str = include_str!("../../fuzz/corpus/lens/seed-operational-readiness.json");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn system_files_never_panic(data in mutated(SYSTEM)) {
        fuzzing::system(&data);
    }

    #[test]
    fn session_files_never_panic(data in mutated(SESSION)) {
        fuzzing::session(&data);
    }

    #[test]
    fn lenses_never_panic(data in prop_oneof![mutated(LENS), prop::collection::vec(any::<u8>(), 0..512)]) {
        fuzzing::lens(&data);
    }
}

#[test]
fn the_session_regression_seed_does_not_panic() {
    fuzzing::session(include_bytes!("../../fuzz/corpus/session/seed-regression-updated-not-a-time.toml"));
}

/// Found by the lens fuzzer: a JSON error inside a multi-byte character used to panic the report.
#[test]
fn the_lens_crash_seed_does_not_panic() {
    fuzzing::lens(include_bytes!("../../fuzz/corpus/lens/seed-regression-error-inside-a-character.json"));
}
