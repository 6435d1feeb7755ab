#![no_main]
//! Fuzz target: session (see syskind::fuzzing::session).
libfuzzer_sys::fuzz_target!(|data: &[u8]| syskind::fuzzing::session(data));
