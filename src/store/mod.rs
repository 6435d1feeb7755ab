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
///
/// The wizard's start asks it four times for the same folder (its sessions, the decisions folder,
/// git's user name, the systems offer), each a walk to the root with a `stat` per level, so the
/// last answer is kept for the folder it was given.
pub fn repo_root(start: &Path) -> PathBuf {
    static LAST: std::sync::Mutex<Option<(PathBuf, PathBuf)>> = std::sync::Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((asked, root)) = last.as_ref()
        && asked == start
    {
        return root.clone();
    }
    let root = start.ancestors().find(|p| p.join(".git").exists()).unwrap_or(start).to_path_buf();
    *last = Some((start.to_path_buf(), root.clone()));
    root
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

#[cfg(test)]
mod tests {
    use super::repo_root;

    /// The answer kept is the one for the folder asked: another folder is walked afresh.
    #[test]
    fn each_folder_gets_its_own_repository_root() {
        let base = tempfile::tempdir().unwrap();
        let repo = base.path().join("repo");
        let inside = repo.join("a/b");
        let outside = base.path().join("elsewhere");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(&inside).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        for _ in 0..2 {
            assert_eq!(repo_root(&inside), repo);
            assert_eq!(repo_root(&inside), repo, "asked again");
            assert_eq!(repo_root(&outside), outside, "no repository above: the folder itself");
            assert_eq!(repo_root(&repo), repo);
        }
    }
}
