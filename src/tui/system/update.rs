//! Keys on the system screen become state changes; edits to the file become an export effect (the
//! loop writes it atomically), so `update` stays pure.

use super::CALL_FIELDS;
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

use super::{CallForm, SystemApp, SystemOverlay, SystemPane};
use crate::core::system::{self, Call, Mode, edit};
use crate::effect::{Effect, Handoff};
use crate::tui::app::Msg;
use crate::tui::keymap::{self, Act, Pane};

const MODES: [Mode; 3] = [Mode::Sync, Mode::Async, Mode::Schedule];

fn write(app: &mut SystemApp, text: Result<String, edit::EditError>, done: String) -> Option<Effect> {
    match text {
        Ok(t) => {
            app.text = t.clone();
            app.findings = system::check(&app.system);
            app.message = Some((false, done));
            Some(Effect::Export { path: app.file.clone(), text: t, overwrite: true })
        }
        Err(e) => {
            app.message = Some((true, e.to_string()));
            None
        }
    }
}

fn add_call(app: &mut SystemApp) -> Option<Effect> {
    let CallForm { from, to, mode, timeout, note } = app.form.clone();
    let s = &app.system;
    let timeout = match timeout.trim() {
        "" => None,
        t => match crate::core::duration::Duration::parse(t) {
            Ok(d) => Some(d),
            Err(e) => {
                app.message = Some((true, format!("the timeout: {e}")));
                return None;
            }
        },
    };
    if from == to {
        app.message = Some((true, "a part cannot call itself: pick another part".into()));
        return None;
    }
    if s.calls.iter().any(|c| c.from == from && c.to == to) {
        app.message =
            Some((true, format!("{} already calls {}: remove that call first", s.parts[from].id, s.parts[to].id)));
        return None;
    }
    let written = timeout.map(|d| d.to_string());
    let text = edit::add_call_with(&app.text, &s.parts[from].id, &s.parts[to].id, mode, written.as_deref(), &note);
    if text.is_ok() {
        app.system.calls.push(Call { from, to, mode, timeout, note: crate::core::text::safe(note.trim()) });
        app.call = app.system.calls.len() - 1;
    }
    app.overlay = None;
    let done = format!("added the call {}", app.system.call_text(app.system.calls.last()?));
    write(app, text, done)
}

fn remove(app: &mut SystemApp) -> Option<Effect> {
    app.overlay = None;
    match app.pane {
        SystemPane::Calls if app.call < app.system.calls.len() => {
            let text = edit::remove_call(&app.text, app.call);
            let gone = app.system.calls.remove(app.call);
            app.call = app.call.min(app.system.calls.len().saturating_sub(1));
            let done =
                format!("removed the call {} → {}", app.system.parts[gone.from].id, app.system.parts[gone.to].id);
            write(app, text, done)
        }
        SystemPane::Parts if app.part < app.system.parts.len() => {
            let i = app.part;
            let id = app.system.parts[i].id.clone();
            let text = edit::remove_part(&app.text, &id);
            if text.is_ok() {
                app.system.parts.remove(i);
                app.system.calls.retain(|c| c.from != i && c.to != i);
                for c in &mut app.system.calls {
                    c.from -= usize::from(c.from > i);
                    c.to -= usize::from(c.to > i);
                }
                app.part = app.part.min(app.system.parts.len().saturating_sub(1));
                app.call = app.call.min(app.system.calls.len().saturating_sub(1));
            }
            write(app, text, format!("removed the part {id} and its calls"))
        }
        _ => None,
    }
}

fn step(i: &mut usize, by: isize, n: usize) {
    if n > 0 {
        *i = (*i as isize + by).rem_euclid(n as isize) as usize;
    }
}

/// How the screen starts (what the last screen carried over).
fn setup(app: &mut SystemApp, s: crate::tui::Setup) {
    use crate::tui::Setup;
    match s {
        Setup::Part(i) => app.part = i.min(app.system.parts.len().saturating_sub(1)),
        Setup::Say(error, text) => app.message = Some((error, text)),
        Setup::OfferBehind(i) if i < app.system.parts.len() => app.overlay = Some(SystemOverlay::OfferBehind(i)),
        Setup::OfferAdrFolder(format, dir) => app.overlay = Some(SystemOverlay::OfferAdrFolder(format, dir)),
        _ => {}
    }
}

/// Applies a message.
pub fn update(app: &mut SystemApp, msg: Msg) -> Option<Effect> {
    let key = match msg {
        Msg::Setup(s) => {
            setup(app, s);
            return None;
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            return None;
        }
        Msg::Exported(Err(e)) => {
            app.message = Some((true, format!("not saved: {e}")));
            return None;
        }
        Msg::Key(k) if k.kind != KeyEventKind::Release => k,
        _ => return None,
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Effect::Quit);
    }
    match app.overlay.clone() {
        Some(o) => overlay_key(app, o, key.code),
        None => screen_key(app, key.code),
    }
}

/// The call form: fields move with ↑↓/Tab, choices with ←→; the timeout and the note are typed.
fn call_form_key(app: &mut SystemApp, field: usize, code: KeyCode) -> Option<Effect> {
    let n_parts = app.system.parts.len();
    match code {
        KeyCode::Esc => app.overlay = None,
        KeyCode::Enter => return add_call(app),
        KeyCode::Up | KeyCode::BackTab => {
            app.overlay = Some(SystemOverlay::AddCall((field + CALL_FIELDS - 1) % CALL_FIELDS))
        }
        KeyCode::Down | KeyCode::Tab => app.overlay = Some(SystemOverlay::AddCall((field + 1) % CALL_FIELDS)),
        KeyCode::Char(c) if field >= 3 => {
            if field == 3 { &mut app.form.timeout } else { &mut app.form.note }.push(c);
        }
        KeyCode::Backspace if field >= 3 => {
            if field == 3 { &mut app.form.timeout } else { &mut app.form.note }.pop();
        }
        KeyCode::Left | KeyCode::Right if field < 3 => {
            let by = if code == KeyCode::Left { -1 } else { 1 };
            match field {
                0 => step(&mut app.form.from, by, n_parts),
                1 => step(&mut app.form.to, by, n_parts),
                _ => {
                    let mut m = MODES.iter().position(|x| *x == app.form.mode).unwrap_or(0);
                    step(&mut m, by, MODES.len());
                    app.form.mode = MODES[m];
                }
            }
        }
        _ => {}
    }
    None
}

/// Keys while a box is open (through the key table: `y` says yes, any other key no or close).
fn overlay_key(app: &mut SystemApp, overlay: SystemOverlay, code: KeyCode) -> Option<Effect> {
    if let SystemOverlay::AddCall(field) = overlay {
        return call_form_key(app, field, code);
    }
    let pane = if matches!(overlay, SystemOverlay::Map(_)) { Pane::SystemMap } else { Pane::SystemYesNo };
    let act = keymap::action(pane, code);
    app.overlay = None;
    match (overlay, act) {
        (SystemOverlay::ConfirmRemove, Some(Act::Accept)) => return remove(app),
        (SystemOverlay::OfferAdrFolder(format, _), Some(Act::Accept)) => {
            return Some(Effect::Hand(Handoff::SystemAdrInit(format)));
        }
        (SystemOverlay::OfferBehind(i), Some(Act::Accept)) => return Some(Effect::Hand(Handoff::AddBehind(i))),
        // The map scrolls (it can be longer than the screen); any other key closes it.
        (SystemOverlay::Map(at), Some(act)) => {
            app.overlay = match act {
                Act::Down => Some(SystemOverlay::Map(at.saturating_add(1))),
                Act::Up => Some(SystemOverlay::Map(at.saturating_sub(1))),
                Act::PageDown => Some(SystemOverlay::Map(at.saturating_add(10))),
                Act::PageUp => Some(SystemOverlay::Map(at.saturating_sub(10))),
                Act::First => Some(SystemOverlay::Map(0)),
                _ => None,
            };
        }
        _ => {}
    }
    None
}

/// Keys on the screen itself, through the key table.
fn screen_key(app: &mut SystemApp, code: KeyCode) -> Option<Effect> {
    let n_parts = app.system.parts.len();
    app.message = None;
    match keymap::action(Pane::System, code)? {
        Act::Quit => return Some(Effect::Quit),
        Act::Help => app.overlay = Some(SystemOverlay::Help),
        Act::Map => app.overlay = Some(SystemOverlay::Map(0)),
        Act::SwitchPane => {
            app.pane = if app.pane == SystemPane::Parts { SystemPane::Calls } else { SystemPane::Parts };
        }
        act @ (Act::Up | Act::Down) => {
            let by = if act == Act::Up { -1 } else { 1 };
            match app.pane {
                SystemPane::Parts => step(&mut app.part, by, n_parts),
                SystemPane::Calls => step(&mut app.call, by, app.system.calls.len()),
            }
        }
        Act::Open if app.pane == SystemPane::Parts && n_parts > 0 => {
            return Some(Effect::Hand(Handoff::OpenPart(app.part)));
        }
        Act::AddPart => return Some(Effect::Hand(Handoff::AddPart)),
        Act::AddCall => open_call_form(app),
        Act::Remove => {
            let any = match app.pane {
                SystemPane::Parts => n_parts > 0,
                SystemPane::Calls => !app.system.calls.is_empty(),
            };
            if any {
                app.overlay = Some(SystemOverlay::ConfirmRemove);
            }
        }
        Act::Adr => return Some(Effect::Hand(Handoff::SystemAdr(crate::core::adr::Format::Nygard))),
        Act::Madr => return Some(Effect::Hand(Handoff::SystemAdr(crate::core::adr::Format::Madr))),
        _ => {}
    }
    None
}

/// Opens the call form from the highlighted part to the next (a call needs two parts).
fn open_call_form(app: &mut SystemApp) {
    let n_parts = app.system.parts.len();
    if n_parts < 2 {
        app.message = Some((true, "a call needs two parts: add a part first (a)".into()));
        return;
    }
    let from = app.part.min(n_parts - 1);
    app.form =
        CallForm { from, to: (from + 1) % n_parts, mode: Mode::Async, timeout: String::new(), note: String::new() };
    app.overlay = Some(SystemOverlay::AddCall(0));
}
