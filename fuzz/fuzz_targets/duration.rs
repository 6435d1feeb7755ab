#![no_main]
//! Fuzz target: duration (see syskind::fuzzing::duration).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::duration(data));
