//! A system's parts and calls, as the checks and the faces read them.

use serde::Serialize;

use crate::core::answers::Answers;
use crate::core::duration::Duration;
use crate::core::engine::Verdict;

/// How one part calls another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// On the request path: the caller waits for the reply.
    Sync,
    /// Through a queue, stream or event: the caller does not wait.
    Async,
    /// A schedule starts the callee's work (or a batch calls it).
    Schedule,
}

impl Mode {
    /// The word used in files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sync => "sync",
            Mode::Async => "async",
            Mode::Schedule => "schedule",
        }
    }
}

/// Where a part's answers come from.
#[derive(Debug, Clone, PartialEq)]
pub enum PartSource {
    /// A decision record, by its path as written in the system file (relative to it).
    Record(String),
    /// Answers written in the system file.
    Inline,
}

/// One part of a system, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Stable id within the system.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where its answers come from.
    pub source: PartSource,
    /// Its answers.
    pub answers: Answers,
    /// The verdict derived now.
    pub verdict: Verdict,
    /// The class its record stores, when it has a record (to find stale records).
    pub stored_class: Option<String>,
    /// Its answers as a record stores them (question id → value), sorted by id, for the system
    /// checks (a vector: a map per part cost about 800 bytes more; a system may have 20,000).
    pub table: Vec<(String, toml::Value)>,
}

impl Part {
    /// The stored form of one answer (`None`: unanswered).
    pub fn answer(&self, id: &str) -> Option<&toml::Value> {
        let at = self.table.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok()?;
        Some(&self.table[at].1)
    }
}

/// One call between two parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Index of the calling part.
    pub from: usize,
    /// Index of the called part.
    pub to: usize,
    /// How it calls.
    pub mode: Mode,
    /// The caller's timeout on this call, if given.
    pub timeout: Option<Duration>,
    /// A note.
    pub note: String,
}

/// A checked system.
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it is.
    pub description: String,
    /// Its parts, in file order.
    pub parts: Vec<Part>,
    /// The calls between them, in file order.
    pub calls: Vec<Call>,
}

impl System {
    /// Index of the part with this id.
    pub fn part_index(&self, id: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.id == id)
    }

    /// "a → b (sync)", for findings and lists.
    pub fn call_text(&self, c: &Call) -> String {
        format!("{} → {} ({})", self.parts[c.from].id, self.parts[c.to].id, c.mode.name())
    }
}
