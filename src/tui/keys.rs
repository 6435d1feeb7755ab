//! The key tables: what the footer shows per screen and the full help overlay. Text only, kept apart
//! from the logic in `update`.

use super::app::{App, Focus, Overlay, ReviewField, Screen};
use super::keymap::Pane;

/// The help overlay's lines beyond the key table (typing, the review, anywhere); an empty key starts
/// a group.
const MORE_HELP: &[(&str, &str)] = &[
    ("Tab  Shift-Tab", "list, question and panel panes"),
    ("typing", "durations, numbers, text: checked as you type"),
    ("← → Home End Ctrl-A/E", "move in the text (← → change question at its ends)"),
    ("Ctrl-U/W/K  Alt-←/→", "delete to start / a word / to end; word moves"),
    ("paste", "pasted as text: a line break never acts as Enter"),
    ("Shift-↑ ↓  wheel", "scroll the question (the answer keeps the keys)"),
    ("", "Review and export (more in the table above)"),
    ("Ctrl-S", "write the decision record, from any field"),
    ("Ctrl-O", "context or note in $VISUAL / $EDITOR"),
    ("", "Anywhere"),
    ("Ctrl-Z", "suspend (fg resumes)"),
    ("Ctrl-C", "quit at once (answers are kept)"),
    ("mouse", "click a question or choice; the wheel scrolls"),
];

/// Every key, for the help overlay: the question screen's from the key table (keymap.rs), then
/// typing, the review and what works anywhere.
pub fn help() -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", "Questions")).chain(super::keymap::help_lines()).chain(MORE_HELP.iter().copied()).collect()
}

/// The key hints for the footer.
pub fn footer(app: &App, typing: bool) -> Vec<(&'static str, &'static str)> {
    // A dialog or box has the keys while it is open: its keys, from the key table, not the screen's.
    if let Some(o) = &app.overlay {
        return super::keymap::footer(overlay_pane(o));
    }
    match app.screen {
        Screen::Questions if typing => vec![
            ("Enter", "confirm"),
            ("←/→", "cursor, prev/next"),
            ("Ctrl-N", "note"),
            ("Ctrl-S", "review"),
            ("Tab", "pane"),
            ("F1", "help"),
            ("Esc", "quit"),
        ],
        Screen::Questions => super::keymap::footer(match app.focus {
            Focus::List => super::keymap::Pane::List,
            Focus::Panel => super::keymap::Pane::Panel,
            Focus::Question => super::keymap::Pane::Choices,
        }),
        Screen::Review => match app.field {
            ReviewField::Status => super::keymap::footer(super::keymap::Pane::ReviewStatus),
            ReviewField::Export => super::keymap::footer(super::keymap::Pane::ReviewExport),
            // Text fields: typing edits; Ctrl-S exports from anywhere.
            _ => [("type", "edit"), ("Ctrl-S", "export")]
                .into_iter()
                .chain(super::keymap::footer(super::keymap::Pane::Review))
                .collect(),
        },
        Screen::Exported(_) if app.adr.is_some() => super::keymap::footer(super::keymap::Pane::Exported)
            .into_iter()
            .filter(|(k, _)| !matches!(*k, "a" | "m"))
            .collect(),
        Screen::Exported(_) => super::keymap::footer(super::keymap::Pane::Exported),
    }
}

/// Width of the help overlay's key column (the description follows it).
pub const HELP_KEY_COLUMN: usize = 24;

/// Help lines that fit a screen `height` rows tall (the overlay's border and a margin take four).
pub fn help_rows(height: u16) -> usize {
    height.saturating_sub(4) as usize
}

/// How far the help overlay can scroll on a screen `height` rows tall; 0 when it fits.
pub fn help_scroll_most(height: u16) -> usize {
    help().len().saturating_sub(help_rows(height))
}
/// Width of the help overlay's text (its 76 columns less the border).
pub const HELP_WIDTH: usize = 74;

/// The key-table pane of an overlay.
pub fn overlay_pane(o: &Overlay) -> Pane {
    match o {
        Overlay::OfferSystems(_) => Pane::SystemsOffer,
        Overlay::ConfirmFewAnswers => Pane::FewAnswers,
        Overlay::SessionBusy(_) => Pane::SessionBusy,
        Overlay::ConfirmAdr(_) | Overlay::ConfirmOverwrite(_) => Pane::YesNoDialog,
        Overlay::Help => Pane::HelpBox,
        Overlay::OfferResume => Pane::ResumeOffer,
        Overlay::ConfirmQuit => Pane::QuitDialog,
        Overlay::Note => Pane::NoteBox,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::width;

    /// Every line of the help fits its table at 80 columns: a key in its column, its description in
    /// the rest, never wrapping out of the table.
    #[test]
    fn every_help_line_fits_its_table() {
        for (k, what) in help() {
            if k.is_empty() {
                assert!(width(what) <= HELP_WIDTH, "{what}");
                continue;
            }
            assert!(width(k) < HELP_KEY_COLUMN, "key `{k}` fits its column");
            assert!(
                width(what) <= HELP_WIDTH - HELP_KEY_COLUMN,
                "`{what}` ({} columns) fits beside `{k}`",
                width(what)
            );
        }
    }
}
