//! The wizard's text fields, by name, and what an edit key did to one.

/// Which text field has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The typed answer of a duration, number or text question.
    Answer(usize),
    /// The note being written on question `i`.
    Note(usize),
    /// The record's title.
    Title,
    /// The record's context.
    Context,
    /// The deciders, comma-separated.
    Deciders,
    /// Who revises the record.
    Reviser,
    /// Where the record is saved.
    Path,
}

/// What an edit key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed.
    Done,
    /// ← at the start of the text: the caller may move to the previous question.
    AtStart,
    /// → at the end of the text: the caller may move to the next question.
    AtEnd,
    /// Not an editing key.
    Ignored,
}
