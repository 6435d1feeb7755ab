//! `update(&mut App, Msg) -> Option<Effect>`: every key and result changes state here, and only here
//! (clicks go through `mouse`). Pure: no terminal, no files, no clock — effects are returned for the
//! loop to run.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::app::{App, Msg, Overlay, ReviewField, Screen};
use super::keymap::{Act, Pane};
use super::layout::too_small;
use super::question_keys::{ctrl, is_typing, questions_key, quit};
use super::text_field::TextField;
use crate::effect::{Effect, TextTarget};

/// The session's start.
fn setup(app: &mut App, s: super::state::Setup) {
    use super::state::Setup;
    match s {
        Setup::Revise(record) => app.original = Some(*record),
        Setup::SaveTo(path) => {
            app.path_input = path.display().to_string();
            app.path_edited = true;
        }
        Setup::Continue(session) => {
            app.offer = Some(*session);
            if let Err(e) = app.accept_offer() {
                app.message = Some((true, format!("Could not resume: {e}")));
            }
        }
        Setup::Offer(session, others) => {
            app.other_sessions = others;
            app.offer_session(*session);
        }
        Setup::OfferSystems(files) => offer_systems(app, files),
        Setup::LookForSystems(root) => app.systems_search = Some(root),
        Setup::Hyperlinks(on) => app.hyperlinks = on,
        Setup::QuestionnaireFile(file) => app.questionnaire_file = Some(file),
        // The system screen's.
        Setup::Part(_) | Setup::Say(..) | Setup::OfferBehind(_) | Setup::OfferAdrFolder(..) => {}
    }
}

/// Offers the repository's system files, unless there are none or the user has begun meanwhile (a
/// box that appears after the first key would take the next one).
fn offer_systems(app: &mut App, files: Vec<std::path::PathBuf>) {
    if !files.is_empty() && !app.touched && app.overlay.is_none() {
        app.overlay = Some(Overlay::OfferSystems(files));
    }
}

/// Work put off until no input is waiting.
fn idle(app: &mut App) -> Option<Effect> {
    // The search for system files first: it was put off only so that the first frame came first.
    if let Some(root) = app.systems_search.take() {
        return Some(Effect::FindSystems(root));
    }
    app.finish_what_if();
    None
}

/// Applies one message.
pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    if matches!(msg, Msg::Key(_) | Msg::Mouse(_) | Msg::Paste(_)) {
        app.touched = true;
    }
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            None
        }
        Msg::Exported(Ok(path)) => {
            app.dirty = false;
            app.message = None;
            app.exported = Some(path.clone());
            app.screen = Screen::Exported(path);
            None
        }
        Msg::Exported(Err(why)) => {
            app.message =
                Some((true, format!("Not saved. Your answers are kept; edit the path and export again. Why: {why}")));
            app.screen = Screen::Review;
            app.field = ReviewField::Path;
            None
        }
        Msg::AdrWritten(Ok(path)) => {
            app.message = Some((false, format!("ADR written: {}", path.display())));
            app.adr = Some(path);
            None
        }
        Msg::AdrWritten(Err(why)) => {
            app.message = Some((true, format!("No ADR written: {why}")));
            None
        }
        Msg::AdrAsk(ask) => {
            app.overlay = Some(Overlay::ConfirmAdr(ask));
            None
        }
        Msg::Paste(text) => {
            if let Some(f) = focused_field(app) {
                // A paste replaces a suggested title, as typing does.
                if f == TextField::Title && std::mem::take(&mut app.title_suggested) {
                    app.set_field(f, String::new());
                }
                app.paste(f, &text);
                after_text_change(app, f);
            }
            None
        }
        Msg::Edited(target, Ok(text)) => {
            // An editor leaves a final newline.
            let f = match target {
                TextTarget::Context => TextField::Context,
                TextTarget::Note(i) => TextField::Note(i),
            };
            app.set_field(f, text.trim_end_matches('\n').to_string());
            if f == TextField::Context && app.field == ReviewField::Context {
                app.context_box();
            }
            after_text_change(app, f);
            None
        }
        Msg::Edited(_, Err(why)) => {
            app.message = Some((true, format!("The editor did not run: {why}")));
            None
        }
        Msg::ExportExists(path) => {
            app.overlay = Some(Overlay::ConfirmOverwrite(path));
            None
        }
        Msg::Idle => idle(app),
        Msg::Setup(s) => {
            setup(app, s);
            None
        }
        Msg::Mouse(m) => super::mouse::mouse(app, m),
        Msg::Key(k) if k.kind == KeyEventKind::Release => None,
        Msg::Key(k) => key(app, k),
    }
}

/// The text field that has the keys now, if any: the note box, a review field, or a typed answer.
fn focused_field(app: &App) -> Option<TextField> {
    if app.overlay == Some(Overlay::Note) {
        return Some(TextField::Note(app.current));
    }
    if app.overlay.is_some() {
        return None;
    }
    match app.screen {
        Screen::Review => app.field.text(),
        Screen::Questions if is_typing(app) => Some(TextField::Answer(app.current)),
        _ => None,
    }
}

/// What follows a change of a field's text.
fn after_text_change(app: &mut App, f: TextField) {
    match f {
        TextField::Title => app.derive_path(),
        TextField::Path => app.path_edited = true,
        TextField::Answer(_) => app.refresh_preview(),
        _ => {}
    }
    if !matches!(f, TextField::Note(_)) {
        app.dirty = true;
    }
}

fn key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    // Ctrl-C always leaves at once; the loop keeps the answers (see tui::run).
    if ctrl(&k, 'c') {
        return Some(Effect::Quit);
    }
    if too_small(Rect::new(0, 0, app.size.0, app.size.1)) {
        return match k.code {
            KeyCode::Char('q') | KeyCode::Esc => quit(app),
            _ => None,
        };
    }
    if let Some(overlay) = app.overlay.clone() {
        return super::dialog_keys::key(app, overlay, k);
    }
    if k.code == KeyCode::F(1) {
        app.overlay = Some(Overlay::Help);
        return None;
    }
    if k.code == KeyCode::F(2) && app.screen == Screen::Questions {
        app.why_full = !app.why_full;
        return None;
    }
    match app.screen.clone() {
        Screen::Questions => questions_key(app, k),
        Screen::Review => super::review_keys::review_key(app, k),
        Screen::Exported(record) => match super::keymap::action(Pane::Exported, k.code)? {
            Act::Quit => Some(Effect::Quit),
            Act::UpdateAdr if app.adr.is_none() => {
                let adr = app.original.as_ref().map(|r| r.adr.clone()).filter(|a| !a.is_empty())?;
                Some(Effect::AdrUpdate { record, adr })
            }
            // `a` writes the layout the folder already holds; `m` asks for MADR 4 (a yes is asked
            // first if the folder holds another layout).
            Act::Adr | Act::Madr if app.adr.is_none() => {
                let format = (k.code == KeyCode::Char('m')).then_some(crate::core::adr::Format::Madr);
                Some(Effect::Adr { record, format, force: false, init: None })
            }
            Act::Leave => {
                app.screen = Screen::Review;
                None
            }
            Act::Help => {
                app.overlay = Some(Overlay::Help);
                None
            }
            _ => None,
        },
    }
}
