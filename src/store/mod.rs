//! File I/O at the edge: size-limited reads, atomic writes ([`files`]) and the ADR folder ([`adr`]).

pub mod adr;
pub mod adr_write;
pub mod files;
pub mod session;

pub use files::{StoreError, read_text, write_atomic};
