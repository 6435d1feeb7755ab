//! Reading files with size limits, and atomic writes that never leave a
//! half-written file behind (temp file in the same folder, fsync, rename).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::questionnaire::MAX_FILE_BYTES;

/// An I/O failure with the path and a hint on what to do.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct StoreError {
    /// The file involved.
    pub path: PathBuf,
    /// What went wrong and how to fix it.
    pub message: String,
}

fn explain(path: &Path, e: &io::Error, doing: &str) -> StoreError {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the path".to_string(),
        io::ErrorKind::PermissionDenied => {
            "the folder or file is not writable by you; choose another path or fix its permissions".to_string()
        }
        io::ErrorKind::AlreadyExists => {
            "the file exists; pass --force to overwrite it or choose another path".to_string()
        }
        io::ErrorKind::IsADirectory => "that path is a folder; give a file name".to_string(),
        io::ErrorKind::StorageFull => "the disk is full; free space or write elsewhere".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only; choose another path".to_string(),
        _ => "check the path and try again".to_string(),
    };
    StoreError { path: path.to_path_buf(), message: format!("cannot {doing}: {e}; {hint}") }
}

/// How long a pipe (a FIFO, or standard input) may stay silent before reading it is given up.
pub const PIPE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

fn too_big(path: &Path, max: usize) -> StoreError {
    StoreError {
        path: path.to_path_buf(),
        message: format!("is over {max} bytes; files over {max} bytes are refused (is it the right file?)"),
    }
}

/// Reads at most the size limit (plus one byte, to tell a file at the limit from one over it), so no
/// source — `/dev/zero`, an endless pipe — can exhaust memory.
fn read_bounded(r: impl io::Read, path: &Path, max: usize, size_hint: usize) -> Result<Vec<u8>, StoreError> {
    use io::Read;
    // The file's size as the room to read into (one more byte to see the end): growing by
    // doubling would hold up to twice a large file.
    let mut bytes = Vec::with_capacity(size_hint.min(max).saturating_add(1));
    r.take(max as u64 + 1).read_to_end(&mut bytes).map_err(|e| explain(path, &e, "read the file"))?;
    if bytes.len() > max {
        return Err(too_big(path, max));
    }
    Ok(bytes)
}

/// Reads a pipe in a helper thread, so a writer that never writes cannot hang us forever.
fn read_pipe(file: impl io::Read + Send + 'static, path: &Path, max: usize) -> Result<Vec<u8>, StoreError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(read_bounded(file, &p, max, 0));
    });
    rx.recv_timeout(PIPE_WAIT).unwrap_or_else(|_| {
        Err(StoreError {
            path: path.to_path_buf(),
            message: format!(
                "is a pipe that sent nothing to the end within {} s; give a file, or write to the pipe and close it",
                PIPE_WAIT.as_secs()
            ),
        })
    })
}

/// Reads a text file, refusing files over [`MAX_FILE_BYTES`] and non-UTF-8 content. `-` is standard
/// input; pipes and devices are read with a bound too, and a FIFO without a writer never hangs.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    read_text_up_to(path, MAX_FILE_BYTES)
}

/// [`read_text`] with a limit of its own (system files, which list every part and call, may be larger).
pub fn read_text_up_to(path: &Path, max: usize) -> Result<String, StoreError> {
    let bytes = if path.as_os_str() == "-" {
        read_pipe(io::stdin(), path, max)?
    } else {
        let meta = fs::metadata(path).map_err(|e| explain(path, &e, "read the file"))?;
        if meta.is_dir() {
            return Err(StoreError {
                path: path.to_path_buf(),
                message: "is a folder, not a file; give the path of a .toml file".into(),
            });
        }
        if meta.len() > max as u64 {
            return Err(too_big(path, max));
        }
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        if meta.file_type().is_fifo() {
            // Opening a FIFO blocks until a writer appears; O_NONBLOCK opens at once, then the read
            // waits (bounded) for the writer to finish.
            let f = fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(path)
                .map_err(|e| explain(path, &e, "read the file"))?;
            // Back to blocking reads: with no writer the read sees the end at once.
            // SAFETY: fcntl on a descriptor this function owns, with valid flag arguments.
            unsafe {
                use std::os::fd::AsRawFd;
                let fd = f.as_raw_fd();
                let flags = libc::fcntl(fd, libc::F_GETFL);
                if flags >= 0 {
                    libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
                }
            }
            read_pipe(f, path, max)?
        } else {
            let f = fs::File::open(path).map_err(|e| explain(path, &e, "read the file"))?;
            let size = f.metadata().map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
            read_bounded(f, path, max, size)?
        }
    };
    String::from_utf8(bytes).map_err(|e| StoreError {
        path: path.to_path_buf(),
        message: format!(
            "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// How old a `.syskind-*.tmp` file must be before a write to its folder removes it: no write of a
/// text file takes this long, so an older one was left by a killed run.
pub const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(120);

/// Removes the temporary files a killed syskind left in `dir` (`.syskind-*.tmp` older than
/// [`STALE_TEMPORARY`]); a concurrent writer's fresh one is left alone. Best effort: a file that
/// cannot be removed stays.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".syskind-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE_TEMPORARY);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The process's umask (from /proc; 022 where it cannot be read). Reading it with umask(2) would set
/// it too, racing with other threads.
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:").map(|v| v.trim().to_string())))
        .and_then(|v| u32::from_str_radix(&v, 8).ok())
        .unwrap_or(0o022)
}

/// The mode a new file gets under this process's umask (0644 under 022).
pub fn new_file_mode() -> u32 {
    0o666 & !umask()
}

/// Writes `text` to `path` atomically with the mode a new file gets from the umask (0644 under 022),
/// or the mode the file already has. With `overwrite` false an existing file is an error, checked
/// again at the final step so two writers cannot both win.
pub fn write_atomic(path: &Path, text: &str, overwrite: bool) -> Result<(), StoreError> {
    write_with_mode(path, text, overwrite, false)
}

/// [`write_atomic`] for private files (autosaved sessions): owner-only, 0600.
pub fn write_private(path: &Path, text: &str, overwrite: bool) -> Result<(), StoreError> {
    write_with_mode(path, text, overwrite, true)
}

fn write_with_mode(path: &Path, text: &str, overwrite: bool, private: bool) -> Result<(), StoreError> {
    // A symbolic link is written through, never replaced by a file: the rename goes to its target.
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = fs::canonicalize(path).map_err(|e| StoreError {
                path: path.to_path_buf(),
                message: format!("is a symbolic link whose target cannot be reached ({e}); fix or remove the link"),
            })?;
            resolved.as_path()
        }
        _ => path,
    };
    if path.is_dir() {
        return Err(StoreError { path: path.to_path_buf(), message: "is a folder; give a file name inside it".into() });
    }
    if !overwrite && path.exists() {
        return Err(explain(path, &io::Error::from(io::ErrorKind::AlreadyExists), "write"));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| explain(&dir, &e, "create the folder"))?;
    remove_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".syskind-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| explain(&dir, &e, "create a temporary file in the folder"))?;
    // The temporary file is 0600; give the result the mode a file written in place would have.
    let mode = if private {
        0o600
    } else {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o666 & !umask())
    };
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(|e| explain(path, &e, "write"))?;
    }
    tmp.write_all(text.as_bytes()).and_then(|_| tmp.as_file().sync_all()).map_err(|e| explain(path, &e, "write"))?;
    if overwrite {
        tmp.persist(path).map_err(|e| explain(path, &e.error, "write"))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| explain(path, &e.error, "write"))?;
    }
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/r.toml");
        write_atomic(&p, "a", false).unwrap();
        let err = write_atomic(&p, "b", false).unwrap_err();
        assert!(err.message.contains("--force"), "{err}");
        write_atomic(&p, "c", true).unwrap();
        assert_eq!(read_text(&p).unwrap(), "c");
        let leftovers: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp files left behind");
    }

    #[test]
    fn new_files_get_the_umask_mode_and_existing_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.toml");
        write_atomic(&p, "a", false).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o666 & !umask());
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, "b", true).unwrap();
        assert_eq!(mode(&p), 0o640, "an existing file keeps its mode");
        let s = dir.path().join("s.toml");
        write_private(&s, "x", true).unwrap();
        assert_eq!(mode(&s), 0o600);
    }

    #[test]
    fn endless_and_silent_sources_are_bounded() {
        let err = read_text(Path::new("/dev/zero")).unwrap_err();
        assert!(err.message.contains("over"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // No writer: it reads as empty at once instead of hanging.
        assert_eq!(read_text(&fifo).unwrap(), "");
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), "x", true).unwrap_err().message.contains("folder"));
        assert!(read_text(dir.path()).unwrap_err().message.contains("folder"));
    }
}
