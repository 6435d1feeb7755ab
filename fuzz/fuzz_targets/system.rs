#![no_main]
//! Fuzz target: system (see syskind::fuzzing::system).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::system(data));
