//! File I/O at the edge: size-limited reads, atomic writes ([`files`]) and the ADR folder ([`adr`]).

pub mod adr;
pub mod adr_write;
pub mod catalogue;
pub mod files;
pub mod session;
pub mod system;
pub mod who;

pub use files::{StoreError, read_text, write_atomic};

use std::path::{Path, PathBuf};

/// The repository root: the nearest folder at or above `start` holding `.git`, else `start`.
pub fn repo_root(start: &Path) -> PathBuf {
    start.ancestors().find(|p| p.join(".git").exists()).unwrap_or(start).to_path_buf()
}

/// System files (TOML files with a `[system]` table) at most four folders below `root`, skipping
/// `target`, `node_modules` and hidden folders, sorted — for the wizard's start to offer them.
pub fn find_systems(root: &Path) -> Vec<PathBuf> {
    let walk =
        walkdir::WalkDir::new(root).max_depth(4).follow_links(false).sort_by_file_name().into_iter().filter_entry(
            |e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0
                    || !(e.file_type().is_dir()
                        && (name == "target" || name == "node_modules" || name.starts_with('.')))
            },
        );
    // Bounded, so a huge repository cannot delay the wizard's first frame.
    walk.filter_map(Result::ok)
        .take(20_000)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .filter(|e| {
            use std::io::Read;
            // One read of the head (a String grown from empty reads it 32 bytes at a time).
            let mut head = Vec::with_capacity(8192);
            let _ = std::fs::File::open(e.path()).map(|f| f.take(8192).read_to_end(&mut head));
            String::from_utf8_lossy(&head).lines().any(|l| l.trim() == "[system]")
        })
        .map(|e| e.into_path())
        .collect()
}
