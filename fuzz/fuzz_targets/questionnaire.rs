#![no_main]
//! Fuzz target: questionnaire (see syskind::fuzzing::questionnaire).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::questionnaire(data));
