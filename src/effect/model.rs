//! The effects, hand-overs and outcomes, as data.

use std::path::PathBuf;

use crate::core::adr::Format;

/// Work a face asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the screen.
    Quit,
    /// Leave the screen and hand over to the composition root (another face, or work between screens).
    Hand(Handoff),
    /// Write `text` to `path` (atomically; `overwrite` only after the user confirmed).
    Export {
        /// Target file.
        path: PathBuf,
        /// The file's text (a record, a system file).
        text: String,
        /// Replace an existing file.
        overwrite: bool,
    },
    /// Delete an unfinished session the user chose to drop.
    DiscardSession(String),
    /// Open `$VISUAL`/`$EDITOR` on a text of the record (the screen is given back meanwhile).
    EditExternal {
        /// Which text.
        target: TextTarget,
        /// Its text now.
        text: String,
    },
    /// Rewrite the generated parts of the record's existing ADR (`adr` in the record) after a revision.
    AdrUpdate {
        /// The record file.
        record: PathBuf,
        /// The ADR file, as the record names it (relative to the record's folder).
        adr: String,
    },
    /// Look for system files (`[system]` TOML files) in the repository at this root.
    FindSystems(PathBuf),
    /// Write an ADR from an exported record.
    Adr {
        /// The record file.
        record: PathBuf,
        /// Layout (`None`: the folder's).
        format: Option<Format>,
        /// Write it even into a folder of another layout (the user said yes).
        force: bool,
        /// Create this ADR folder first (the user said yes).
        init: Option<PathBuf>,
    },
}

/// The texts of a record a user may write in their own editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    /// The record's context.
    Context,
    /// The note on question `i`.
    Note(usize),
}

/// What a screen hands to the composition root when it leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handoff {
    /// The wizard's start: open this system file in the system screen instead.
    OpenSystem(PathBuf),
    /// The system screen: open this part in the wizard and save its record back.
    OpenPart(usize),
    /// The system screen: add a part (the wizard runs for it).
    AddPart,
    /// The system screen: add the part behind this part's queue, prefilled, with an async call to it.
    AddBehind(usize),
    /// The system screen: write the system ADR.
    SystemAdr(Format),
    /// The system screen: create the ADR folder (as `adr init` does), then write the system ADR.
    SystemAdrInit(Format),
}

/// How an effect went, for the face to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done; nothing to show.
    Done,
    /// The screen is to end.
    Quit,
    /// The screen is to end, handing this over.
    Hand(Handoff),
    /// Written (the path), or why not.
    Exported(Result<PathBuf, String>),
    /// The target exists and `overwrite` was not given: ask first.
    ExportExists(PathBuf),
    /// The editor's text for the target, or why it did not run.
    Edited(TextTarget, Result<String, String>),
    /// The ADR written (its path, relative to the current folder), or why not.
    AdrWritten(Result<PathBuf, String>),
    /// The ADR needs the user's yes first.
    AdrAsk(AdrAsk),
    /// The system files found (paths as shown: relative to the current folder).
    Systems(Vec<PathBuf>),
}

/// What writing an ADR needs the user to agree to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdrAsk {
    /// The folder holds another layout: write this one anyway?
    Mixed {
        /// The record.
        record: PathBuf,
        /// The layout asked for.
        format: Option<Format>,
        /// What the folder holds and what breaks.
        text: String,
    },
    /// There is no ADR folder: create this one (as `adr init` would)?
    NoFolder {
        /// The record.
        record: PathBuf,
        /// The layout asked for.
        format: Option<Format>,
        /// The folder that would be created.
        dir: PathBuf,
    },
}
