//! File I/O at the edge: size-limited reads, atomic writes ([`files`]) and the ADR folder ([`adr`]).

pub mod adr;
pub mod adr_write;
pub mod files;
pub mod session;

pub use files::{StoreError, read_text, write_atomic};

use std::path::{Path, PathBuf};

/// The repository root: the nearest folder at or above `start` holding `.git`, else `start`.
pub fn repo_root(start: &Path) -> PathBuf {
    start.ancestors().find(|p| p.join(".git").exists()).unwrap_or(start).to_path_buf()
}
