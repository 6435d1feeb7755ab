//! Well-Architected custom lenses: a questionnaire exported as a lens ([`export`]), and any lens
//! imported as a questionnaire ([`import`]) whose verdict is the WA risk review. Pure: text in, text
//! out. What maps to what, and what is approximated: docs/lenses.md.

pub mod export;
pub mod expr;
pub mod import;
pub mod model;
pub mod review;

pub use export::{Export, choice_ids, export};
pub use import::{import, read_lens};
pub use model::Lens;
pub use review::{QuestionCounts, question_counts};
