//! The question list pane: sections and questions with their state (answered, open, hidden).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::{App, Focus, Screen};
use super::text::{clip, safe};

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section heading (section index).
    Heading(usize),
    /// A question (question index).
    Question(usize),
}

/// The rows in display order: a heading wherever the section changes.
pub fn list_rows(app: &App) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut last = None;
    for (i, q) in app.q.questions.iter().enumerate() {
        if q.section != last {
            if let Some(s) = q.section {
                rows.push(Row::Heading(s));
            }
            last = q.section;
        }
        rows.push(Row::Question(i));
    }
    rows
}

/// First row shown, so the highlighted question stays in view.
pub fn list_offset(app: &App, height: usize) -> usize {
    let rows = list_rows(app);
    let at = rows.iter().position(|r| *r == Row::Question(app.list_cursor)).unwrap_or(0);
    (at + 2).saturating_sub(height)
}

/// Draws the list.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let focused = app.focus == Focus::List && app.screen == Screen::Questions;
    let answered = (0..app.q.questions.len()).filter(|i| app.answers.values[*i].is_some() && app.visible(*i)).count();
    let applicable = (0..app.q.questions.len()).filter(|i| app.visible(*i)).count();
    let title = Line::from(format!(" Questions {answered}/{applicable} "));
    let inner_h = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let offset = list_offset(app, inner_h);
    let lines: Vec<Line> = list_rows(app)
        .into_iter()
        .skip(offset)
        .take(inner_h)
        .map(|row| match row {
            Row::Heading(s) => Line::from(Span::styled(clip(&safe(&app.q.sections[s].title), width), t.accent())),
            Row::Question(i) => {
                let visible = app.visible(i);
                let mark = if !visible {
                    "–"
                } else if app.answers.values[i].is_some() {
                    "✓"
                } else {
                    "·"
                };
                let here = if i == app.current { "›" } else { " " };
                let text = clip(&format!("{here}{mark} {}", safe(&app.q.questions[i].id)), width);
                let style = if i == app.list_cursor && focused {
                    t.highlight()
                } else if !visible {
                    t.muted()
                } else if i == app.current {
                    t.accent()
                } else {
                    t.text()
                };
                Line::from(Span::styled(text, style))
            }
        })
        .collect();
    let inner = super::bordered::draw(f.buffer_mut(), area, t.border(focused), &title, None);
    super::lines::draw(f.buffer_mut(), inner, &lines);
}
