//! The ADR folder on disk, found and numbered the way adr-tools does it, written so that two writers
//! can never take the same number silently.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::files::StoreError;

/// Folders looked for, in order, at each level from the current folder up (after `.adr-dir`).
pub const CONVENTIONAL: [&str; 3] = ["doc/adr", "docs/adr", "docs/decisions"];

fn err(path: &Path, message: impl Into<String>) -> StoreError {
    StoreError { path: path.to_path_buf(), message: message.into() }
}

/// Finds the ADR folder from `start` upward: a `.adr-dir` file (naming the folder, relative to where
/// the file is), else an existing `doc/adr`, `docs/adr` or `docs/decisions`.
pub fn find_dir(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let marker = dir.join(".adr-dir");
        if marker.is_file() {
            return adr_dir_marker(&marker).map(|named| dir.join(named));
        }
        for c in CONVENTIONAL {
            let p = dir.join(c);
            if p.is_dir() {
                return Some(p);
            }
        }
    }
    None
}

/// The folder a `.adr-dir` names: its first line, read from at most 4 KiB (a huge or binary file is
/// not read whole). `None` for an empty name or one with control characters.
fn adr_dir_marker(marker: &Path) -> Option<String> {
    use std::io::Read;
    let mut buf = Vec::new();
    fs::File::open(marker).ok()?.take(4096).read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf);
    let line = text.lines().next().unwrap_or("").trim();
    (!line.is_empty() && !line.chars().any(char::is_control)).then(|| line.to_string())
}

/// ADR files in `dir` (`NNNN-*.md`), with their numbers, ascending.
pub fn list(dir: &Path) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(u32, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
            let n = digits.parse::<u32>().ok()?;
            (name[digits.len()..].starts_with('-') && name.ends_with(".md")).then(|| (n, e.path()))
        })
        .collect();
    out.sort();
    out
}

/// The highest leading number of any file in the folder, plus one (adr-tools counts every file; the
/// wizard numbers `decisions/NNNN-*.toml` the same way). `None` when the highest is already the
/// largest number there is: numbers never wrap to 0.
pub fn next_number(dir: &Path) -> Option<u32> {
    let Ok(entries) = fs::read_dir(dir) else { return Some(1) };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .map_or(Some(1), |n| n.checked_add(1))
}

/// The error for a folder whose numbers are used up.
pub fn numbers_used_up(dir: &Path) -> StoreError {
    err(
        dir,
        format!(
            "a file here is numbered {}, the largest number there is, so there is no next ADR number; renumber or move that file",
            u32::MAX
        ),
    )
}

/// An advisory lock on an ADR folder, held while the value lives: numbering a new ADR and editing
/// existing ones (links, superseding) happen under it, so concurrent syskind writers never lose each
/// other's edits. (adr-tools does not lock; its writes can still race with ours.)
#[derive(Debug)]
pub struct FolderLock(fs::File);

impl FolderLock {
    /// Waits for and takes the folder's lock (creating the folder first).
    pub fn take(dir: &Path) -> Result<FolderLock, StoreError> {
        ensure_dir(dir)?;
        let f = fs::File::open(dir).map_err(|e| err(dir, format!("cannot open the ADR folder: {e}")))?;
        f.lock().map_err(|e| err(dir, format!("cannot lock the ADR folder: {e}")))?;
        Ok(FolderLock(f))
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// The ADR file with number `n`.
pub fn by_number(dir: &Path, n: u32) -> Option<PathBuf> {
    list(dir).into_iter().find(|(m, _)| *m == n).map(|(_, p)| p)
}

/// Checks that `dir` can hold ADRs: not a file, and creatable.
pub fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.exists() && !dir.is_dir() {
        return Err(err(dir, "is a file, not a folder; point --dir (or .adr-dir) at a folder"));
    }
    fs::create_dir_all(dir).map_err(|e| err(dir, format!("cannot create the ADR folder: {e}")))
}

/// Writes a new ADR under the next free number. The folder is locked while the number is chosen and
/// the file created (create-new), so concurrent syskind writers get distinct numbers; `render` makes
/// the text for a number and `name` the file name.
pub fn write_new(
    dir: &Path,
    name: impl Fn(u32) -> String,
    render: impl Fn(u32) -> Result<String, String>,
) -> Result<(u32, PathBuf), StoreError> {
    let lock = FolderLock::take(dir)?;
    write_new_locked(&lock, dir, name, render)
}

/// [`write_new`] for a caller that already holds the folder's lock.
pub fn write_new_locked(
    _lock: &FolderLock,
    dir: &Path,
    name: impl Fn(u32) -> String,
    render: impl Fn(u32) -> Result<String, String>,
) -> Result<(u32, PathBuf), StoreError> {
    super::files::remove_stale_temporaries(dir);
    // Another tool (adr-tools) does not lock: if the name is taken meanwhile, take the next number.
    for _ in 0..100 {
        let n = next_number(dir).ok_or_else(|| numbers_used_up(dir))?;
        let text = render(n).map_err(|m| err(dir, m))?;
        let path = dir.join(name(n));
        let mut tmp = tempfile::Builder::new()
            .prefix(".syskind-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| err(dir, format!("cannot write in the ADR folder: {e}; check its permissions")))?;
        {
            use std::os::unix::fs::PermissionsExt;
            // A new ADR gets the mode any new file gets (0644 under umask 022), not the temp file's 0600.
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(super::files::new_file_mode()))
                .map_err(|e| err(&path, format!("cannot write: {e}")))?;
        }
        tmp.write_all(text.as_bytes())
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| err(&path, format!("cannot write: {e}")))?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok((n, path)),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(err(&path, format!("cannot write: {}", e.error))),
        }
    }
    Err(err(dir, "could not find a free ADR number after 100 tries"))
}

/// `adr init`: creates the folder, writes `.adr-dir` when it is not the default `doc/adr`, and the
/// first ADR, "Record architecture decisions", exactly as adr-tools does.
pub fn init(root: &Path, dir: Option<&Path>, date: &str) -> Result<PathBuf, StoreError> {
    let rel = dir.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("doc/adr"));
    let full = root.join(&rel);
    if full.is_dir() && !list(&full).is_empty() {
        return Err(err(&full, "already holds ADRs; nothing to initialise"));
    }
    ensure_dir(&full)?;
    if dir.is_some() {
        super::files::write_atomic(&root.join(".adr-dir"), &format!("{}\n", rel.display()), true)?;
    }
    let (_, path) =
        write_new(&full, |n| format!("{n:04}-record-architecture-decisions.md"), |n| Ok(init_text(n, date)))?;
    Ok(path)
}

/// The text adr-tools' `init.md` template produces.
pub fn init_text(n: u32, date: &str) -> String {
    format!(
        "# {n}. Record architecture decisions\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\n\
We need to record the architectural decisions made on this project.\n\n## Decision\n\n\
We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).\n\n\
## Consequences\n\nSee Michael Nygard's article, linked above. For a lightweight ADR toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_folder_like_adr_tools() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b");
        fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_dir(&deep), None);
        fs::create_dir_all(root.path().join("docs/decisions")).unwrap();
        assert_eq!(find_dir(&deep), Some(root.path().join("docs/decisions")));
        fs::write(root.path().join("a/.adr-dir"), "arch/adr\n").unwrap();
        assert_eq!(find_dir(&deep), Some(root.path().join("a/arch/adr")));
    }

    #[test]
    fn numbers_follow_the_highest_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(next_number(dir.path()), Some(1));
        fs::write(dir.path().join("0007-x.md"), "").unwrap();
        fs::write(dir.path().join("0002-y.md"), "").unwrap();
        fs::write(dir.path().join("README.md"), "").unwrap();
        assert_eq!(next_number(dir.path()), Some(8));
        assert_eq!(list(dir.path()).len(), 2);
        assert_eq!(by_number(dir.path(), 7), Some(dir.path().join("0007-x.md")));
    }

    #[test]
    fn concurrent_writers_get_distinct_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let d = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    write_new(&d, |n| format!("{n:04}-writer-{i}.md"), |n| Ok(format!("# {n}. Writer {i}\n")))
                        .unwrap()
                        .0
                })
            })
            .collect();
        let mut numbers: Vec<u32> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        numbers.sort();
        assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    }

    #[test]
    fn a_file_is_not_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("adr");
        fs::write(&f, "").unwrap();
        assert!(ensure_dir(&f).unwrap_err().message.contains("is a file"));
    }
}
