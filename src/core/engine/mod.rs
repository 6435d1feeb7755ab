//! The classification engine: a pure, deterministic function from (questionnaire, answers) to a verdict.
//! The algorithm is described in `docs/classification.md`.

pub mod evaluate;
mod fill;
pub mod review;
pub mod verdict;
pub mod whatif;

pub use evaluate::{Decided, Eval, evaluate};
pub use fill::fill;
pub use review::{Conflict, Finding, practices};
pub use verdict::{ClassScore, Reason, ReasonKind, Verdict, classify, classify_live, classify_quick, classify_with};
pub use whatif::Change;

#[cfg(test)]
mod tests;
