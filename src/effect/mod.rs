//! Work a face asks for and cannot do itself — files, the editor, handing over to another screen —
//! as data: one [`Effect`] type for the wizard, the pair review, the system screen and the line mode,
//! and one runner ([`run`]) that does it and says how it went ([`Outcome`]). A face's `update` stays
//! pure: it returns an effect; its loop runs it and feeds the outcome back as a message.

mod model;
mod run;

pub use model::{AdrAsk, Effect, Handoff, Outcome, TextTarget};
pub use run::{Env, run};
