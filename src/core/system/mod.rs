//! Systems of parts: a system file names the parts of a system (each a decision record or inline
//! answers) and the calls between them; the checks find the dangerous shapes (a part waiting
//! synchronously on a less stringent one, synchronous cycles, …). Pure: file reads are injected.
//! Format: `docs/system-format.md`.

pub mod checks;
pub mod chunked;
pub mod edit;
pub mod load;
pub mod map;
pub mod model;
pub mod raw;

pub use checks::check;
pub use load::{parse_system, resolve};
pub use model::{Call, Mode, Part, PartSource, System};
