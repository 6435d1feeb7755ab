//! The keys of the wizard and the system screen as one table: which key does what, in which pane, and how the help
//! and the footer name it. `update` matches keys only through [`action`], the help overlay lists
//! [`BINDINGS`] and the footer takes the entries marked for it, so a key cannot be handled but
//! undocumented, or documented but dead (`tests/integration/tui.rs` probes every key against the table).

use crossterm::event::KeyCode;

/// Where a binding applies on the question screen (typing into an answer aside: its keys edit text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Any pane, while no answer is being typed.
    Any,
    /// The question pane, on a choice question.
    Choices,
    /// The question list.
    List,
    /// The classification panel.
    Panel,
    /// The review form, on any field (text fields take the other keys as text).
    Review,
    /// The review form's Export button.
    ReviewExport,
    /// The review form's status.
    ReviewStatus,
    /// The screen after export.
    Exported,
    /// The quit dialog.
    QuitDialog,
    /// The offer of an unfinished session.
    ResumeOffer,
    /// Exporting with few answers: sure?
    FewAnswers,
    /// Overwriting a record, or writing an ADR after a question.
    YesNoDialog,
    /// The session is open in another process.
    SessionBusy,
    /// The offer of this repository's system files.
    SystemsOffer,
    /// The note box (text is typed; these keys act on the box).
    NoteBox,
    /// The help overlay.
    HelpBox,
    /// The system screen's lists of parts and calls.
    System,
    /// The system screen's map (it scrolls; other keys close it).
    SystemMap,
    /// A yes/no box on the system screen (remove, the part behind a queue, an ADR folder).
    SystemYesNo,
    /// The pair review's walk through the disagreements.
    PairWalk,
    /// The pair review after the merged record is written.
    PairDone,
}

impl Pane {
    /// Dialogs answer every key: an unbound one dismisses them ([`Act::Dismiss`]).
    pub fn is_dialog(self) -> bool {
        matches!(
            self,
            Pane::QuitDialog
                | Pane::ResumeOffer
                | Pane::FewAnswers
                | Pane::YesNoDialog
                | Pane::SessionBusy
                | Pane::SystemsOffer
                | Pane::HelpBox
                | Pane::SystemMap
                | Pane::SystemYesNo
        )
    }

    /// Whether the pane is the system screen's (its help is its own).
    pub fn is_system(self) -> bool {
        matches!(self, Pane::System | Pane::SystemMap | Pane::SystemYesNo)
    }
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Quit (asks first when answers are not exported).
    Quit,
    /// The help overlay.
    Help,
    /// A note on this answer.
    Note,
    /// The review screen.
    Review,
    /// "Why we ask": first sentence or all of it.
    Why,
    /// Move up (a choice, a question in the list, the panel's text).
    Up,
    /// Move down.
    Down,
    /// First choice / question; the panel's top.
    First,
    /// Last choice / question.
    Last,
    /// Previous section (choices), five up (list, panel).
    PageUp,
    /// Next section (choices), five down (list, panel).
    PageDown,
    /// Previous question.
    Back,
    /// Next question.
    Forward,
    /// Clear this answer.
    Clear,
    /// Choose the highlighted choice (ticks in multiple choice with Space).
    Choose,
    /// Yes, on a yes/no question.
    Yes,
    /// Open the question highlighted in the list.
    Open,
    /// The review: next field.
    NextField,
    /// The review: previous field.
    PrevField,
    /// Back from the review to the questions; from the Exported screen to the review.
    Leave,
    /// Write the record.
    Export,
    /// The status: the previous one.
    StatusPrev,
    /// The status: the next one.
    StatusNext,
    /// After export: an ADR in the folder's layout.
    Adr,
    /// After export: an ADR as MADR 4.
    Madr,
    /// After export: update the revised record's ADR.
    UpdateAdr,
    /// A dialog's yes.
    Accept,
    /// Discard (the offered session).
    Discard,
    /// Continue as a copy (a session open elsewhere).
    Copy,
    /// Read-only (a session open elsewhere).
    ReadOnly,
    /// Save (the note box).
    Save,
    /// Cancel (the note box).
    Cancel,
    /// Any key a dialog has no binding for: no, close, stay.
    Dismiss,
    /// The system screen: parts ↔ calls.
    SwitchPane,
    /// The system screen: add a part.
    AddPart,
    /// The system screen: add a call.
    AddCall,
    /// The system screen: remove the part or call.
    Remove,
    /// The system screen: the map as text.
    Map,
    /// The pair review: take A's answer.
    TakeA,
    /// The pair review: take B's answer.
    TakeB,
    /// The pair review: take the new answer shown.
    TakeNew,
    /// The pair review: the previous new answer.
    NewPrev,
    /// The pair review: the next new answer.
    NewNext,
    /// The pair review: type a new answer.
    TypeNew,
}

/// One binding: the keys, what they do, and how the help and the footer say it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub pane: Pane,
    /// The keys.
    pub keys: &'static [KeyCode],
    /// What they do.
    pub act: Act,
    /// The keys as the help shows them.
    pub shown: &'static str,
    /// What the help says they do.
    pub help: &'static str,
    /// The footer's words, when the footer shows it.
    pub footer: Option<(&'static str, &'static str)>,
}

use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// F1, as a constant (a pattern cannot call `F(1)`).
const F1: KeyCode = F(1);

/// Every key of the question screen outside typed answers, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        pane: Pane::Choices,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "↑ ↓  j k",
        help: "move between choices (the panel previews)",
        footer: Some(("↑↓", "move")),
    },
    Binding { pane: Pane::Choices, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Choices,
        keys: &[Enter, Char(' ')],
        act: Act::Choose,
        shown: "Enter  Space",
        help: "choose (Space ticks in multiple choice)",
        footer: Some(("Enter", "choose")),
    },
    Binding {
        pane: Pane::Choices,
        keys: &[Char('y')],
        act: Act::Yes,
        shown: "y",
        help: "yes, on a yes/no question",
        footer: None,
    },
    Binding {
        pane: Pane::Choices,
        keys: &[Left, Right, Char('h'), Char('l'), Backspace],
        act: Act::Forward,
        shown: "← →  h l  Backspace",
        help: "previous / next question",
        footer: Some(("←/→", "prev/next")),
    },
    Binding {
        pane: Pane::Choices,
        keys: &[Left, Char('h'), Backspace],
        act: Act::Back,
        shown: "",
        help: "",
        footer: None,
    },
    Binding {
        pane: Pane::Choices,
        keys: &[PageUp, PageDown],
        act: Act::PageDown,
        shown: "PgUp  PgDn",
        help: "previous / next section",
        footer: None,
    },
    Binding { pane: Pane::Choices, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Choices,
        keys: &[Home, End],
        act: Act::Last,
        shown: "Home  End",
        help: "first / last choice (or question in the list)",
        footer: None,
    },
    Binding { pane: Pane::Choices, keys: &[Home], act: Act::First, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Choices,
        keys: &[Char('x'), Delete],
        act: Act::Clear,
        shown: "x  Delete",
        help: "clear this answer",
        footer: None,
    },
    Binding {
        pane: Pane::Any,
        keys: &[Char('n')],
        act: Act::Note,
        shown: "n  (Ctrl-N typing)",
        help: "a note on this answer",
        footer: Some(("n", "note")),
    },
    Binding {
        pane: Pane::Choices,
        keys: &[Char('w')],
        act: Act::Why,
        shown: "w  (F2 typing)",
        help: "\"why we ask\": its first sentence, or all of it",
        footer: None,
    },
    Binding {
        pane: Pane::Any,
        keys: &[Char('r')],
        act: Act::Review,
        shown: "r  Ctrl-S",
        help: "review and export",
        footer: Some(("r", "review")),
    },
    Binding {
        pane: Pane::List,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "↑ ↓ in the list",
        help: "move between questions",
        footer: Some(("↑↓", "move")),
    },
    Binding { pane: Pane::List, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::List,
        keys: &[PageUp, PageDown],
        act: Act::PageDown,
        shown: "PgUp PgDn in the list",
        help: "five questions up / down",
        footer: None,
    },
    Binding { pane: Pane::List, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding { pane: Pane::List, keys: &[Home, End], act: Act::Last, shown: "", help: "", footer: None },
    Binding { pane: Pane::List, keys: &[Home], act: Act::First, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::List,
        keys: &[Enter, Char(' '), Right],
        act: Act::Open,
        shown: "Enter in the list",
        help: "open the question",
        footer: Some(("Enter", "open")),
    },
    Binding {
        pane: Pane::Panel,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "↑ ↓ in the panel",
        help: "scroll the classification",
        footer: Some(("↑↓", "scroll")),
    },
    Binding { pane: Pane::Panel, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Panel,
        keys: &[PageUp, PageDown],
        act: Act::PageDown,
        shown: "PgUp PgDn Home",
        help: "scroll the classification by five / to its top",
        footer: None,
    },
    Binding { pane: Pane::Panel, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding { pane: Pane::Panel, keys: &[Home], act: Act::First, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Any,
        keys: &[Char('?')],
        act: Act::Help,
        shown: "?  F1",
        help: "this help",
        footer: Some(("?", "help")),
    },
    Binding {
        pane: Pane::Any,
        keys: &[Char('q'), Esc],
        act: Act::Quit,
        shown: "q  Esc",
        help: "quit (asks first if not exported)",
        footer: Some(("q", "quit")),
    },
    Binding {
        pane: Pane::Review,
        keys: &[Tab, Down, BackTab, Up],
        act: Act::NextField,
        shown: "Tab ↑↓ (review)",
        help: "move between the record's fields",
        footer: Some(("Tab", "next field")),
    },
    Binding { pane: Pane::Review, keys: &[BackTab, Up], act: Act::PrevField, shown: "", help: "", footer: None },
    Binding { pane: Pane::Review, keys: &[Enter], act: Act::NextField, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Review,
        keys: &[PageUp, PageDown],
        act: Act::PageDown,
        shown: "PgUp PgDn (review)",
        help: "scroll the summary",
        footer: Some(("PgUp/PgDn", "scroll")),
    },
    Binding { pane: Pane::Review, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Review,
        keys: &[Esc],
        act: Act::Leave,
        shown: "Esc (review)",
        help: "back to the questions",
        footer: Some(("Esc", "back")),
    },
    Binding {
        pane: Pane::ReviewStatus,
        keys: &[Left, Right, Char(' ')],
        act: Act::StatusNext,
        shown: "← → Space on Status",
        help: "change the status",
        footer: Some(("←/→", "status")),
    },
    Binding { pane: Pane::ReviewStatus, keys: &[Left], act: Act::StatusPrev, shown: "", help: "", footer: None },
    Binding { pane: Pane::ReviewStatus, keys: &[Enter], act: Act::NextField, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::ReviewExport,
        keys: &[Enter, Char(' ')],
        act: Act::Export,
        shown: "Enter on Export",
        help: "write the decision record",
        footer: Some(("Enter", "export")),
    },
    Binding { pane: Pane::ReviewExport, keys: &[Char('?')], act: Act::Help, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::ReviewExport,
        keys: &[Char('q')],
        act: Act::Quit,
        shown: "",
        help: "",
        footer: Some(("q", "quit")),
    },
    Binding {
        pane: Pane::Exported,
        keys: &[Char('a')],
        act: Act::Adr,
        shown: "a  m  u  after export",
        help: "ADR in the folder's layout / MADR 4 / update it",
        footer: Some(("a", "ADR")),
    },
    Binding {
        pane: Pane::Exported,
        keys: &[Char('m')],
        act: Act::Madr,
        shown: "",
        help: "",
        footer: Some(("m", "MADR")),
    },
    Binding { pane: Pane::Exported, keys: &[Char('u')], act: Act::UpdateAdr, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::Exported,
        keys: &[Char('b'), Left],
        act: Act::Leave,
        shown: "b  ← after export",
        help: "back to the review",
        footer: Some(("b", "back to review")),
    },
    Binding {
        pane: Pane::Exported,
        keys: &[Char('q'), Enter, Esc],
        act: Act::Quit,
        shown: "",
        help: "",
        footer: Some(("q/Enter", "quit")),
    },
    Binding { pane: Pane::Exported, keys: &[Char('?')], act: Act::Help, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::QuitDialog,
        keys: &[Char('y'), Char('Y')],
        act: Act::Accept,
        shown: "y  e  (quit?)",
        help: "quit / review and export; any other key stays",
        footer: Some(("y", "quit")),
    },
    Binding {
        pane: Pane::QuitDialog,
        keys: &[Char('e')],
        act: Act::Review,
        shown: "",
        help: "",
        footer: Some(("e", "review and export")),
    },
    Binding {
        pane: Pane::ResumeOffer,
        keys: &[Char('y'), Enter],
        act: Act::Accept,
        shown: "y  n  d  (a session)",
        help: "resume it / start afresh / discard it",
        footer: Some(("y", "resume")),
    },
    Binding {
        pane: Pane::ResumeOffer,
        keys: &[Char('d')],
        act: Act::Discard,
        shown: "",
        help: "",
        footer: Some(("d", "discard")),
    },
    Binding {
        pane: Pane::FewAnswers,
        keys: &[Char('y'), Char('Y')],
        act: Act::Accept,
        shown: "y  (other dialogs)",
        help: "yes; any other key is no",
        footer: Some(("y", "yes")),
    },
    Binding {
        pane: Pane::YesNoDialog,
        keys: &[Char('y'), Char('Y')],
        act: Act::Accept,
        shown: "",
        help: "",
        footer: Some(("y", "yes")),
    },
    Binding {
        pane: Pane::SessionBusy,
        keys: &[Char('c'), Enter],
        act: Act::Copy,
        shown: "c  r  (open elsewhere)",
        help: "a copy / read-only; any other key quits",
        footer: Some(("c", "copy")),
    },
    Binding {
        pane: Pane::SessionBusy,
        keys: &[Char('r')],
        act: Act::ReadOnly,
        shown: "",
        help: "",
        footer: Some(("r", "read-only")),
    },
    Binding {
        pane: Pane::SystemsOffer,
        keys: &[
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
            Char('s'),
        ],
        act: Act::Open,
        shown: "1-9  s  (systems)",
        help: "open that system file (s: the first)",
        footer: Some(("1-9", "open")),
    },
    Binding {
        pane: Pane::NoteBox,
        keys: &[Enter],
        act: Act::Save,
        shown: "Enter  Esc  (note)",
        help: "save the note / cancel (Ctrl-O: $EDITOR)",
        footer: Some(("Enter", "save the note")),
    },
    Binding {
        pane: Pane::NoteBox,
        keys: &[Esc],
        act: Act::Cancel,
        shown: "",
        help: "",
        footer: Some(("Esc", "cancel")),
    },
    Binding {
        pane: Pane::HelpBox,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "↑ ↓ PgUp PgDn (help)",
        help: "scroll this help; any other key closes it",
        footer: Some(("↑↓", "scroll")),
    },
    Binding { pane: Pane::HelpBox, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding { pane: Pane::HelpBox, keys: &[PageUp, PageDown], act: Act::PageDown, shown: "", help: "", footer: None },
    Binding { pane: Pane::HelpBox, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::System,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "↑↓ / j k",
        help: "move in the list",
        footer: Some(("↑↓", "")),
    },
    Binding { pane: Pane::System, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::System,
        keys: &[Tab, BackTab],
        act: Act::SwitchPane,
        shown: "Tab",
        help: "parts ↔ calls",
        footer: Some(("Tab", "")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Enter],
        act: Act::Open,
        shown: "Enter",
        help: "open the part in the wizard; its record is saved back",
        footer: Some(("Enter", "open")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('a')],
        act: Act::AddPart,
        shown: "a",
        help: "add a part (the wizard runs for it)",
        footer: Some(("a", "part")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('c')],
        act: Act::AddCall,
        shown: "c",
        help: "add a call (from, to, mode)",
        footer: Some(("c", "call")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('d'), Delete],
        act: Act::Remove,
        shown: "d / Delete",
        help: "remove the part or call",
        footer: Some(("d", "remove")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('m')],
        act: Act::Map,
        shown: "m",
        help: "the map as text",
        footer: Some(("m", "map")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('x'), Char('X')],
        act: Act::Madr,
        shown: "x / X",
        help: "write the system ADR (Nygard / MADR)",
        footer: Some(("x", "ADR")),
    },
    Binding { pane: Pane::System, keys: &[Char('x')], act: Act::Adr, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::System,
        keys: &[Char('?'), F1],
        act: Act::Help,
        shown: "",
        help: "",
        footer: Some(("?", "help")),
    },
    Binding {
        pane: Pane::System,
        keys: &[Char('q'), Esc],
        act: Act::Quit,
        shown: "q / Esc",
        help: "quit (every change is already saved)",
        footer: Some(("q", "quit")),
    },
    Binding { pane: Pane::SystemMap, keys: &[Down, Char('j')], act: Act::Down, shown: "", help: "", footer: None },
    Binding { pane: Pane::SystemMap, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::SystemMap,
        keys: &[PageDown, Char(' ')],
        act: Act::PageDown,
        shown: "",
        help: "",
        footer: None,
    },
    Binding { pane: Pane::SystemMap, keys: &[PageUp], act: Act::PageUp, shown: "", help: "", footer: None },
    Binding { pane: Pane::SystemMap, keys: &[Home], act: Act::First, shown: "", help: "", footer: None },
    Binding { pane: Pane::SystemYesNo, keys: &[Char('y')], act: Act::Accept, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Up, Down, Char('k'), Char('j')],
        act: Act::Down,
        shown: "",
        help: "",
        footer: Some(("↑↓", "move")),
    },
    Binding { pane: Pane::PairWalk, keys: &[Up, Char('k')], act: Act::Up, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Char('a'), Char('b')],
        act: Act::TakeB,
        shown: "",
        help: "",
        footer: Some(("a/b", "take A/B")),
    },
    Binding { pane: Pane::PairWalk, keys: &[Char('a')], act: Act::TakeA, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Left, Right, Enter],
        act: Act::TakeNew,
        shown: "",
        help: "",
        footer: Some(("←→ Enter", "pick new")),
    },
    Binding { pane: Pane::PairWalk, keys: &[Left], act: Act::NewPrev, shown: "", help: "", footer: None },
    Binding { pane: Pane::PairWalk, keys: &[Right], act: Act::NewNext, shown: "", help: "", footer: None },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Char('t')],
        act: Act::TypeNew,
        shown: "",
        help: "",
        footer: Some(("t", "type new")),
    },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Char('n')],
        act: Act::Note,
        shown: "",
        help: "",
        footer: Some(("n", "note")),
    },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Char('e'), Char('s')],
        act: Act::Export,
        shown: "",
        help: "",
        footer: Some(("e", "export")),
    },
    Binding {
        pane: Pane::PairWalk,
        keys: &[Char('q'), Esc],
        act: Act::Quit,
        shown: "",
        help: "",
        footer: Some(("q", "quit")),
    },
    Binding {
        pane: Pane::PairDone,
        keys: &[Char('q'), Enter, Esc],
        act: Act::Quit,
        shown: "",
        help: "",
        footer: Some(("q", "quit")),
    },
];

/// What `code` does in `pane` (the pane's own bindings first, then those of any pane on the question
/// screen; the review's field panes fall back to the review's). A key bound to two acts (↑ and ↓
/// share a help line) takes the binding listed last for it, the more specific.
pub fn action(pane: Pane, code: KeyCode) -> Option<Act> {
    let find = |p: Pane| BINDINGS.iter().rev().find(|b| b.pane == p && b.keys.contains(&code)).map(|b| b.act);
    let fallback = match pane {
        Pane::Choices | Pane::List | Pane::Panel => Some(Pane::Any),
        Pane::ReviewExport | Pane::ReviewStatus => Some(Pane::Review),
        _ => None,
    };
    find(pane).or_else(|| fallback.and_then(find)).or(pane.is_dialog().then_some(Act::Dismiss))
}

/// The wizard's help lines of the table (bindings that only refine another's help line are not
/// repeated; the system screen's keys are in [`system_help_lines`]).
pub fn help_lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS.iter().filter(|b| !b.shown.is_empty() && !b.pane.is_system()).map(|b| (b.shown, b.help))
}

/// A footer line from the table's hints: `k what` separated by two spaces, keys without words (`↑↓ Tab`)
/// by one.
pub fn footer_line(hints: &[(&str, &str)]) -> String {
    let mut out = String::from(" ");
    for (i, (k, what)) in hints.iter().enumerate() {
        if i > 0 {
            let both_bare = what.is_empty() && hints[i - 1].1.is_empty();
            out.push_str(if both_bare { " " } else { "  " });
        }
        out.push_str(k);
        if !what.is_empty() {
            out.push(' ');
            out.push_str(what);
        }
    }
    out
}

/// The system screen's help lines.
pub fn system_help_lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS.iter().filter(|b| !b.shown.is_empty() && b.pane == Pane::System).map(|b| (b.shown, b.help))
}

/// The footer's hints for `pane`: its own marked bindings, then (on the question screen) Tab and
/// those of any pane, (on the review's fields) the review's.
pub fn footer(pane: Pane) -> Vec<(&'static str, &'static str)> {
    let marked = |p: Pane| BINDINGS.iter().filter(move |b| b.pane == p).filter_map(|b| b.footer);
    match pane {
        Pane::Choices | Pane::List | Pane::Panel => {
            marked(pane).chain([("Tab", "pane")]).chain(marked(Pane::Any)).collect()
        }
        Pane::ReviewExport | Pane::ReviewStatus => marked(pane).chain(marked(Pane::Review)).collect(),
        Pane::NoteBox => marked(pane).chain([("Ctrl-O", "$EDITOR"), ("typing", "edit")]).collect(),
        p if p.is_dialog() => marked(pane).chain([("other keys", "no / close")]).collect(),
        _ => marked(pane).collect(),
    }
}
