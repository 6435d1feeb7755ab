//! The pure core: no terminal, no files. Questionnaire → answers → verdict → record → ADR.

pub mod adr;
pub mod answers;
pub mod answers_file;
pub mod diagnostics;
pub mod diff;
pub mod digest;
pub mod duration;
pub mod edit_error;
pub mod engine;
pub mod lens;
pub mod questionnaire;
pub mod record;
pub mod slug;
pub mod suggest;
pub mod system;
pub mod text;
pub mod wa;
