//! The question pane: prompt, "why we ask", the choices or the input field, and the note.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Focus};
use super::layout::Areas;
use super::text::{clip, safe};
use crate::core::answers::Value;
use crate::core::duration::Duration;
use crate::core::questionnaire::Kind;

/// Draws the current question.
pub fn draw(f: &mut Frame, a: &Areas, app: &App) {
    let t = &app.theme;
    let i = app.current;
    let q = &app.q.questions[i];
    let focused = app.focus == Focus::Question;
    let applicable: Vec<usize> = (0..app.q.questions.len()).filter(|j| app.visible(*j)).collect();
    let pos = applicable.iter().position(|j| *j == i).map_or(0, |p| p + 1);
    let section = app.section_title(i);
    let title = if section.is_empty() {
        format!(" Question {pos} of {} ", applicable.len())
    } else {
        format!(" {} · Question {pos} of {} ", safe(section), applicable.len())
    };
    f.render_widget(Block::bordered().title(title).border_style(t.border(focused)), a.question);

    let mut lines = vec![Line::from(Span::styled(safe(&q.prompt), t.accent())), Line::raw("")];
    if !q.help.is_empty() {
        lines.push(Line::from(vec![Span::styled("Why we ask: ", t.muted()), Span::styled(safe(&q.help), t.text())]));
    }
    // The source link is long; on narrow terminals its rows go to the "why we ask" text instead.
    if let (Some(src), true) = (&q.source, super::layout::shows_source(app.size.0)) {
        lines.push(Line::from(Span::styled(format!("Source: {}", safe(src)), t.muted())));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), a.prompt);

    let width = a.choices.width.saturating_sub(4) as usize;
    match q.kind {
        Kind::Single | Kind::Multiple | Kind::YesNo => {
            let labels: Vec<String> = match q.kind {
                Kind::YesNo => vec!["Yes".into(), "No".into()],
                _ => q.choices.iter().map(|c| safe(&c.label)).collect(),
            };
            let answer = app.answers.values[i].as_ref();
            let rows: Vec<Line> = labels
                .iter()
                .enumerate()
                .map(|(k, label)| {
                    let chosen = match answer {
                        Some(Value::Choice(c)) => *c == k,
                        Some(Value::Bool(b)) => *b == (k == 0),
                        Some(Value::Choices(m)) => m & (1 << k) != 0,
                        _ => false,
                    };
                    let mark = match (q.kind, chosen) {
                        (Kind::Multiple, true) => "[x]",
                        (Kind::Multiple, false) => "[ ]",
                        (_, true) => "(•)",
                        (_, false) => "( )",
                    };
                    let arrow = if k == app.cursor { "›" } else { " " };
                    let text = clip(&format!("{arrow}{mark} {label}"), width + 2);
                    let style = if k == app.cursor && focused { t.highlight() } else { t.text() };
                    Line::from(Span::styled(text, style))
                })
                .collect();
            let hint = match q.kind {
                Kind::Multiple => " Space ticks · Enter confirms ",
                _ => " Enter or Space chooses ",
            };
            f.render_widget(
                Paragraph::new(rows).block(Block::bordered().title(hint).border_style(t.border(focused))),
                a.choices,
            );
        }
        Kind::Duration | Kind::Number | Kind::Text => {
            let hint = match q.kind {
                Kind::Duration => " Type a duration · Enter confirms ",
                Kind::Number => " Type a number · Enter confirms ",
                _ => " Type your answer · Enter confirms ",
            };
            let cursor = if focused { "▏" } else { "" };
            let status = if app.input.trim().is_empty() {
                let text = match q.kind {
                    Kind::Duration => "e.g. 250ms, 2s, 5m, 1h, 1d — empty: Enter skips",
                    _ => "Empty: Enter skips the question.",
                };
                Line::from(Span::styled(text, t.muted()))
            } else {
                match Value::parse(q, &app.input) {
                    Ok(Value::Duration(d)) => {
                        let band =
                            q.band_of(d.as_millis() as f64).map(|b| q.bands[b].label.clone()).unwrap_or_default();
                        Line::from(Span::styled(format!("✓ {} ({})", describe(d), band), t.ok()))
                    }
                    Ok(v) if q.kind == Kind::Text => {
                        Line::from(Span::styled(format!("✓ {} characters", v.display(q).chars().count()), t.ok()))
                    }
                    Ok(v) => Line::from(Span::styled(format!("✓ {}", v.display(q)), t.ok())),
                    // Short enough for 80 columns: what is wrong and what to type instead.
                    Err(_) if q.kind == Kind::Duration => {
                        Line::from(Span::styled("✗ not a duration — type e.g. 250ms, 2s, 5m, 1h, 1d", t.error()))
                    }
                    Err(_) => Line::from(Span::styled("✗ not a number — type digits, e.g. 42 or 2.5", t.error())),
                }
            };
            let lines =
                vec![Line::from(Span::styled(format!("{}{cursor}", clip(&safe(&app.input), width)), t.text())), status];
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered().title(hint).border_style(t.border(focused))),
                a.choices,
            );
        }
    }

    let note = &app.answers.notes[i];
    let key = if matches!(q.kind, Kind::Duration | Kind::Number | Kind::Text) { "Ctrl-N" } else { "n" };
    let line = if note.is_empty() {
        Line::from(Span::styled(format!("No note ({key} adds one)"), t.muted()))
    } else {
        Line::from(vec![
            Span::styled("Note: ", t.muted()),
            Span::styled(clip(&safe(note), a.note.width.saturating_sub(8) as usize), t.text()),
        ])
    };
    f.render_widget(Paragraph::new(line), a.note);
}

/// `2s` → `2 seconds`, for the parsed-value echo.
fn describe(d: Duration) -> String {
    let ms = d.as_millis();
    let (n, unit) = match ms {
        0..1_000 => (ms as f64, "milliseconds"),
        1_000..60_000 => (ms as f64 / 1_000.0, "seconds"),
        60_000..3_600_000 => (ms as f64 / 60_000.0, "minutes"),
        3_600_000..86_400_000 => (ms as f64 / 3_600_000.0, "hours"),
        _ => (ms as f64 / 86_400_000.0, "days"),
    };
    format!("{} {unit}", (n * 100.0).round() / 100.0)
}
