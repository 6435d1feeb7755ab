//! `view(&App, &mut Frame)`: draws the state, changes nothing. Header, panes, footer, overlays.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Focus, Overlay, Screen};
use super::keys;
use super::layout::{MIN_H, MIN_W, centered, too_small};
use super::links::ScreenLink;
use super::text::{clip, safe};
use super::{list, panel, question_view, review};
use crate::core::questionnaire::Kind;

/// Draws the whole screen.
pub fn view(app: &App, f: &mut Frame) {
    view_linked(app, f);
}

/// Draws the whole screen; returns where the question's source link was drawn (when links are on and
/// nothing covers it), measured on the content just drawn rather than built again for it.
pub fn view_linked(app: &App, f: &mut Frame) -> Vec<ScreenLink> {
    let area = f.area();
    let t = &app.theme;
    if too_small(area) {
        too_small_message(f, t, "Your answers are kept. q quits.");
        return Vec::new();
    }
    let (a, content) = super::measure::sized(app, area);
    let mut links = Vec::new();
    header(f, a.header, app);
    match &app.screen {
        Screen::Questions => {
            list::draw(f, a.list, app);
            let content = super::measure::content_of(app, &a, content);
            if app.hyperlinks && app.overlay.is_none() {
                links = super::measure::links_in(app, &a, &content);
            }
            question_view::draw(f, &a, app, content);
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
    links
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
    // By arithmetic, as the other areas are (layout.rs): the constraint solver's first run is slow.
    let rw = (right.len() as u16).min(area.width.saturating_sub(10));
    let l = Rect { width: area.width - rw, ..area };
    let r = Rect { x: area.x + l.width, width: rw, ..area };
    // The screen's name is what tells where you are: the questionnaire's title gives way first.
    let frame = format!(" syskind ·  · {screen} ");
    let room = (l.width as usize).saturating_sub(super::text::width(&frame));
    let left = format!(" syskind · {} · {screen}", clip(&safe(&app.q.title), room));
    super::lines::draw(f.buffer_mut(), l, [&Line::from(Span::styled(clip(&left, l.width as usize), t.accent()))]);
    super::lines::draw(f.buffer_mut(), r, [&Line::from(Span::styled(right, t.muted()))]);
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
    super::lines::draw(f.buffer_mut(), area, [&Line::from(spans)]);
}

fn overlay(f: &mut Frame, area: Rect, app: &App, o: &Overlay) {
    let d = super::dialogs::dialog(app, o, area.height);
    let r = centered(area, d.width, d.height);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(d.lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(d.title).border_style(app.theme.border(true))),
        r,
    );
}
