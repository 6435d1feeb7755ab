//! Everything but the terminal and the real ADR tools: the core, the CLI, every screen's snapshots, files,
//! properties, the judgement set and the house rules, in one binary (as ripgrep gathers its tests).

mod adr;
mod adr_layouts;
mod architecture;
mod bad_inputs;
mod cli;
mod docs;
mod engine_props;
mod files;
mod fuzz_smoke;
mod honest;
mod judgement;
mod lens;
mod record;
mod startup;
mod system;
mod system_screen;
mod tui;
mod wa_practices;
