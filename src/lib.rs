//! syskind: tells which kind of distributed system you are building — hard real-time, soft real-time
//! or offline, as AWS Well-Architected REL04-BP01 defines them — and records the decision.
//!
//! Layout: [`core`] is pure (no terminal, no I/O); [`store`] does file I/O at the edge; the faces —
//! [`cli`] (headless), [`plain`] (line mode) and [`tui`] (full screen) — never import one another; what
//! they share lives outside them: [`report`] (text for people) and [`failure`] (errors and exit codes).
//! [`app`] is the composition root: the one module that imports the faces, chooses one and starts it.

pub mod app;
pub mod cli;
pub mod core;
pub mod effect;
pub mod failure;
#[doc(hidden)]
pub mod fuzzing;
pub mod plain;
pub mod report;
pub mod store;
pub mod term;
pub mod tui;
