//! Tests that drive the real binary in a pseudo-terminal (tmux): the wizard, the system screen, the
//! line mode and the pair review, end to end. Kept apart so their waits never share the cores with
//! the 10,000-case properties.

#[path = "../common/mod.rs"]
mod common;

mod e2e_system;
mod e2e_wizard;
mod lens;
mod pair;
mod plain;
