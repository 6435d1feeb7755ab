//! The review and export screen: the record's fields to edit, then every answer with its note, the
//! verdict with its reasons, and the practices the class demands. Also the "written" screen after export.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, ReviewField};
use super::text::{clip, safe};

/// Draws the review screen in `area` (between header and footer).
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let shown: Vec<ReviewField> = ReviewField::ALL.into_iter().filter(|f| app.shows(*f)).collect();
    let [form, summary] = split(app, area);
    let width = form.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let mut context_at = None;
    for field in shown {
        let focused = app.field == field;
        if field == ReviewField::Context {
            context_at = Some(lines.len());
            lines.extend(context_lines(app, width.saturating_sub(12), focused));
            continue;
        }
        let line = match field {
            ReviewField::Export => {
                let style = if focused { t.highlight() } else { t.accent() };
                Line::from(vec![Span::raw("            "), Span::styled("[ Export record ]", style)])
            }
            _ => {
                let value = match field {
                    ReviewField::Title => app.meta.title.clone(),
                    ReviewField::Deciders => app.deciders_input.clone(),
                    ReviewField::Reviser => app.reviser_input.clone(),
                    ReviewField::Status => format!("‹ {} ›", app.meta.status.title()),
                    _ => app.path_input.clone(),
                };
                let room = width.saturating_sub(14);
                let shown = match (focused, field.text()) {
                    (true, Some(f)) => app.with_cursor(f, &value, room),
                    _ => clip(&safe(&value), room),
                };
                let style = if focused { t.highlight() } else { t.text() };
                Line::from(vec![
                    Span::styled(format!("{:>10}: ", field.label()), t.muted()),
                    Span::styled(shown, style),
                ])
            }
        };
        lines.push(line);
    }
    if let Some((err, m)) = &app.message {
        // Messages may run to two lines (an export error and what to do); they wrap.
        lines.push(Line::from(Span::styled(safe(m), if *err { t.error() } else { t.ok() })));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Decision record ").border_style(t.border(true))),
        form,
    );
    // The context being edited: the multi-line box itself, over the rows kept for it.
    if let (Some(row), true) = (context_at, app.field == ReviewField::Context && app.editing_context()) {
        let r = Rect {
            x: form.x + 13,
            y: form.y + 1 + row as u16,
            width: form.width.saturating_sub(14),
            height: CONTEXT_ROWS.min(form.height.saturating_sub(2 + row as u16)),
        };
        // The form's own rows for the context are under the box: clear them first, or the ends of
        // longer lines show through wherever the box's lines are shorter (after a paste, say).
        f.render_widget(ratatui::widgets::Clear, r);
        f.render_widget(&app.context_box, r);
    }

    let scroll = app.review_scroll.min(max_scroll(app, summary));
    f.render_widget(summary_paragraph(app).scroll((scroll, 0)), summary);
}

/// Rows the context takes on the form (it is multi-line).
const CONTEXT_ROWS: u16 = 3;

/// The context's rows when its box is not drawn over them: the text wrapped, the last row ending in
/// "…" when there is more (Tab into the field, or Ctrl-O, to see it all).
fn context_lines(app: &App, room: usize, focused: bool) -> Vec<Line<'static>> {
    let t = &app.theme;
    let style = if focused { t.highlight() } else { t.text() };
    let mut rows = crate::core::text::wrap(&safe(&app.meta.context), room.max(1));
    if let (true, Some(last)) = (focused, rows.last_mut()) {
        last.push('▏');
    }
    let n = CONTEXT_ROWS as usize;
    if rows.len() > n {
        rows.truncate(n);
        let last = rows[n - 1].clone();
        rows[n - 1] = clip(&format!("{last} …"), room);
    }
    rows.resize(n, String::new());
    rows.into_iter()
        .enumerate()
        .map(|(k, r)| {
            let label = if k == 0 { format!("{:>10}: ", ReviewField::Context.label()) } else { " ".repeat(12) };
            Line::from(vec![Span::styled(label, t.muted()), Span::styled(r, style)])
        })
        .collect()
}

/// The record's form above, the summary below.
fn split(app: &App, area: Rect) -> [Rect; 2] {
    let fields = ReviewField::ALL.into_iter().filter(|f| app.shows(*f)).count() as u16;
    Layout::vertical([Constraint::Length(fields + CONTEXT_ROWS - 1 + 4), Constraint::Min(3)]).areas(area)
}

/// How far the summary can scroll on a review screen of `area` (between header and footer).
pub fn summary_max_scroll(app: &App, area: Rect) -> u16 {
    max_scroll(app, split(app, area)[1])
}

fn max_scroll(app: &App, summary: Rect) -> u16 {
    let lines = summary_paragraph(app).line_count(summary.width.saturating_sub(2));
    u16::try_from(lines.saturating_sub(summary.height as usize)).unwrap_or(u16::MAX)
}

/// Every answer with its note, the verdict with its reasons and the practices, in a block.
fn summary_paragraph(app: &App) -> Paragraph<'_> {
    let t = &app.theme;
    let v = &app.verdict;
    let mut s = vec![
        Line::from(vec![
            Span::styled("Verdict: ", t.text()),
            Span::styled(v.full_label().to_uppercase(), t.class(v.class_index)),
            Span::styled(
                format!("  confidence {:.0}% · answered {}/{}", v.confidence * 100.0, v.answered, v.applicable),
                t.muted(),
            ),
        ]),
        Line::raw(""),
        Line::from(Span::styled("Answers", t.accent())),
    ];
    for (i, q) in app.q.questions.iter().enumerate() {
        let note = &app.answers.notes[i];
        let shown = match &app.answers.values[i] {
            Some(value) => safe(&value.display(q)),
            None if !note.is_empty() => "(no answer)".to_string(),
            None => continue,
        };
        let hidden = if app.visible(i) { "" } else { " (not applicable)" };
        s.push(Line::from(vec![
            Span::styled(format!("  {}: ", safe(&q.id)), t.muted()),
            Span::styled(format!("{shown}{hidden}"), t.text()),
        ]));
        if !app.answers.notes[i].is_empty() {
            s.push(Line::from(Span::styled(
                format!("      note: {}", safe(&app.answers.notes[i]).replace('\n', " ↵ ")),
                t.muted(),
            )));
        }
    }
    s.push(Line::raw(""));
    s.push(Line::from(Span::styled("Reasons", t.accent())));
    for r in v.reasons.iter().take(8) {
        s.push(Line::from(Span::styled(format!("  {}", safe(&r.text)), t.text())));
    }
    if !v.conflicts.is_empty() {
        s.push(Line::raw(""));
        s.push(Line::from(Span::styled("Conflicts (the confidence is capped until they are re-checked)", t.error())));
        for c in &v.conflicts {
            s.push(Line::from(Span::styled(format!("  ! {}", safe(&c.text)), t.text())));
        }
    }
    if !v.findings.is_empty() {
        s.push(Line::raw(""));
        s.push(Line::from(Span::styled("Risk review", t.accent())));
        for f in &v.findings {
            s.push(Line::from(vec![
                Span::styled(format!("  {} {} ", f.risk.name().to_uppercase(), f.practice), t.error()),
                Span::styled(safe(&f.text), t.text()),
            ]));
        }
    }
    let class = &app.q.classes[v.class_index];
    s.push(Line::raw(""));
    s.push(Line::from(Span::styled(
        format!("Practices a {} system commits to", class.label.to_lowercase()),
        t.accent(),
    )));
    let values = &app.answers.values;
    let visible = crate::core::engine::evaluate::visibility(&app.q, values);
    for p in &crate::core::engine::practices(&app.q, values, &visible, v.class_index) {
        s.push(Line::from(vec![
            Span::styled(format!("  {} ", p.id), t.accent()),
            Span::styled(safe(&p.title), t.text()),
        ]));
    }
    Paragraph::new(s)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" Summary (PgUp/PgDn scroll) ").border_style(t.border(false)))
}

/// A command for copying, never broken inside a word or at a space the shell would read: on one
/// line when it fits `width`, else split before its argument with a backslash continuation, which
/// a shell reads as the same command when the lines are pasted.
pub fn command_lines(head: &str, arg: &str, width: usize) -> Vec<String> {
    let one = format!("    {head} {arg}");
    if super::text::width(&one) <= width {
        return vec![one];
    }
    // The argument indented as far as it still fits (a path is one word: it must not wrap).
    let indent = 6.min(width.saturating_sub(super::text::width(arg)));
    vec![format!("    {head} \\"), format!("{}{arg}", " ".repeat(indent))]
}

/// Draws the "record written" screen.
pub fn draw_exported(f: &mut Frame, area: Rect, app: &App, path: &str) {
    let t = &app.theme;
    let v = &app.verdict;
    let mut lines = vec![
        Line::from(Span::styled("Decision record written", t.ok())),
        Line::raw(""),
        Line::from(vec![Span::styled("File:    ", t.muted()), Span::styled(safe(path), t.text())]),
        Line::from(vec![Span::styled("Verdict: ", t.muted()), Span::styled(v.full_label(), t.class(v.class_index))]),
        Line::raw(""),
        Line::from(Span::styled("Next steps", t.accent())),
    ];
    match &app.adr {
        Some(adr) => {
            lines.push(Line::from(Span::styled(format!("  ADR written: {}", safe(&adr.display().to_string())), t.ok())))
        }
        None => {
            if let Some(old) = app.original.as_ref().filter(|r| !r.adr.is_empty()) {
                lines.push(Line::from(vec![
                    Span::styled("  u ", t.accent()),
                    Span::styled(format!("update its ADR ({}) from the revised record", safe(&old.adr)), t.text()),
                ]));
            }
            lines.push(Line::from(vec![
                Span::styled("  a ", t.accent()),
                Span::styled("write a new ADR in the layout the ADR folder already uses", t.text()),
            ]));
            lines.push(Line::from(vec![
                Span::styled("  m ", t.accent()),
                Span::styled("write it as MADR 4 instead", t.text()),
            ]));
        }
    }
    let width = area.width.saturating_sub(2) as usize;
    // A questionnaire that is not built in must be named, or the commands cannot read the record.
    let syskind = match &app.questionnaire_file {
        Some(f) => format!("syskind -q {}", safe(f)),
        None => "syskind".to_string(),
    };
    lines.push(Line::from(Span::styled("  Check it in CI:", t.text())));
    for l in command_lines(&format!("{syskind} record check"), &safe(path), width) {
        lines.push(Line::from(Span::styled(l, t.muted())));
    }
    lines.push(Line::from(Span::styled("  Revise it later:", t.text())));
    for l in command_lines(&format!("{syskind} --resume"), &safe(path), width) {
        lines.push(Line::from(Span::styled(l, t.muted())));
    }
    // Success is shown above; only a failure needs its own line.
    if let Some((true, m)) = &app.message {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(safe(m), t.error())));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Exported ").border_style(t.border(true))),
        area,
    );
}
