//! Keys on the question screen: choosing, typing, moving between questions and sections, the list
//! and the panel; and what every screen shares (Ctrl-<key>, quitting).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Focus, Overlay, ReviewField, Screen};
use super::keymap::{Act, Pane};
use super::text_field::TextField;
use crate::core::answers::Value;
use crate::core::questionnaire::Kind;
use crate::effect::Effect;

/// Whether `k` is Ctrl-`c`.
pub fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

/// Leaves, or asks first when there are unsaved answers.
pub fn quit(app: &mut App) -> Option<Effect> {
    if app.dirty {
        app.overlay = Some(Overlay::ConfirmQuit);
        None
    } else {
        Some(Effect::Quit)
    }
}

pub fn go_review(app: &mut App) {
    app.screen = Screen::Review;
    app.preview = None;
    app.field = ReviewField::Title;
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

pub fn open_note(app: &mut App) {
    app.note_input = app.answers.notes[app.current].clone();
    app.overlay = Some(Overlay::Note);
}

/// Moves to the next applicable question, or to the review after the last.
pub fn advance(app: &mut App) {
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

pub fn is_typing(app: &App) -> bool {
    matches!(app.q.questions[app.current].kind, Kind::Duration | Kind::Number | Kind::Text)
}

pub fn questions_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
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
    let most = super::panel::max_scroll(app, super::measure::areas(app).panel);
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
pub fn choose(app: &mut App, i: usize) {
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
        KeyCode::Up if k.modifiers.contains(KeyModifiers::SHIFT) => super::measure::peek(app, 1),
        KeyCode::Down if k.modifiers.contains(KeyModifiers::SHIFT) => super::measure::peek(app, -1),
        KeyCode::Up => back(app),
        KeyCode::Down => advance(app),
        KeyCode::PageUp => jump_section(app, false),
        KeyCode::PageDown => jump_section(app, true),
        // ← → move the cursor inside the text, and change question only at its ends.
        _ => match app.edit_key(TextField::Answer(app.current), k) {
            super::text_field::Edit::AtStart => back(app),
            super::text_field::Edit::AtEnd => advance(app),
            // Typing brings the input back into view.
            super::text_field::Edit::Done => app.question_peek = 0,
            _ => {}
        },
    }
    app.refresh_preview();
    None
}
