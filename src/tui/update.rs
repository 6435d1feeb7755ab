//! `update(&mut App, Msg) -> Option<Effect>`: every key and result changes state here, and only here
//! (clicks go through `mouse`). Pure: no terminal, no files, no clock — effects are returned for the
//! loop to run.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use super::app::{App, Field, Focus, Msg, Overlay, Screen};
use super::keymap::{Act, Pane};
use super::layout::too_small;
use crate::core::answers::Value;
use crate::core::questionnaire::Kind;
use crate::effect::{Effect, TextTarget};

/// Applies one message.
pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
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
            app.field = Field::Path;
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
                if f == super::fields::Field::Title && std::mem::take(&mut app.title_suggested) {
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
                TextTarget::Context => super::fields::Field::Context,
                TextTarget::Note(i) => super::fields::Field::Note(i),
            };
            app.set_field(f, text.trim_end_matches('\n').to_string());
            if f == super::fields::Field::Context && app.field == Field::Context {
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
        Msg::Idle => {
            app.finish_what_if();
            None
        }
        Msg::Mouse(m) => super::mouse::mouse(app, m),
        Msg::Key(k) if k.kind == KeyEventKind::Release => None,
        Msg::Key(k) => key(app, k),
    }
}

/// The text field that has the keys now, if any: the note box, a review field, or a typed answer.
fn focused_field(app: &App) -> Option<super::fields::Field> {
    use super::fields::Field as F;
    if app.overlay == Some(Overlay::Note) {
        return Some(F::Note(app.current));
    }
    if app.overlay.is_some() {
        return None;
    }
    match app.screen {
        Screen::Review => super::review_keys::text_field(app.field),
        Screen::Questions if is_typing(app) => Some(F::Answer(app.current)),
        _ => None,
    }
}

/// What follows a change of a field's text.
fn after_text_change(app: &mut App, f: super::fields::Field) {
    use super::fields::Field as F;
    match f {
        F::Title => app.derive_path(),
        F::Path => app.path_edited = true,
        F::Answer(_) => app.refresh_preview(),
        _ => {}
    }
    if !matches!(f, F::Note(_)) {
        app.dirty = true;
    }
}

pub(super) fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
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
        return overlay_key(app, overlay, k);
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

pub(super) fn quit(app: &mut App) -> Option<Effect> {
    if app.dirty {
        app.overlay = Some(Overlay::ConfirmQuit);
        None
    } else {
        Some(Effect::Quit)
    }
}

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

fn overlay_key(app: &mut App, overlay: Overlay, k: KeyEvent) -> Option<Effect> {
    // Dialogs answer every key through the key table: a bound one acts, any other dismisses.
    let act = super::keymap::action(overlay_pane(&overlay), k.code);
    match overlay {
        Overlay::OfferSystems(files) => {
            app.overlay = None;
            let pick = match (act, k.code) {
                (Some(Act::Open), KeyCode::Char(c @ '1'..='9')) => c as usize - '1' as usize,
                (Some(Act::Open), _) => 0,
                _ => return None,
            };
            let file = files.get(pick)?;
            Some(Effect::Hand(crate::effect::Handoff::OpenSystem(file.clone())))
        }
        Overlay::ConfirmFewAnswers => {
            app.overlay = None;
            if act == Some(Act::Accept) {
                app.few_answers_ok = true;
                return super::review_keys::export(app);
            }
            app.screen = super::app::Screen::Questions;
            app.message = Some((false, "Not exported: answer more questions, then r to review.".into()));
            None
        }
        Overlay::SessionBusy(_) => {
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
        Overlay::ConfirmAdr(ask) => {
            app.overlay = None;
            if act != Some(Act::Accept) {
                app.message = Some((false, "No ADR written.".into()));
                return None;
            }
            Some(match ask {
                crate::tui::AdrAsk::Mixed { record, format, .. } => {
                    Effect::Adr { record, format, force: true, init: None }
                }
                crate::tui::AdrAsk::NoFolder { record, format, dir } => {
                    Effect::Adr { record, format, force: false, init: Some(dir) }
                }
            })
        }
        Overlay::Help => {
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
            None
        }
        Overlay::OfferResume => {
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
        Overlay::ConfirmQuit => match act {
            Some(Act::Accept) => Some(Effect::Quit),
            Some(Act::Review) => {
                app.overlay = None;
                go_review(app);
                None
            }
            _ => {
                app.overlay = None;
                None
            }
        },
        Overlay::ConfirmOverwrite(path) => match act {
            Some(Act::Accept) => {
                app.overlay = None;
                Some(Effect::Export { path, text: app.record().to_toml(), overwrite: true })
            }
            _ => {
                app.overlay = None;
                app.field = Field::Path;
                app.message = Some((false, "Not overwritten. Edit the path, then export.".into()));
                None
            }
        },
        Overlay::Note => {
            let field = super::fields::Field::Note(app.current);
            match act {
                Some(Act::Save) => {
                    app.answers.notes[app.current] = app.note_input.trim().to_string();
                    app.dirty = true;
                    app.overlay = None;
                }
                Some(Act::Cancel) => app.overlay = None,
                // Ctrl-O: write the note in $VISUAL/$EDITOR.
                _ if ctrl(&k, 'o') => {
                    return Some(Effect::EditExternal {
                        target: TextTarget::Note(app.current),
                        text: app.note_input.clone(),
                    });
                }
                _ => {
                    app.edit_key(field, k);
                }
            }
            None
        }
    }
}

fn go_review(app: &mut App) {
    app.screen = Screen::Review;
    app.preview = None;
    app.field = Field::Title;
    // The title starts as the interaction already described (the questionnaire's first text answer),
    // so it is not typed twice; it stays editable, and a title already typed is kept.
    if app.meta.title.trim().is_empty()
        && let Some(text) = app.q.questions.iter().enumerate().find_map(|(i, q)| match &app.answers.values[i] {
            Some(crate::core::answers::Value::Text(t)) if q.kind == Kind::Text && !t.trim().is_empty() => {
                Some(t.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
    {
        app.meta.title = text;
        app.title_suggested = true;
        app.derive_path();
    }
}

fn open_note(app: &mut App) {
    app.note_input = app.answers.notes[app.current].clone();
    app.overlay = Some(Overlay::Note);
}

/// Moves to the next applicable question, or to the review after the last.
fn advance(app: &mut App) {
    match app.next_visible(app.current) {
        Some(n) => app.open(n),
        None => go_review(app),
    }
}

fn back(app: &mut App) {
    if let Some(p) = app.prev_visible(app.current) {
        app.open(p);
    }
}

/// First question of the next (or previous) section.
fn jump_section(app: &mut App, forward: bool) {
    let here = app.q.questions[app.current].section;
    let n = app.q.questions.len();
    let order: Vec<usize> = if forward { (app.current + 1..n).collect() } else { (0..app.current).rev().collect() };
    let mut target = None;
    for i in order {
        if !app.visible(i) {
            continue;
        }
        if app.q.questions[i].section != here {
            target = Some(i);
            if forward {
                break;
            }
            // Going back: keep walking to the first question of that section.
            let s = app.q.questions[i].section;
            let mut first = i;
            while first > 0 && app.q.questions[first - 1].section == s {
                first -= 1;
            }
            target = Some(first);
            break;
        }
    }
    if let Some(t) = target {
        app.open(t);
    }
}

pub(super) fn is_typing(app: &App) -> bool {
    matches!(app.q.questions[app.current].kind, Kind::Duration | Kind::Number | Kind::Text)
}

pub(super) fn questions_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    app.message = None;
    match k.code {
        KeyCode::Tab => {
            app.focus = app.focus.next();
            return None;
        }
        KeyCode::BackTab => {
            app.focus = app.focus.prev();
            return None;
        }
        _ => {}
    }
    if ctrl(&k, 's') {
        go_review(app);
        return None;
    }
    if ctrl(&k, 'n') {
        open_note(app);
        return None;
    }
    let typing = app.focus == Focus::Question && is_typing(app);
    if typing {
        return if k.code == KeyCode::Esc { quit(app) } else { typing_key(app, k) };
    }
    // Every other key goes through the one key table (keymap.rs), which the help and footer list.
    let pane = match app.focus {
        Focus::List => Pane::List,
        Focus::Panel => Pane::Panel,
        Focus::Question => Pane::Choices,
    };
    let act = super::keymap::action(pane, k.code)?;
    match act {
        Act::Quit => return quit(app),
        Act::Help => app.overlay = Some(Overlay::Help),
        Act::Note => open_note(app),
        Act::Review => go_review(app),
        _ => match app.focus {
            Focus::List => list_key(app, act),
            Focus::Panel => panel_key(app, act),
            Focus::Question => choice_act(app, act, k.code == KeyCode::Char(' ')),
        },
    }
    None
}

fn panel_key(app: &mut App, act: Act) {
    match act {
        Act::Up => app.panel_scroll = app.panel_scroll.saturating_sub(1),
        Act::Down => app.panel_scroll = app.panel_scroll.saturating_add(1),
        Act::PageUp => app.panel_scroll = app.panel_scroll.saturating_sub(5),
        Act::PageDown => app.panel_scroll = app.panel_scroll.saturating_add(5),
        Act::First => app.panel_scroll = 0,
        _ => {}
    }
    // Never past the last line: scrolling back up starts moving at once.
    let most = super::panel::max_scroll(app, app.areas().panel);
    app.panel_scroll = app.panel_scroll.min(most);
}

fn list_key(app: &mut App, act: Act) {
    let n = app.q.questions.len();
    let visible: Vec<usize> = (0..n).filter(|i| app.visible(*i)).collect();
    let pos = visible.iter().position(|i| *i >= app.list_cursor).unwrap_or(0);
    let pick = |p: usize| visible.get(p).copied();
    let target = match act {
        Act::Up => pick(pos.saturating_sub(1)),
        Act::Down => pick((pos + 1).min(visible.len().saturating_sub(1))),
        Act::PageUp => pick(pos.saturating_sub(5)),
        Act::PageDown => pick((pos + 5).min(visible.len().saturating_sub(1))),
        Act::First => pick(0),
        Act::Last => visible.last().copied(),
        Act::Open => {
            let at = app.list_cursor;
            app.open(at);
            app.focus = Focus::Question;
            return;
        }
        _ => None,
    };
    if let Some(t) = target {
        app.list_cursor = t;
    }
}

/// A key on a choice question (Space, which ticks in multiple choice, arrives as [`Act::Choose`]
/// with `space` set).
fn choice_act(app: &mut App, act: Act, space: bool) {
    let kind = app.q.questions[app.current].kind;
    let count = app.option_count(app.current);
    let last = count.saturating_sub(1);
    match act {
        Act::Up => app.cursor = app.cursor.saturating_sub(1),
        Act::Down => app.cursor = (app.cursor + 1).min(last),
        Act::First => app.cursor = 0,
        Act::Last => app.cursor = last,
        Act::PageUp => jump_section(app, false),
        Act::PageDown => jump_section(app, true),
        Act::Back => back(app),
        Act::Forward => advance(app),
        Act::Clear => app.set_answer(None),
        Act::Why => app.why_full = !app.why_full,
        Act::Yes if kind == Kind::YesNo => choose(app, 0),
        Act::Choose if kind == Kind::Multiple && space => {
            let v = app.pending_value();
            app.set_answer(v);
        }
        Act::Choose if kind == Kind::Multiple => {
            if app.answers.values[app.current].is_none() {
                // Enter with nothing ticked takes the highlighted choice, like a single choice.
                let v = app.pending_value();
                app.set_answer(v);
            }
            advance(app);
        }
        Act::Choose => {
            let c = app.cursor;
            choose(app, c);
        }
        _ => {}
    }
    app.refresh_preview();
}

/// Takes option `i` of a single or yes/no question and moves on.
pub(super) fn choose(app: &mut App, i: usize) {
    app.cursor = i;
    let v = match app.q.questions[app.current].kind {
        Kind::YesNo => Value::Bool(i == 0),
        _ => Value::Choice(i),
    };
    app.set_answer(Some(v));
    advance(app);
}

fn typing_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    match k.code {
        KeyCode::Enter => {
            let q = &app.q.questions[app.current];
            if app.input.trim().is_empty() {
                app.set_answer(None);
                advance(app);
            } else {
                match Value::parse(q, &app.input) {
                    Ok(v) => {
                        app.set_answer(Some(v));
                        advance(app);
                    }
                    // The line under the input already says why, in full; this only says it was not taken.
                    Err(_) => app.message = Some((true, "Not taken: fix it, or empty it and Enter skips.".into())),
                }
            }
        }
        KeyCode::Backspace if app.input.is_empty() => back(app),
        // Shift-↑/↓ scroll the pane (a long "why we ask" above the input), the answer keeps the keys.
        KeyCode::Up if k.modifiers.contains(KeyModifiers::SHIFT) => app.peek(1),
        KeyCode::Down if k.modifiers.contains(KeyModifiers::SHIFT) => app.peek(-1),
        KeyCode::Up => back(app),
        KeyCode::Down => advance(app),
        KeyCode::PageUp => jump_section(app, false),
        KeyCode::PageDown => jump_section(app, true),
        // ← → move the cursor inside the text, and change question only at its ends.
        _ => match app.edit_key(super::fields::Field::Answer(app.current), k) {
            super::fields::Edit::AtStart => back(app),
            super::fields::Edit::AtEnd => advance(app),
            // Typing brings the input back into view.
            super::fields::Edit::Done => app.question_peek = 0,
            _ => {}
        },
    }
    app.refresh_preview();
    None
}
