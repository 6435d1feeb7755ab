//! The boxes drawn over the wizard (help, confirmations, offers, the note), one function each: what
//! they say and how big they are. `view` centres and draws them.

use ratatui::text::{Line, Span};

use super::app::{App, Overlay};
use super::keys;
use super::text::{clip, safe};
use super::theme::Theme;
use crate::effect::AdrAsk;

/// A box: its title, its lines, and its size with the border.
pub struct Popup<'a> {
    /// Title on the border.
    pub title: &'a str,
    /// The text.
    pub lines: Vec<Line<'a>>,
    /// Width with the border.
    pub width: u16,
    /// Height with the border.
    pub height: u16,
}

/// The box for overlay `o` on a screen `screen_height` rows tall.
pub fn dialog<'a>(app: &'a App, o: &'a Overlay, screen_height: u16) -> Popup<'a> {
    let t = &app.theme;
    match o {
        Overlay::Help => help(app, screen_height),
        Overlay::ConfirmQuit => confirm_quit(app),
        Overlay::OfferSystems(files) => offer_systems(t, files),
        Overlay::ConfirmFewAnswers => few_answers(app),
        Overlay::SessionBusy(pid) => session_busy(t, *pid),
        Overlay::ConfirmAdr(ask) => confirm_adr(t, ask),
        Overlay::ConfirmOverwrite(p) => Popup {
            title: " File exists ",
            lines: vec![
                Line::from(format!("{} already exists.", safe(&p.display().to_string()))),
                Line::raw(""),
                keys_line(t, &[(" y ", " overwrite   "), (" any other key ", " keep it and choose another path")]),
            ],
            width: 70,
            height: 6,
        },
        Overlay::OfferResume => offer_resume(app),
        Overlay::Note => Popup {
            title: " Note — Enter saves, Esc cancels, Ctrl-O $EDITOR ",
            lines: vec![
                Line::from(Span::styled(safe(&app.q.questions[app.current].prompt), t.muted())),
                Line::raw(""),
                Line::from(Span::styled(
                    app.with_cursor(super::text_field::TextField::Note(app.current), &app.note_input, 60),
                    t.text(),
                )),
            ],
            width: 70,
            height: 7,
        },
    }
}

/// A line of keys and what they do: ` y `  yes   ` any other key `  no.
fn keys_line<'a>(t: &Theme, keys: &[(&'a str, &'a str)]) -> Line<'a> {
    Line::from(
        keys.iter().flat_map(|(k, what)| [Span::styled(*k, t.highlight()), Span::raw(*what)]).collect::<Vec<_>>(),
    )
}

fn help(app: &App, screen_height: u16) -> Popup<'static> {
    let t = &app.theme;
    let lines: Vec<Line> = keys::help()
        .into_iter()
        .map(|(k, what)| {
            if k.is_empty() {
                Line::from(Span::styled(what, t.accent()))
            } else {
                let k = format!("{k:<w$}", w = keys::HELP_KEY_COLUMN);
                Line::from(vec![Span::styled(k, t.accent()), Span::styled(what, t.text())])
            }
        })
        .collect();
    // Taller than the screen (80x24): it scrolls, and says so.
    let rows = keys::help_rows(screen_height);
    let total = lines.len();
    let first = (app.help_scroll as usize).min(keys::help_scroll_most(screen_height));
    let lines: Vec<Line> = lines.into_iter().skip(first).take(rows.max(1)).collect();
    let title =
        if total > rows { " Keys — ↑↓ PgUp PgDn scroll, other keys close " } else { " Keys — any key closes " };
    let height = lines.len() as u16 + 2;
    Popup { title, lines, width: 76, height }
}

fn confirm_quit(app: &App) -> Popup<'static> {
    let t = &app.theme;
    let why = match (&app.save_error, app.read_only) {
        (Some(e), _) => Line::from(Span::styled(
            format!("Your answers are NOT saved (autosave failed: {}) and not exported: quitting loses them.", safe(e)),
            t.error(),
        )),
        (None, true) => Line::from("Read-only: your changes here are not saved and not exported."),
        _ => Line::from("Your answers are not exported yet; they are kept as a session (syskind sessions list)."),
    };
    Popup {
        title: " Quit? ",
        lines: vec![
            why,
            Line::raw(""),
            keys_line(t, &[(" y ", " quit   "), (" e ", " review and export   "), (" any other key ", " stay")]),
        ],
        width: 64,
        height: 6,
    }
}

fn offer_systems<'a>(t: &Theme, files: &'a [std::path::PathBuf]) -> Popup<'a> {
    let mut lines = vec![
        Line::from("This repository has system files: the parts of a system, their kinds and the calls between them."),
        Line::raw(""),
    ];
    for (k, f) in files.iter().take(9).enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", k + 1), t.highlight()),
            Span::raw(format!(" open {}", safe(&f.display().to_string()))),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(keys_line(t, &[(" any other key ", " classify one interaction here")]));
    let height = lines.len() as u16 + 2;
    Popup { title: " Systems ", lines, width: 72, height }
}

fn few_answers(app: &App) -> Popup<'static> {
    let v = &app.verdict;
    Popup {
        title: " Export with few answers? ",
        lines: vec![
            Line::from(format!(
                "Only {} of {} applicable questions are answered, so the verdict ({}, confidence {:.0}%) rests on little.",
                v.answered,
                v.applicable,
                v.label,
                v.confidence * 100.0
            )),
            Line::raw(""),
            keys_line(&app.theme, &[(" y ", " export anyway   "), (" any other key ", " back to the questions")]),
        ],
        width: 72,
        height: 7,
    }
}

fn session_busy(t: &Theme, pid: Option<u32>) -> Popup<'static> {
    let who = pid.map(|p| format!(" (process {p})")).unwrap_or_default();
    Popup {
        title: " Session already open ",
        lines: vec![
            Line::from(format!(
                "Another syskind{who} has this session open; if both saved, the last writer would win and the other's answers would be lost."
            )),
            Line::raw(""),
            keys_line(t, &[(" c ", " continue as a copy   "), (" r ", " read-only   "), (" q ", " quit")]),
        ],
        width: 72,
        height: 7,
    }
}

fn confirm_adr(t: &Theme, ask: &AdrAsk) -> Popup<'static> {
    let text = match ask {
        AdrAsk::Mixed { text, .. } => safe(text),
        AdrAsk::NoFolder { dir, .. } => format!(
            "There is no ADR folder yet. Create {} (as `adr init` would) and write the ADR there?",
            safe(&dir.display().to_string())
        ),
    };
    Popup {
        title: " Write the ADR? ",
        lines: vec![Line::from(text), Line::raw(""), keys_line(t, &[(" y ", " yes   "), (" any other key ", " no")])],
        width: 72,
        height: 9,
    }
}

fn offer_resume(app: &App) -> Popup<'static> {
    let t = &app.theme;
    let (when, n, title) = app.offer.as_ref().map(|s| (s.last_change(), s.answered(), s.about())).unwrap_or_default();
    let about = format!(" — \"{}\"", safe(&title));
    let mut lines = vec![Line::from(format!("You left a session on {when} with {n} answer(s){about}."))];
    // The others of this repository, listed (newest first), to resume by id.
    if !app.other_sessions.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{} more here (syskind sessions resume ID):", app.other_sessions.len()),
            t.muted(),
        )));
        for o in app.other_sessions.iter().take(5) {
            lines.push(Line::from(Span::styled(format!("  {}", clip(o, 66)), t.muted())));
        }
    }
    lines.push(Line::raw(""));
    // Rows as drawn: the first line wraps inside the box's 70 columns.
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(70)).sum();
    let height = rows as u16 + 3;
    lines
        .push(keys_line(t, &[(" y ", " resume it   "), (" n ", " start afresh (keep it)   "), (" d ", " discard it")]));
    Popup { title: " Unfinished session ", lines, width: 72, height }
}
