//! Keys on the review and export screen: moving between the record's fields, editing them, cycling the
//! status, and asking for the export (the loop writes the file).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Field, Overlay, Screen};
use super::update::{ctrl, quit};

/// Applies one key on the review screen.
pub(super) fn review_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    if ctrl(&k, 's') {
        return export(app);
    }
    match k.code {
        KeyCode::Esc => {
            app.screen = Screen::Questions;
            app.refresh_preview();
            return None;
        }
        KeyCode::Tab | KeyCode::Down => {
            app.step_field(1);
            return None;
        }
        KeyCode::BackTab | KeyCode::Up => {
            app.step_field(-1);
            return None;
        }
        KeyCode::PageUp => {
            app.review_scroll = app.review_scroll.saturating_sub(5);
            return None;
        }
        KeyCode::PageDown => {
            app.review_scroll = app.review_scroll.saturating_add(5);
            return None;
        }
        _ => {}
    }
    match app.field {
        Field::Export => match k.code {
            KeyCode::Enter | KeyCode::Char(' ') => return export(app),
            KeyCode::Char('?') => app.overlay = Some(Overlay::Help),
            KeyCode::Char('q') => return quit(app),
            _ => {}
        },
        Field::Status => match k.code {
            KeyCode::Left => app.cycle_status(-1),
            KeyCode::Right | KeyCode::Char(' ') => app.cycle_status(1),
            KeyCode::Enter => app.step_field(1),
            _ => {}
        },
        field => {
            if k.code == KeyCode::Enter {
                app.step_field(1);
                return None;
            }
            let buffer = match field {
                Field::Title => &mut app.meta.title,
                Field::Context => &mut app.meta.context,
                Field::Deciders => &mut app.deciders_input,
                _ => &mut app.path_input,
            };
            match k.code {
                KeyCode::Backspace => {
                    buffer.pop();
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => buffer.push(c),
                _ => return None,
            }
            match field {
                Field::Path => app.path_edited = true,
                Field::Title => app.derive_path(),
                _ => {}
            }
        }
    }
    None
}

/// Checks title and path, then asks the loop to write the record.
pub(super) fn export(app: &mut App) -> Option<Effect> {
    if app.meta.title.trim().is_empty() {
        app.field = Field::Title;
        app.message = Some((true, "Give the decision a title first.".into()));
        return None;
    }
    if app.path_input.trim().is_empty() {
        app.field = Field::Path;
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
