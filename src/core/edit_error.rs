//! Why an edit of a TOML file (a record's `adr` key, a system file's parts and calls) could not be made.

/// Why a TOML edit could not be made; nothing is changed then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file no longer parses (edited by hand since it was read).
    #[error("the {file} no longer parses: {detail}")]
    Parse {
        /// Which kind of file.
        file: &'static str,
        /// The parser's message.
        detail: String,
    },
    /// A key that should hold `[[key]]` tables holds something else.
    #[error("`{0}` is not a list of [[{0}]] tables")]
    NotTables(String),
    /// No part with this id.
    #[error("there is no part `{0}`")]
    NoPart(String),
    /// No call with this number (1-based).
    #[error("there is no call number {0}")]
    NoCall(usize),
}
