//! `view(&App, &mut Frame)`: draws the state, changes nothing. Header, panes, footer, overlays.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Focus, Overlay, Screen};
use super::keys;
use super::layout::{MIN_H, MIN_W, centered, too_small};
use super::text::{clip, safe};
use super::{list, panel, question_view, review};
use crate::core::questionnaire::Kind;

/// Draws the whole screen.
pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    let t = &app.theme;
    if too_small(area) {
        too_small_message(f, t, "Your answers are kept. q quits.");
        return;
    }
    let a = super::measure::areas_in(app, area);
    header(f, a.header, app);
    match &app.screen {
        Screen::Questions => {
            list::draw(f, a.list, app);
            question_view::draw(f, &a, app);
            panel::draw(f, a.panel, app);
            if let Some((error, m)) = &app.message {
                // Wrapped, never cut: a long message (an export error) grows upwards over the pane.
                let lines = crate::core::text::wrap(&safe(m), a.note.width.max(1) as usize);
                let h = (lines.len() as u16).min(a.note.y.saturating_sub(a.question.y + 1) + 1).max(1);
                let area = Rect { y: a.note.y + 1 - h, height: h, ..a.note };
                let style = if *error { t.error() } else { t.ok() };
                f.render_widget(Clear, area);
                let shown: Vec<Line> = lines.into_iter().map(|l| Line::from(Span::styled(l, style))).collect();
                f.render_widget(Paragraph::new(shown), area);
            }
        }
        Screen::Review => review::draw(f, a.body, app),
        Screen::Exported(p) => review::draw_exported(f, a.body, app, &p.display().to_string()),
    }
    footer(f, a.footer, app);
    if let Some(o) = &app.overlay {
        overlay(f, area, app, o);
    }
}

/// The short "enlarge to at least WxH" screen, drawn instead of a garbled layout.
pub fn too_small_message(f: &mut Frame, t: &super::theme::Theme, tail: &str) {
    let area = f.area();
    let msg = vec![
        Line::from(Span::styled("Terminal too small", t.error())),
        Line::from(format!("{}x{} now; enlarge to at least {MIN_W}x{MIN_H}.", area.width, area.height)),
        Line::from(Span::styled(tail.to_string(), t.muted())),
    ];
    f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
}

fn header(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let screen = match app.screen {
        Screen::Questions => "Questions",
        Screen::Review => "Review and export",
        Screen::Exported(_) => "Exported",
    };
    let right = "F1/? help ";
    let [l, r] = Layout::horizontal([Constraint::Min(10), Constraint::Length(right.len() as u16)]).areas(area);
    // The screen's name is what tells where you are: the questionnaire's title gives way first.
    let frame = format!(" syskind ·  · {screen} ");
    let room = (l.width as usize).saturating_sub(super::text::width(&frame));
    let left = format!(" syskind · {} · {screen}", clip(&safe(&app.q.title), room));
    f.render_widget(Paragraph::new(Span::styled(clip(&left, l.width as usize), t.accent())), l);
    f.render_widget(Paragraph::new(Span::styled(right, t.muted())), r);
}

fn footer(f: &mut Frame, area: Rect, app: &App) {
    // An autosave that failed, or a read-only view, is said where every key hint is read.
    let warning = match (&app.save_error, app.read_only) {
        (Some(e), _) => Some(format!(" not saved: {} — fix it, or export (r) to keep the answers", safe(e))),
        (None, true) => Some(" read-only: nothing here is saved".to_string()),
        _ => None,
    };
    if let Some(w) = warning {
        f.render_widget(Paragraph::new(Span::styled(clip(&w, area.width as usize), app.theme.error())), area);
        return;
    }
    let typing = app.screen == Screen::Questions
        && app.focus == Focus::Question
        && matches!(app.q.questions[app.current].kind, Kind::Duration | Kind::Number | Kind::Text);
    let mut hints = keys::footer(app, typing);
    // Drop hints from the middle until the line fits; help and quit (the last two) always stay.
    let len = |h: &[(&str, &str)]| h.iter().map(|(k, w)| k.chars().count() + w.chars().count() + 3).sum::<usize>();
    while len(&hints) > area.width as usize && hints.len() > 2 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = Vec::new();
    for (k, what) in hints {
        spans.push(Span::styled(format!(" {k}"), app.theme.accent()));
        spans.push(Span::styled(format!(" {what} "), app.theme.muted()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn overlay(f: &mut Frame, area: Rect, app: &App, o: &Overlay) {
    let t = &app.theme;
    let (title, lines, w, h): (&str, Vec<Line>, u16, u16) = match o {
        Overlay::Help => {
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
            let rows = keys::help_rows(area.height);
            let total = lines.len();
            let first = (app.help_scroll as usize).min(keys::help_scroll_most(area.height));
            let lines: Vec<Line> = lines.into_iter().skip(first).take(rows.max(1)).collect();
            let title = if total > rows {
                " Keys — ↑↓ PgUp PgDn scroll, other keys close "
            } else {
                " Keys — any key closes "
            };
            let h = lines.len() as u16 + 2;
            (title, lines, 76, h)
        }
        Overlay::ConfirmQuit => (
            " Quit? ",
            vec![
                match (&app.save_error, app.read_only) {
                    (Some(e), _) => Line::from(Span::styled(
                        format!(
                            "Your answers are NOT saved (autosave failed: {}) and not exported: quitting loses them.",
                            safe(e)
                        ),
                        t.error(),
                    )),
                    (None, true) => Line::from("Read-only: your changes here are not saved and not exported."),
                    _ => Line::from(
                        "Your answers are not exported yet; they are kept as a session (syskind sessions list).",
                    ),
                },
                Line::raw(""),
                Line::from(vec![
                    Span::styled(" y ", t.highlight()),
                    Span::raw(" quit   "),
                    Span::styled(" e ", t.highlight()),
                    Span::raw(" review and export   "),
                    Span::styled(" any other key ", t.highlight()),
                    Span::raw(" stay"),
                ]),
            ],
            64,
            6,
        ),
        Overlay::OfferSystems(files) => {
            let mut lines = vec![
                Line::from(
                    "This repository has system files: the parts of a system, their kinds and the calls between them.",
                ),
                Line::raw(""),
            ];
            for (k, f) in files.iter().take(9).enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} ", k + 1), t.highlight()),
                    Span::raw(format!(" open {}", safe(&f.display().to_string()))),
                ]));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled(" any other key ", t.highlight()),
                Span::raw(" classify one interaction here"),
            ]));
            let h = lines.len() as u16 + 2;
            (" Systems ", lines, 72, h)
        }
        Overlay::ConfirmFewAnswers => {
            let v = &app.verdict;
            (
                " Export with few answers? ",
                vec![
                    Line::from(format!(
                        "Only {} of {} applicable questions are answered, so the verdict ({}, confidence {:.0}%) rests on little.",
                        v.answered,
                        v.applicable,
                        v.label,
                        v.confidence * 100.0
                    )),
                    Line::raw(""),
                    Line::from(vec![
                        Span::styled(" y ", t.highlight()),
                        Span::raw(" export anyway   "),
                        Span::styled(" any other key ", t.highlight()),
                        Span::raw(" back to the questions"),
                    ]),
                ],
                72,
                7,
            )
        }
        Overlay::SessionBusy(pid) => {
            let who = pid.map(|p| format!(" (process {p})")).unwrap_or_default();
            (
                " Session already open ",
                vec![
                    Line::from(format!(
                        "Another syskind{who} has this session open; if both saved, the last writer would win and the other's answers would be lost."
                    )),
                    Line::raw(""),
                    Line::from(vec![
                        Span::styled(" c ", t.highlight()),
                        Span::raw(" continue as a copy   "),
                        Span::styled(" r ", t.highlight()),
                        Span::raw(" read-only   "),
                        Span::styled(" q ", t.highlight()),
                        Span::raw(" quit"),
                    ]),
                ],
                72,
                7,
            )
        }
        Overlay::ConfirmAdr(ask) => {
            let text = match ask {
                crate::tui::AdrAsk::Mixed { text, .. } => safe(text),
                crate::tui::AdrAsk::NoFolder { dir, .. } => format!(
                    "There is no ADR folder yet. Create {} (as `adr init` would) and write the ADR there?",
                    safe(&dir.display().to_string())
                ),
            };
            (
                " Write the ADR? ",
                vec![
                    Line::from(text),
                    Line::raw(""),
                    Line::from(vec![
                        Span::styled(" y ", t.highlight()),
                        Span::raw(" yes   "),
                        Span::styled(" any other key ", t.highlight()),
                        Span::raw(" no"),
                    ]),
                ],
                72,
                9,
            )
        }
        Overlay::ConfirmOverwrite(p) => (
            " File exists ",
            vec![
                Line::from(format!("{} already exists.", safe(&p.display().to_string()))),
                Line::raw(""),
                Line::from(vec![
                    Span::styled(" y ", t.highlight()),
                    Span::raw(" overwrite   "),
                    Span::styled(" any other key ", t.highlight()),
                    Span::raw(" keep it and choose another path"),
                ]),
            ],
            70,
            6,
        ),
        Overlay::OfferResume => {
            let (when, n, title) =
                app.offer.as_ref().map(|s| (s.last_change(), s.answered(), s.about())).unwrap_or_default();
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
            let h = rows as u16 + 3;
            (
                " Unfinished session ",
                lines
                    .into_iter()
                    .chain([Line::from(vec![
                        Span::styled(" y ", t.highlight()),
                        Span::raw(" resume it   "),
                        Span::styled(" n ", t.highlight()),
                        Span::raw(" start afresh (keep it)   "),
                        Span::styled(" d ", t.highlight()),
                        Span::raw(" discard it"),
                    ])])
                    .collect(),
                72,
                h,
            )
        }
        Overlay::Note => (
            " Note — Enter saves, Esc cancels, Ctrl-O $EDITOR ",
            vec![
                Line::from(Span::styled(safe(&app.q.questions[app.current].prompt), t.muted())),
                Line::raw(""),
                Line::from(Span::styled(
                    app.with_cursor(crate::tui::text_field::TextField::Note(app.current), &app.note_input, 60),
                    t.text(),
                )),
            ],
            70,
            7,
        ),
    };
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title).border_style(t.border(true))),
        r,
    );
}
