#![no_main]
//! Fuzz target: record (see syskind::fuzzing::record).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::record(data));
