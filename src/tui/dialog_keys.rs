//! Keys while a box is over the wizard: each box answers every key through the key table (a bound
//! key acts, any other dismisses), one function per box.

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay, ReviewField, Screen};
use super::keymap::Act;
use super::keys::overlay_pane;
use super::question_keys::{ctrl, go_review};
use super::text_field::TextField;
use crate::effect::{AdrAsk, Effect, Handoff, TextTarget};

/// Key `k` while `overlay` is open.
pub fn key(app: &mut App, overlay: Overlay, k: KeyEvent) -> Option<Effect> {
    let act = super::keymap::action(overlay_pane(&overlay), k.code);
    match overlay {
        Overlay::OfferSystems(files) => offer_systems(app, &files, act, k),
        Overlay::ConfirmFewAnswers => few_answers(app, act),
        Overlay::SessionBusy(_) => session_busy(app, act),
        Overlay::ConfirmAdr(ask) => confirm_adr(app, ask, act),
        Overlay::Help => {
            help(app, act);
            None
        }
        Overlay::OfferResume => offer_resume(app, act),
        Overlay::ConfirmQuit => confirm_quit(app, act),
        Overlay::ConfirmOverwrite(path) => {
            app.overlay = None;
            if act == Some(Act::Accept) {
                return Some(Effect::Export { path, text: app.record().to_toml(), overwrite: true });
            }
            app.field = ReviewField::Path;
            app.message = Some((false, "Not overwritten. Edit the path, then export.".into()));
            None
        }
        Overlay::Note => note(app, act, k),
    }
}

fn offer_systems(app: &mut App, files: &[std::path::PathBuf], act: Option<Act>, k: KeyEvent) -> Option<Effect> {
    app.overlay = None;
    let pick = match (act, k.code) {
        (Some(Act::Open), KeyCode::Char(c @ '1'..='9')) => c as usize - '1' as usize,
        (Some(Act::Open), _) => 0,
        _ => return None,
    };
    let file = files.get(pick)?;
    Some(Effect::Hand(Handoff::OpenSystem(file.clone())))
}

fn few_answers(app: &mut App, act: Option<Act>) -> Option<Effect> {
    app.overlay = None;
    if act == Some(Act::Accept) {
        app.few_answers_ok = true;
        return super::review_keys::export(app);
    }
    app.screen = Screen::Questions;
    app.message = Some((false, "Not exported: answer more questions, then r to review.".into()));
    None
}

fn session_busy(app: &mut App, act: Option<Act>) -> Option<Effect> {
    app.overlay = None;
    match act {
        // A copy under a new id: both keep their answers, neither overwrites the other.
        Some(Act::Copy) => {
            app.ctx.session_id = format!("{}-copy", app.ctx.session_id);
            app.message = Some((false, format!("Continuing as a copy: session {}", app.ctx.session_id)));
        }
        Some(Act::ReadOnly) => {
            app.read_only = true;
            app.message = Some((false, "Read-only: nothing you change here is saved.".into()));
        }
        _ => return Some(Effect::Quit),
    }
    None
}

fn confirm_adr(app: &mut App, ask: AdrAsk, act: Option<Act>) -> Option<Effect> {
    app.overlay = None;
    if act != Some(Act::Accept) {
        app.message = Some((false, "No ADR written.".into()));
        return None;
    }
    Some(match ask {
        AdrAsk::Mixed { record, format, .. } => Effect::Adr { record, format, force: true, init: None },
        AdrAsk::NoFolder { record, format, dir } => Effect::Adr { record, format, force: false, init: Some(dir) },
    })
}

fn help(app: &mut App, act: Option<Act>) {
    let most = super::keys::help_scroll_most(app.size.1);
    // The title says "any key closes" when nothing is hidden: then the arrows close it too.
    match act {
        Some(Act::Down) if most > 0 => app.help_scroll = app.help_scroll.saturating_add(1),
        Some(Act::Up) if most > 0 => app.help_scroll = app.help_scroll.saturating_sub(1),
        Some(Act::PageDown) if most > 0 => app.help_scroll = app.help_scroll.saturating_add(10),
        Some(Act::PageUp) if most > 0 => app.help_scroll = app.help_scroll.saturating_sub(10),
        _ => {
            app.overlay = None;
            app.help_scroll = 0;
        }
    }
    // Never past the last line.
    app.help_scroll = app.help_scroll.min(u16::try_from(most).unwrap_or(u16::MAX));
}

fn offer_resume(app: &mut App, act: Option<Act>) -> Option<Effect> {
    app.overlay = None;
    match act {
        Some(Act::Accept) => {
            if let Err(e) = app.accept_offer() {
                app.message = Some((true, format!("Could not resume: {e}")));
            }
        }
        Some(Act::Discard) => {
            if let Some(s) = app.offer.take() {
                return Some(Effect::DiscardSession(s.id));
            }
        }
        _ => app.offer = None,
    }
    None
}

fn confirm_quit(app: &mut App, act: Option<Act>) -> Option<Effect> {
    if act == Some(Act::Accept) {
        return Some(Effect::Quit);
    }
    app.overlay = None;
    if act == Some(Act::Review) {
        go_review(app);
    }
    None
}

fn note(app: &mut App, act: Option<Act>, k: KeyEvent) -> Option<Effect> {
    match act {
        Some(Act::Save) => {
            app.answers.notes[app.current] = app.note_input.trim().to_string();
            app.dirty = true;
            app.overlay = None;
        }
        Some(Act::Cancel) => app.overlay = None,
        // Ctrl-O: write the note in $VISUAL/$EDITOR.
        _ if ctrl(&k, 'o') => {
            return Some(Effect::EditExternal { target: TextTarget::Note(app.current), text: app.note_input.clone() });
        }
        _ => {
            app.edit_key(TextField::Note(app.current), k);
        }
    }
    None
}
