//! Sessions in progress, saved after every change to the user's state folder
//! (`$XDG_STATE_HOME/syskind/sessions/`, via the `directories` crate) with an atomic write — temp
//! file in the same folder, fsync, rename — so a crash, a killed SSH connection or `kill -9` loses at
//! most the change being typed and never leaves an unreadable file.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::files::{StoreError, read_text, write_private};
use crate::core::answers::Answers;
use crate::core::answers_file::{answers_tables, fill_tables, report_for};
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{Meta, Status};

/// The session format's version.
pub const SESSION_SCHEMA: i64 = 1;

/// One saved session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    /// Format version.
    pub schema: i64,
    /// Session id (also the file name).
    pub id: String,
    /// Questionnaire id.
    pub questionnaire: String,
    /// Questionnaire digest: answers are only offered back to the same questionnaire text.
    pub digest: String,
    /// When it started (UTC, RFC 3339).
    pub started: String,
    /// Last change (UTC, RFC 3339).
    pub updated: String,
    /// The question the person was on.
    #[serde(default)]
    pub position: String,
    /// Record title so far.
    #[serde(default)]
    pub title: String,
    /// Context so far.
    #[serde(default)]
    pub context: String,
    /// Deciders so far.
    #[serde(default)]
    pub deciders: Vec<String>,
    /// Status so far.
    #[serde(default)]
    pub status: Status,
    /// The record being revised, if the session came from `--resume`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revising: String,
    /// Answers so far.
    #[serde(default)]
    pub answers: toml::Table,
    /// Notes so far.
    #[serde(default)]
    pub notes: toml::Table,
    /// The repository the session was started in (its root), so a start offers the sessions of the
    /// repository it is in; empty in sessions saved before this was kept (offered anywhere).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub repo: String,
}

/// The repository root of the current folder, as sessions record it.
pub fn current_repo() -> String {
    std::env::current_dir().map(|d| super::repo_root(&d).display().to_string()).unwrap_or_default()
}

impl SessionFile {
    /// A session snapshot of answers and metadata.
    pub fn new(id: &str, started: &str, q: &Questionnaire, a: &Answers, meta: &Meta, position: usize) -> SessionFile {
        let (answers, notes) = answers_tables(q, a);
        SessionFile {
            schema: SESSION_SCHEMA,
            id: id.to_string(),
            questionnaire: q.id.to_string(),
            digest: q.digest.to_string(),
            started: started.to_string(),
            updated: now(),
            position: q.questions.get(position).map(|x| x.id.clone()).unwrap_or_default().to_string(),
            title: meta.title.clone(),
            context: meta.context.clone(),
            deciders: meta.deciders.clone(),
            status: meta.status,
            revising: String::new(),
            answers,
            notes,
            repo: current_repo(),
        }
    }

    /// Answers, metadata and position, read back against the questionnaire.
    pub fn restore(&self, q: &Questionnaire) -> Result<(Answers, Meta, usize), String> {
        if self.questionnaire != q.id {
            return Err(format!("session {} answers questionnaire `{}`, not `{}`", self.id, self.questionnaire, q.id));
        }
        let text = toml::to_string(self).unwrap_or_default();
        let mut report = report_for(&self.id, &text);
        let answers = fill_tables(q, &self.answers, &self.notes, &mut report);
        if report.has_errors() {
            return Err(report.short());
        }
        let meta = Meta {
            title: self.title.clone(),
            context: self.context.clone(),
            deciders: self.deciders.clone(),
            status: self.status,
            ..Meta::default()
        };
        Ok((answers, meta, q.question_index(&self.position).unwrap_or(0)))
    }

    /// Answered questions.
    pub fn answered(&self) -> usize {
        self.answers.len()
    }

    /// What the session is about, for people telling sessions apart: its title, else the interaction
    /// answered, else "(untitled)".
    pub fn about(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.trim().to_string();
        }
        match self.answers.get("interaction").and_then(toml::Value::as_str) {
            Some(i) if !i.trim().is_empty() => i.trim().to_string(),
            _ => "(untitled)".into(),
        }
    }

    /// When it last changed, as people read it (`2026-11-27 14:03 UTC`).
    pub fn last_change(&self) -> String {
        // Read as a time, never sliced as bytes: a hand-edited or corrupted `updated` must not panic.
        match time::OffsetDateTime::parse(&self.updated, &time::format_description::well_known::Rfc3339) {
            Ok(t) => {
                let t = t.to_offset(time::UtcOffset::UTC);
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02} UTC",
                    t.year(),
                    u8::from(t.month()),
                    t.day(),
                    t.hour(),
                    t.minute()
                )
            }
            Err(_) => format!("unknown ({})", crate::core::text::clip(&crate::core::text::safe(&self.updated), 40)),
        }
    }

    /// What is wrong with a session file that parsed as TOML, if anything: a session that names no
    /// time of change, or a time that is not one, is set aside rather than trusted.
    pub fn problem(&self) -> Option<String> {
        if time::OffsetDateTime::parse(&self.updated, &time::format_description::well_known::Rfc3339).is_err() {
            return Some(format!(
                "`updated` is not a time (RFC 3339 such as 2026-11-27T14:03:09Z): `{}`",
                crate::core::text::clip(&crate::core::text::safe(&self.updated), 40)
            ));
        }
        None
    }
}

/// Now, UTC, RFC 3339 to the second.
pub fn now() -> String {
    let t = time::OffsetDateTime::now_utc();
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// A fresh session id: questionnaire, UTC time and process id (unique enough for one person's folder).
pub fn new_id(q: &Questionnaire) -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{}-{:04}{:02}{:02}-{:02}{:02}{:02}-{}",
        crate::core::slug::slug(&q.id),
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        std::process::id()
    )
}

/// The sessions folder (`$XDG_STATE_HOME/syskind/sessions`, or the platform's equivalent).
pub fn dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "syskind")
        .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("syskind"))
        .join("sessions")
}

/// The path of session `id` in `dir`.
pub fn path_of(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{}.toml", crate::core::slug::slug(id)))
}

/// The lock that makes one process the only writer of a session: an advisory lock on
/// `<session>.lock` held for as long as the value lives (the OS releases it if the process dies).
#[derive(Debug)]
pub struct SessionLock {
    file: fs::File,
    path: PathBuf,
}

impl Drop for SessionLock {
    /// A clean end removes the lock file as well as the lock (a crash leaves the file, unlocked,
    /// and the next start takes it).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Why a session could not be locked.
#[derive(Debug, PartialEq, Eq)]
pub enum LockError {
    /// Another process has it open (its pid, when it wrote one).
    Busy(Option<u32>),
    /// The lock file could not be made (an unwritable folder, …).
    Io(String),
}

/// Takes the write lock of session `id` in `dir`, or says who holds it.
pub fn lock(dir: &Path, id: &str) -> Result<SessionLock, LockError> {
    fs::create_dir_all(dir).map_err(|e| LockError::Io(format!("{}: {e}", dir.display())))?;
    let path = dir.join(format!("{}.lock", crate::core::slug::slug(id)));
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| LockError::Io(format!("{}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => {
            use std::io::Write;
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            Ok(SessionLock { file, path })
        }
        Err(fs::TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&path).ok().and_then(|p| p.trim().parse().ok());
            Err(LockError::Busy(pid))
        }
        Err(fs::TryLockError::Error(e)) => Err(LockError::Io(format!("{}: {e}", path.display()))),
    }
}

/// The last session saved by this process, for the panic message.
pub static LAST_SAVED: Mutex<Option<(String, PathBuf)>> = Mutex::new(None);

/// Deletes a session's lock file (after the session itself is discarded).
pub fn discard_lock(dir: &Path, id: &str) {
    let _ = fs::remove_file(dir.join(format!("{}.lock", crate::core::slug::slug(id))));
}

/// Saves a session (atomically, replacing the previous save).
pub fn save(dir: &Path, s: &SessionFile) -> Result<PathBuf, StoreError> {
    let path = path_of(dir, &s.id);
    let text = toml::to_string_pretty(s).unwrap_or_default();
    write_private(&path, &text, true)?;
    if let Ok(mut last) = LAST_SAVED.lock() {
        *last = Some((s.id.clone(), path.clone()));
    }
    Ok(path)
}

/// Every readable session, newest first. A file that cannot be read as a session is set aside
/// (renamed to `<name>.toml.broken`, so it never blocks a start again) and listed with why.
pub fn list(dir: &Path) -> Vec<(PathBuf, Result<SessionFile, String>)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(PathBuf, Result<SessionFile, String>)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let parsed = read_text(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| toml::from_str::<SessionFile>(&t).map_err(|e| e.message().trim().to_string()))
                .and_then(|s| match s.problem() {
                    Some(why) => Err(why),
                    None => Ok(s),
                });
            match parsed {
                Ok(s) => (p, Ok(s)),
                Err(why) => set_aside(p, why),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let key =
            |x: &(PathBuf, Result<SessionFile, String>)| x.1.as_ref().map(|s| s.updated.clone()).unwrap_or_default();
        key(b).cmp(&key(a))
    });
    out
}

/// Renames a broken session file out of the way, saying where it went (or why it could not).
fn set_aside(p: PathBuf, why: String) -> (PathBuf, Result<SessionFile, String>) {
    let mut aside = p.clone().into_os_string();
    aside.push(".broken");
    let aside = PathBuf::from(aside);
    let why = crate::core::text::clip(&crate::core::text::safe(&why), 200);
    match fs::rename(&p, &aside) {
        Ok(()) => {
            let _ = fs::remove_file(p.with_extension("lock"));
            (aside, Err(format!("{why}; set aside, never offered again (delete it, or fix it and rename it back)")))
        }
        Err(e) => (p, Err(format!("{why}; could not set it aside: {e}"))),
    }
}

/// The newest unfinished session for this exact questionnaire text in repository `repo` (sessions
/// saved before the repository was recorded count as anywhere's).
pub fn latest_for(dir: &Path, q: &Questionnaire) -> Option<SessionFile> {
    unfinished_here(dir, q, &current_repo()).into_iter().next()
}

/// Every unfinished session for this questionnaire text started in repository `repo`, newest first.
pub fn unfinished_here(dir: &Path, q: &Questionnaire, repo: &str) -> Vec<SessionFile> {
    list(dir)
        .into_iter()
        .filter_map(|(_, s)| s.ok())
        .filter(|s| s.questionnaire == q.id && s.digest == q.digest && s.answered() > 0)
        .filter(|s| s.repo.is_empty() || s.repo == repo)
        .collect()
}

/// Finds a session by id (or unique id prefix).
pub fn find(dir: &Path, id: &str) -> Result<(PathBuf, SessionFile), String> {
    let matches: Vec<(PathBuf, SessionFile)> = list(dir)
        .into_iter()
        .filter_map(|(p, s)| s.ok().map(|s| (p, s)))
        .filter(|(_, s)| s.id.starts_with(id))
        .collect();
    let n = matches.len();
    let mut it = matches.into_iter();
    match (it.next(), n) {
        (Some(m), 1) => Ok(m),
        (None, _) => Err(format!("no session `{id}` in {}; `syskind sessions list` shows them", dir.display())),
        _ => Err(format!("`{id}` matches {n} sessions; give more of the id")),
    }
}

/// Deletes a session file (missing is fine: it is finished either way).
pub fn discard(path: &Path) -> Result<(), StoreError> {
    let _ = fs::remove_file(path.with_extension("lock"));
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError { path: path.to_path_buf(), message: format!("cannot delete: {e}") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Value;
    use crate::core::questionnaire::default_questionnaire;

    /// Issue 21.7: sessions belong to the repository they were started in; a clean end removes the
    /// lock file.
    #[test]
    fn sessions_are_offered_in_their_repository_and_locks_go_on_a_clean_end() {
        let dir = tempfile::tempdir().unwrap();
        let q = default_questionnaire();
        let mut a = Answers::empty(&q);
        a.values[1] = Some(Value::Choice(0));
        let mut here = SessionFile::new("here-1", "2026-11-27T14:03:09Z", &q, &a, &Meta::default(), 1);
        here.repo = "/work/repo-a".into();
        let mut there = SessionFile::new("there-1", "2026-11-27T14:03:09Z", &q, &a, &Meta::default(), 1);
        there.repo = "/work/repo-b".into();
        let mut old = SessionFile::new("old-1", "2026-11-27T14:03:09Z", &q, &a, &Meta::default(), 1);
        old.repo = String::new();
        for s in [&here, &there, &old] {
            save(dir.path(), s).unwrap();
        }
        let ids = |repo: &str| {
            let mut v: Vec<String> = unfinished_here(dir.path(), &q, repo).into_iter().map(|s| s.id).collect();
            v.sort();
            v
        };
        assert_eq!(ids("/work/repo-a"), ["here-1", "old-1"]);
        assert_eq!(ids("/work/repo-b"), ["old-1", "there-1"]);
        assert_eq!(ids("/elsewhere"), ["old-1"]);
        let lock_file = dir.path().join("here-1.lock");
        {
            let _held = lock(dir.path(), "here-1").unwrap();
            assert!(lock_file.exists());
            assert!(matches!(lock(dir.path(), "here-1"), Err(LockError::Busy(_))));
        }
        assert!(!lock_file.exists(), "a clean end removes the lock file");
    }

    #[test]
    fn save_list_restore_discard() {
        let dir = tempfile::tempdir().unwrap();
        let q = default_questionnaire();
        let mut a = Answers::empty(&q);
        a.values[1] = Some(Value::Choice(2));
        a.notes[1] = "why".into();
        let meta = Meta { title: "T".into(), deciders: vec!["Ana".into()], ..Meta::default() };
        let s = SessionFile::new("sess-1", &now(), &q, &a, &meta, 2);
        let p = save(dir.path(), &s).unwrap();
        let found = latest_for(dir.path(), &q).unwrap();
        assert_eq!(found, s);
        let (back, m, pos) = found.restore(&q).unwrap();
        assert_eq!(back, a);
        assert_eq!((m.title.as_str(), pos), ("T", 2));
        assert_eq!(find(dir.path(), "sess").unwrap().0, p);
        discard(&p).unwrap();
        assert!(list(dir.path()).is_empty());
    }

    #[test]
    fn sessions_say_what_they_are_about_and_when() {
        let q = default_questionnaire();
        let mut a = Answers::empty(&q);
        a.values[0] = Some(Value::Text("Card authorisation".into()));
        let mut s = SessionFile::new("s", "2026-11-27T14:03:09Z", &q, &a, &Meta::default(), 1);
        s.updated = "2026-11-27T14:03:09Z".into();
        assert_eq!(s.about(), "Card authorisation", "the interaction when there is no title");
        assert_eq!(s.last_change(), "2026-11-27 14:03 UTC");
        let s = SessionFile::new(
            "s",
            &now(),
            &q,
            &Answers::empty(&q),
            &Meta { title: "Checkout".into(), ..Meta::default() },
            0,
        );
        assert_eq!(s.about(), "Checkout");
        let s = SessionFile::new("s", &now(), &q, &Answers::empty(&q), &Meta::default(), 0);
        assert_eq!(s.about(), "(untitled)");
    }

    #[test]
    fn one_writer_per_session() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), "sess-1").unwrap();
        assert_eq!(lock(dir.path(), "sess-1").unwrap_err(), LockError::Busy(Some(std::process::id())));
        assert!(lock(dir.path(), "sess-2").is_ok(), "other sessions are free");
        drop(held);
        assert!(lock(dir.path(), "sess-1").is_ok(), "released when the holder ends");
    }
}
