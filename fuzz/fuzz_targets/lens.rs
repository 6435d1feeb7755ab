#![no_main]
//! Fuzz target: lens (see syskind::fuzzing::lens).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::lens(data));
