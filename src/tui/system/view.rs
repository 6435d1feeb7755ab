//! Drawing the system screen: parts (kind in colour and in words, confidence, findings) and calls on
//! top, the system's findings below, keys at the foot. Draws only; works from 80x24.

use crate::core::system::checks::is_part_own;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{SystemApp, SystemOverlay, SystemPane};
use crate::core::questionnaire::Risk;
use crate::core::system::map;
use crate::core::text::{clip, safe};
use crate::tui::layout::{centered, too_small};

/// Draws the screen.
pub fn view(app: &SystemApp, f: &mut Frame) {
    let area = f.area();
    let t = &app.theme;
    if too_small(area) {
        crate::tui::view::too_small_message(f, t, "Ctrl-C quits.");
        return;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let s = &app.system;
    let high = app.findings.iter().filter(|f| f.risk == Risk::High).count();
    let head = format!(
        " syskind · system · {} · {} part{} · {} call{} · {} finding{} ({high} high)",
        safe(&s.title),
        s.parts.len(),
        if s.parts.len() == 1 { "" } else { "s" },
        s.calls.len(),
        if s.calls.len() == 1 { "" } else { "s" },
        app.findings.len(),
        if app.findings.len() == 1 { "" } else { "s" },
    );
    f.render_widget(Paragraph::new(Span::styled(clip(&head, header.width as usize), t.accent())), header);
    let list_h = (s.parts.len().max(s.calls.len()) as u16 + 2).clamp(5, body.height.saturating_sub(6).max(5));
    let [top, bottom] = Layout::vertical([Constraint::Length(list_h), Constraint::Min(3)]).areas(body);
    let [left, right] = Layout::horizontal([Constraint::Percentage(44), Constraint::Percentage(56)]).areas(top);
    parts(f, left, app);
    calls(f, right, app);
    findings(f, bottom, app);
    let keys = crate::tui::keymap::footer_line(&crate::tui::keymap::footer(crate::tui::keymap::Pane::System));
    let foot = match &app.message {
        Some((true, m)) => Span::styled(clip(&format!(" {}", safe(m)), footer.width as usize), t.error()),
        Some((false, m)) => Span::styled(clip(&format!(" {}", safe(m)), footer.width as usize), t.ok()),
        None => Span::styled(clip(&keys, footer.width as usize), t.muted()),
    };
    f.render_widget(Paragraph::new(foot), footer);
    if let Some(o) = &app.overlay {
        overlay(f, area, app, o);
    }
}

fn kind_word(label: &str) -> String {
    match label {
        "Hard real-time" => "HARD".into(),
        "Soft real-time" => "SOFT".into(),
        "Offline" => "OFFLINE".into(),
        other => other.to_uppercase(),
    }
}

fn parts(f: &mut Frame, area: Rect, app: &SystemApp) {
    let t = &app.theme;
    let w = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = app
        .system
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let here = app.pane == SystemPane::Parts && i == app.part;
            let mark = if here { "›" } else { " " };
            let n = app.findings_of(i);
            let flags = if n > 0 { format!("!{n}") } else { String::new() };
            let tail = format!(" {:<7} {:>3.0}% {flags:<2}", kind_word(&p.verdict.label), p.verdict.confidence * 100.0);
            let id_w = w.saturating_sub(tail.chars().count() + 1);
            let id = clip(&safe(&p.id), id_w);
            let style = if here { t.highlight() } else { t.text() };
            Line::from(vec![
                Span::styled(format!("{mark}{id:<id_w$}"), style),
                Span::styled(tail, t.class(p.verdict.class_index)),
            ])
        })
        .collect();
    let title = format!(" Parts ({}) ", app.system.parts.len());
    f.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title).border_style(t.border(app.pane == SystemPane::Parts))),
        area,
    );
}

fn calls(f: &mut Frame, area: Rect, app: &SystemApp) {
    let t = &app.theme;
    let w = area.width.saturating_sub(2) as usize;
    let s = &app.system;
    let mut lines: Vec<Line> = s
        .calls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let here = app.pane == SystemPane::Calls && i == app.call;
            let flagged = app.flagged(i);
            // The mode leads, so it stays readable when long ids are cut.
            let text = format!(
                "{}{}{:<5} {} → {}",
                if here { "›" } else { " " },
                if flagged { "!" } else { " " },
                match c.mode {
                    crate::core::system::Mode::Schedule => "sched",
                    m => m.name(),
                },
                safe(&s.parts[c.from].id),
                safe(&s.parts[c.to].id),
            );
            let style = if here {
                t.highlight()
            } else if flagged {
                t.error()
            } else {
                t.text()
            };
            Line::from(Span::styled(clip(&text, w), style))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(clip(" No calls yet: c adds one.", w), t.muted())));
    }
    let title = format!(" Calls ({}) ", s.calls.len());
    f.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title).border_style(t.border(app.pane == SystemPane::Calls))),
        area,
    );
}

fn findings(f: &mut Frame, area: Rect, app: &SystemApp) {
    let t = &app.theme;
    let mut lines = Vec::new();
    let row = |fd: &crate::core::engine::Finding| {
        let style = if fd.risk == Risk::High { t.error() } else { t.text() };
        Line::from(vec![
            Span::styled(format!("{} {} ", fd.risk.name().to_uppercase(), fd.practice), style),
            Span::styled(safe(&fd.text), t.text()),
        ])
    };
    // Two groups, each labelled: the selected part's own risk review, then the system's checks.
    if let Some(p) = app.system.parts.get(app.part) {
        lines.push(Line::from(Span::styled(
            format!("This part · {} · {}", safe(&p.id), p.verdict.full_label()),
            t.accent(),
        )));
        let own: Vec<_> = app.findings.iter().filter(|f| is_part_own(f) && f.parts == [p.id.clone()]).collect();
        if own.is_empty() {
            lines.push(Line::from(Span::styled("  no findings in its own answers", t.ok())));
        }
        lines.extend(own.into_iter().map(row));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled("The system · calls and parts together", t.accent())));
    let system: Vec<_> = app.findings.iter().filter(|f| !is_part_own(f)).collect();
    if system.is_empty() {
        lines.push(Line::from(Span::styled(
            "  No findings: no part waits synchronously on a less stringent one, and no other risky shape.",
            t.ok(),
        )));
    }
    lines.extend(system.into_iter().map(row));
    let others = app
        .findings
        .iter()
        .filter(|f| is_part_own(f) && app.system.parts.get(app.part).is_none_or(|p| f.parts != [p.id.clone()]))
        .count();
    if others > 0 {
        lines.push(Line::from(Span::styled(format!("  and {others} in other parts' own answers"), t.muted())));
    }
    let title = clip(" Findings ", area.width.saturating_sub(4) as usize);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title).border_style(t.border(false))),
        area,
    );
}

fn overlay(f: &mut Frame, area: Rect, app: &SystemApp, o: &SystemOverlay) {
    let s = &app.system;
    let w = area.width.saturating_sub(8).min(76);
    let (title, lines, h): (String, Vec<Line>, u16) = match o {
        SystemOverlay::AddCall(field) => (" Add a call ".into(), call_form(app, *field), 9),
        SystemOverlay::ConfirmRemove => {
            let text = match app.pane {
                SystemPane::Parts => {
                    let p = &s.parts[app.part];
                    let n = s.calls.iter().filter(|c| c.from == app.part || c.to == app.part).count();
                    format!(
                        "Remove the part {} and its {n} call(s) from the system file? (Its record stays.) y removes; any other key keeps it.",
                        safe(&p.id)
                    )
                }
                SystemPane::Calls => format!(
                    "Remove the call {}? y removes; any other key keeps it.",
                    safe(&s.call_text(&s.calls[app.call]))
                ),
            };
            (" Remove? ".into(), vec![Line::from(text)], 5)
        }
        SystemOverlay::OfferAdrFolder(_, dir) => {
            let text = format!(
                "There is no ADR folder yet. Create {} (as `syskind adr init` does, with its first ADR) and write the system's ADR there? y creates it; any other key does nothing.",
                safe(&dir.display().to_string())
            );
            (" No ADR folder ".into(), vec![Line::from(text)], 6)
        }
        SystemOverlay::OfferBehind(i) => {
            let text = format!(
                "{} accepts synchronously and enqueues the work, but no part takes it from the queue. Add the part behind the queue now? The wizard opens prefilled with the answers that carry over, and an async call joins them. y adds; any other key skips.",
                safe(&s.parts[*i].id)
            );
            (" The part behind the queue ".into(), vec![Line::from(text)], 7)
        }
        SystemOverlay::Map(at) => map_box(app, *at, w, area.height),
        SystemOverlay::Help => (" Keys (any key closes) ".into(), help_lines(&app.theme), 11),
    };
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(Block::bordered().title(title)), r);
}

/// The call form's rows, the field being changed highlighted.
fn call_form(app: &SystemApp, field: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = &app.system;
    let row = |i: usize, name: &str, v: String| {
        let style = if i == field { t.highlight() } else { t.text() };
        Line::from(Span::styled(format!("{name:<6} ‹ {} ›", safe(&v)), style))
    };
    let typed = |i: usize, name: &str, v: &str, hint: &str| {
        let style = if i == field { t.highlight() } else { t.text() };
        let shown = if v.is_empty() && i != field { hint.to_string() } else { safe(v) };
        let cursor = if i == field { "▏" } else { "" };
        Line::from(Span::styled(format!("{name:<8} {shown}{cursor}"), style))
    };
    vec![
        row(0, "From", s.parts[app.form.from].id.clone()),
        row(1, "To", s.parts[app.form.to].id.clone()),
        row(2, "Mode", app.form.mode.name().to_string()),
        typed(3, "Timeout", &app.form.timeout, "(none; e.g. 2s)"),
        typed(4, "Note", &app.form.note, "(none)"),
        Line::raw(""),
        Line::from(Span::styled("←/→ change  type timeout, note  ↑/↓ field  Enter adds  Esc cancels", t.muted())),
    ]
}

/// The map as text, wrapped (never cut: a long line continues, indented, on the next) and scrolled
/// to line `at`; its title, lines and height on a screen `screen_height` rows tall.
fn map_box(app: &SystemApp, at: u16, w: u16, screen_height: u16) -> (String, Vec<Line<'static>>, u16) {
    let text = map::text(&app.system, &app.findings);
    let width = w.saturating_sub(2) as usize;
    let all: Vec<Line> = text
        .lines()
        .flat_map(|l| {
            let l = safe(l);
            if super::super::text::width(&l) <= width {
                return vec![Line::from(l)];
            }
            let indent = l.len() - l.trim_start().len();
            super::super::text::wrap(l.trim_start(), width.saturating_sub(indent + 2).max(10))
                .into_iter()
                .enumerate()
                .map(move |(k, part)| {
                    let pad = if k == 0 { indent } else { indent + 2 };
                    Line::from(format!("{}{part}", " ".repeat(pad)))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let h = (all.len() as u16 + 2).min(screen_height.saturating_sub(2));
    let rows = h.saturating_sub(2) as usize;
    let first = (at as usize).min(all.len().saturating_sub(rows));
    let more = all.len() > rows;
    let lines = all.into_iter().skip(first).take(rows).collect();
    let title = if more { " Map (↑↓ PgUp PgDn scroll, other keys close) " } else { " Map (any key closes) " };
    (title.into(), lines, h)
}

/// Every key of the system screen, from the key table.
fn help_lines(t: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    crate::tui::keymap::system_help_lines()
        .map(|(k, v)| Line::from(vec![Span::styled(format!("{k:<11}"), t.accent()), Span::raw(v)]))
        .collect()
}
