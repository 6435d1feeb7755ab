//! The wizard's small state types: which screen and box are showing, which pane and review field
//! have the keys, the messages `update` takes, and the facts the wizard starts with.

use std::path::PathBuf;

use crossterm::event::{KeyEvent, MouseEvent};

use super::text_field::TextField;
use crate::effect::AdrAsk;

/// Which screen is showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Walking the questions.
    Questions,
    /// Review answers and metadata, then export.
    Review,
    /// The record was written here.
    Exported(PathBuf),
}

/// A box drawn over the screen that takes the keys until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of every key.
    Help,
    /// "Quit with unsaved answers?"
    ConfirmQuit,
    /// "Overwrite this file?"
    ConfirmOverwrite(PathBuf),
    /// Editing the note on the current question.
    Note,
    /// An unfinished session for this questionnaire exists: resume it?
    OfferResume,
    /// The ADR needs a yes first (a mixed folder, or no folder yet).
    ConfirmAdr(AdrAsk),
    /// Another syskind has this session open (its pid): continue as a copy, read-only, or quit.
    SessionBusy(Option<u32>),
    /// Fewer than half the applicable questions are answered: export anyway?
    ConfirmFewAnswers,
    /// The repository has system files: open one in the system screen instead?
    OfferSystems(Vec<PathBuf>),
}

/// Which pane of the question screen takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The question list.
    List,
    /// The current question.
    Question,
    /// The classification panel (scrolls).
    Panel,
}

impl Focus {
    /// Tab order.
    pub fn next(self) -> Focus {
        match self {
            Focus::List => Focus::Question,
            Focus::Question => Focus::Panel,
            Focus::Panel => Focus::List,
        }
    }
    /// Shift-Tab order.
    pub fn prev(self) -> Focus {
        match self {
            Focus::List => Focus::Panel,
            Focus::Question => Focus::List,
            Focus::Panel => Focus::Question,
        }
    }
}

/// The fields of the review screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    /// Decision title.
    Title,
    /// Context.
    Context,
    /// Deciders, comma-separated.
    Deciders,
    /// Who revises the record (shown only when revising one).
    Reviser,
    /// Status (cycles).
    Status,
    /// Where to write the record.
    Path,
    /// The export button.
    Export,
}

impl ReviewField {
    /// All fields in order.
    pub const ALL: [ReviewField; 7] = [
        ReviewField::Title,
        ReviewField::Context,
        ReviewField::Deciders,
        ReviewField::Reviser,
        ReviewField::Status,
        ReviewField::Path,
        ReviewField::Export,
    ];

    /// Label shown before the field.
    pub fn label(self) -> &'static str {
        match self {
            ReviewField::Title => "Title",
            ReviewField::Context => "Context",
            ReviewField::Deciders => "Deciders",
            ReviewField::Reviser => "Revised by",
            ReviewField::Status => "Status",
            ReviewField::Path => "Save to",
            ReviewField::Export => "Export",
        }
    }

    /// The text field behind a review field (Status and Export are not text).
    pub fn text(self) -> Option<TextField> {
        match self {
            ReviewField::Title => Some(TextField::Title),
            ReviewField::Context => Some(TextField::Context),
            ReviewField::Deciders => Some(TextField::Deciders),
            ReviewField::Reviser => Some(TextField::Reviser),
            ReviewField::Path => Some(TextField::Path),
            ReviewField::Status | ReviewField::Export => None,
        }
    }

    /// The field `by` steps away in Tab order (wrapping).
    pub fn step(self, by: isize) -> ReviewField {
        let i = ReviewField::ALL.iter().position(|f| *f == self).unwrap_or(0) as isize;
        ReviewField::ALL[(i + by).rem_euclid(ReviewField::ALL.len() as isize) as usize]
    }
}

/// How a session starts beyond its answers, as the composition root (or a test) tells the wizard:
/// each a message, so the state only ever changes in `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Setup {
    /// The record being revised (`--resume`): the export extends its history.
    Revise(Box<crate::core::record::Record>),
    /// Where the record is saved (the revised record's own file).
    SaveTo(PathBuf),
    /// Continue this saved session: its answers, metadata, place and id.
    Continue(Box<crate::store::session::SessionFile>),
    /// Offer this unfinished session, listing the repository's others (as the offer shows them).
    Offer(Box<crate::store::session::SessionFile>, Vec<String>),
    /// Offer the repository's system files (unless the user has begun: they are found after the
    /// first frame, see [`Setup::LookForSystems`]).
    OfferSystems(Vec<PathBuf>),
    /// Look for this repository's system files after the first frame (the walk can take a while in
    /// a large repository; the first frame does not wait for it), and offer them if nothing was
    /// touched meanwhile.
    LookForSystems(PathBuf),
    /// Draw source links as terminal hyperlinks (OSC 8).
    Hyperlinks(bool),
    /// The questionnaire file (or lens) the session runs, when it is not built in: the commands the
    /// wizard suggests must name it (`syskind -q FILE record check …`).
    QuestionnaireFile(String),
    /// The system screen: highlight this part.
    Part(usize),
    /// The system screen: say this (is error, text).
    Say(bool, String),
    /// The system screen: offer to add the part behind this part's queue.
    OfferBehind(usize),
    /// The system screen: offer to create this ADR folder for the system ADR.
    OfferAdrFolder(crate::core::adr::Format, PathBuf),
}

/// What happened outside, or what the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The session's start (see [`Setup`]).
    Setup(Setup),
    /// A key.
    Key(KeyEvent),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// The export effect finished (path written, or why not).
    Exported(Result<PathBuf, String>),
    /// The export target exists; ask before overwriting.
    ExportExists(PathBuf),
    /// The ADR effect finished (path written, or why not).
    AdrWritten(Result<PathBuf, String>),
    /// The ADR needs the user's yes first.
    AdrAsk(AdrAsk),
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    Paste(String),
    /// `$EDITOR` finished editing a text (its text, or why it failed).
    Edited(crate::effect::TextTarget, Result<String, String>),
    /// No input is waiting: time for work put off so that a keystroke's frame comes first.
    Idle,
}

/// Facts from outside that the wizard starts with.
#[derive(Debug, Clone)]
pub struct Context {
    /// Today, `YYYY-MM-DD`.
    pub today: String,
    /// Folder records go in by default (`<repo>/decisions`).
    pub decisions_dir: PathBuf,
    /// Number for the next record file there.
    pub next_number: u32,
    /// Terminal size at start.
    pub size: (u16, u16),
    /// Who is revising (for a record's revision history).
    pub user: String,
    /// Where sessions are autosaved (`None`: not saved, as in tests).
    pub sessions_dir: Option<PathBuf>,
    /// This session's id.
    pub session_id: String,
    /// When this session started.
    pub session_started: String,
}
