#![no_main]
//! Fuzz target: engine (see syskind::fuzzing::engine).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::engine(data));
