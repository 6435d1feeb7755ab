#![no_main]
//! Fuzz target: answers (see syskind::fuzzing::answers).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::answers(data));
