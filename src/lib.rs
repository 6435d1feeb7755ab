//! syskind: tells which kind of distributed system you are building — hard real-time, soft real-time
//! or offline, as AWS Well-Architected REL04-BP01 defines them — and records the decision.
//!
//! Layout: [`core`] is pure (no terminal, no I/O); [`store`] does file I/O at the edge; [`cli`] is the
//! headless face.

pub mod cli;
pub mod core;
#[doc(hidden)]
pub mod fuzzing;
pub mod plain;
pub mod store;
pub mod term;
pub mod tui;
