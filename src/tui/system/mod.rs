//! The system screen: the parts of a system with their kind and confidence, the calls between them
//! and the system's findings, updated live as calls are added or removed. Opening or adding a part
//! hands over to the wizard (the loop leaves with an `Effect::Hand`; `app::system_screen` runs the
//! wizard and comes back). Same shape as the wizard: state, pure `update`, effects for the loop.

pub mod update;
pub mod view;

use std::path::PathBuf;

use super::theme::Theme;
use crate::core::engine::Finding;
use crate::core::system::{self, Mode, System};

/// Which list has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemPane {
    /// The parts.
    Parts,
    /// The calls.
    Calls,
}

/// Boxes over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemOverlay {
    /// Adding a call: which field is being changed.
    AddCall(usize),
    /// Confirming a removal.
    ConfirmRemove,
    /// The map as text, scrolled this many lines.
    Map(u16),
    /// Every key.
    Help,
    /// A part accepts and enqueues with no part behind its queue: offer to add that part.
    OfferBehind(usize),
    /// There is no ADR folder for the system ADR: offer to create this one (as `adr init` does).
    OfferAdrFolder(crate::core::adr::Format, PathBuf),
}

/// A call being added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallForm {
    /// Calling part.
    pub from: usize,
    /// Called part.
    pub to: usize,
    /// Mode.
    pub mode: Mode,
    /// The caller's timeout as typed (a duration; empty: none).
    pub timeout: String,
    /// A note on the call.
    pub note: String,
}

/// Fields of the add-call dialog, in order.
pub const CALL_FIELDS: usize = 5;

/// The whole system screen state.
#[derive(Debug, Clone)]
pub struct SystemApp {
    /// The system file (shown, and where edits are written).
    pub file: PathBuf,
    /// The file's text; edits change only what they must (comments stay).
    pub text: String,
    /// The system, classified.
    pub system: System,
    /// Its findings, recomputed after every change.
    pub findings: Vec<Finding>,
    /// SystemPane with the keys.
    pub pane: SystemPane,
    /// Highlighted part.
    pub part: usize,
    /// Highlighted call.
    pub call: usize,
    /// SystemOverlay showing.
    pub overlay: Option<SystemOverlay>,
    /// The call being added.
    pub form: CallForm,
    /// A message for the footer: (is it an error, text).
    pub message: Option<(bool, String)>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Colours.
    pub theme: Theme,
    /// The questionnaire of the parts (for the loop's needs).
    pub q: crate::core::questionnaire::Questionnaire,
}

impl SystemApp {
    /// A screen on a loaded system.
    pub fn new(
        file: PathBuf,
        text: String,
        q: crate::core::questionnaire::Questionnaire,
        system: System,
        size: (u16, u16),
        theme: Theme,
    ) -> SystemApp {
        let findings = system::check(&system);
        SystemApp {
            file,
            text,
            system,
            findings,
            pane: SystemPane::Parts,
            part: 0,
            call: 0,
            overlay: None,
            form: CallForm { from: 0, to: 1, mode: Mode::Async, timeout: String::new(), note: String::new() },
            message: None,
            size,
            theme,
            q,
        }
    }

    /// Findings that name this part.
    pub fn findings_of(&self, part: usize) -> usize {
        let id = &self.system.parts[part].id;
        self.findings.iter().filter(|f| f.parts.contains(id)).count()
    }

    /// Whether a call is one a finding names.
    pub fn flagged(&self, call: usize) -> bool {
        let text = self.system.call_text(&self.system.calls[call]);
        self.findings.iter().any(|f| f.calls.contains(&text))
    }
}
