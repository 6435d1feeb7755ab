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

/// Reads a text file, refusing files over [`MAX_FILE_BYTES`] and non-UTF-8 content.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    let meta = fs::metadata(path).map_err(|e| explain(path, &e, "read the file"))?;
    if meta.is_dir() {
        return Err(StoreError {
            path: path.to_path_buf(),
            message: "is a folder, not a file; give the path of a .toml file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(StoreError {
            path: path.to_path_buf(),
            message: format!("is {} bytes; files over {MAX_FILE_BYTES} bytes are refused", meta.len()),
        });
    }
    let bytes = fs::read(path).map_err(|e| explain(path, &e, "read the file"))?;
    String::from_utf8(bytes).map_err(|e| StoreError {
        path: path.to_path_buf(),
        message: format!(
            "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Writes `text` to `path` atomically. With `overwrite` false an existing file is an error, checked
/// again at the final step so two writers cannot both win.
pub fn write_atomic(path: &Path, text: &str, overwrite: bool) -> Result<(), StoreError> {
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
    let mut tmp = tempfile::Builder::new()
        .prefix(".syskind-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| explain(&dir, &e, "create a temporary file in the folder"))?;
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
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), "x", true).unwrap_err().message.contains("folder"));
        assert!(read_text(dir.path()).unwrap_err().message.contains("folder"));
    }
}
