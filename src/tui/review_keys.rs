//! Keys on the review and export screen: moving between the record's fields, editing them, cycling the
//! status, and asking for the export (the loop writes the file).

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay, ReviewField, Screen};
use super::keymap::{Act, Pane};
use super::question_keys::{ctrl, quit};
use super::text_field::TextField;
use crate::effect::{Effect, TextTarget};

/// Applies one key on the review screen.
pub(super) fn review_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    if ctrl(&k, 's') {
        return export(app);
    }
    // The context is a multi-line box: Enter, ↑ and ↓ work inside it; Tab and Shift-Tab leave it;
    // PgUp/PgDn still scroll the summary, as from every field.
    let leaves = matches!(k.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc | KeyCode::PageUp | KeyCode::PageDown);
    if app.field == ReviewField::Context && !leaves {
        if ctrl(&k, 'o') {
            return Some(Effect::EditExternal { target: TextTarget::Context, text: app.meta.context.clone() });
        }
        match app.context_key(k) {
            super::text_field::Edit::AtStart => app.step_field(-1),
            super::text_field::Edit::AtEnd => app.step_field(1),
            _ => {}
        }
        return None;
    }
    // The form's keys come from the key table (keymap.rs); anything else is text for a text field.
    let pane = match app.field {
        ReviewField::Export => Pane::ReviewExport,
        ReviewField::Status => Pane::ReviewStatus,
        _ => Pane::Review,
    };
    if let Some(act) = super::keymap::action(pane, k.code) {
        match act {
            Act::Leave => {
                app.screen = Screen::Questions;
                app.refresh_preview();
            }
            Act::NextField => app.step_field(1),
            Act::PrevField => app.step_field(-1),
            Act::PageUp => app.review_scroll = app.review_scroll.saturating_sub(5),
            Act::PageDown => {
                let most = super::review::summary_max_scroll(app, super::layout::areas(app.screen_rect()).body);
                app.review_scroll = app.review_scroll.saturating_add(5).min(most);
            }
            Act::StatusPrev => app.cycle_status(-1),
            Act::StatusNext => app.cycle_status(1),
            Act::Export => return export(app),
            Act::Help => app.overlay = Some(Overlay::Help),
            Act::Quit => return quit(app),
            _ => {}
        }
        return None;
    }
    match app.field {
        ReviewField::Export | ReviewField::Status => {}
        field => {
            let f = field.text()?;
            // Ctrl-O opens $VISUAL/$EDITOR on the context, the way `git commit` does.
            if ctrl(&k, 'o') && f == TextField::Context {
                return Some(Effect::EditExternal { target: TextTarget::Context, text: app.meta.context.clone() });
            }
            // A title suggested from the interaction is replaced by the first character typed, as
            // a selected suggestion is; any other key (a cursor move, Backspace) keeps it to edit.
            if field == ReviewField::Title && app.title_suggested {
                app.title_suggested = false;
                if let KeyCode::Char(_) = k.code
                    && !k.modifiers.contains(crossterm::event::KeyModifiers::CONTROL)
                {
                    app.set_field(TextField::Title, String::new());
                }
            }
            if app.edit_key(f, k) != super::text_field::Edit::Done {
                return None;
            }
            match field {
                ReviewField::Path => app.path_edited = true,
                ReviewField::Title => app.derive_path(),
                _ => {}
            }
        }
    }
    None
}

/// Checks title and path, then asks the loop to write the record.
pub(super) fn export(app: &mut App) -> Option<Effect> {
    if app.meta.title.trim().is_empty() {
        app.field = ReviewField::Title;
        app.message = Some((true, "Give the decision a title first.".into()));
        return None;
    }
    if app.path_input.trim().is_empty() {
        app.field = ReviewField::Path;
        app.message = Some((true, "Give a path to save the record to.".into()));
        return None;
    }
    // A record with few answers states a weak verdict: say so and ask once before writing it.
    let v = &app.verdict;
    if !app.few_answers_ok && v.answered * 2 < v.applicable {
        app.overlay = Some(super::app::Overlay::ConfirmFewAnswers);
        return None;
    }
    app.message = None;
    Some(Effect::Export { path: app.path_input.trim().into(), text: app.record().to_toml(), overwrite: false })
}
