//! Where each pane sits for a terminal size. Shared by `view` (to draw) and `update` (to map clicks),
//! so a click always lands on what was drawn there.

use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest terminal the wizard draws in; below it a short "enlarge" message shows instead.
pub const MIN_W: u16 = 80;
/// See [`MIN_W`].
pub const MIN_H: u16 = 24;
/// From this width the panel gets its own full-height column.
pub const WIDE: u16 = 110;

/// The rectangles of the question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// Title bar.
    pub header: Rect,
    /// Key hints.
    pub footer: Rect,
    /// Question list pane.
    pub list: Rect,
    /// Question pane (with border).
    pub question: Rect,
    /// The question pane's scrolling content: prompt, "why we ask", the choices or the input box.
    pub content: Rect,
    /// Note line.
    pub note: Rect,
    /// Classification panel.
    pub panel: Rect,
    /// Everything between header and footer.
    pub body: Rect,
}

/// Whether the question pane shows the source link (only when the panel has its own column).
pub fn shows_source(width: u16) -> bool {
    width >= WIDE
}

/// Whether the terminal is too small to draw the wizard.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_W || area.height < MIN_H
}

/// Lays out the question screen.
pub fn areas(area: Rect) -> Areas {
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let wide = area.width >= WIDE;
    let list_w = if wide { 26 } else { 24 };
    let (list, question, panel) = if wide {
        let panel_w = (area.width / 3).clamp(40, 56);
        let [l, q, p] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(30), Constraint::Length(panel_w)])
                .areas(body);
        (l, q, p)
    } else {
        let [l, right] = Layout::horizontal([Constraint::Length(list_w), Constraint::Min(30)]).areas(body);
        let [q, p] = Layout::vertical([Constraint::Min(12), Constraint::Length(9)]).areas(right);
        (l, q, p)
    };
    let inner = Rect {
        x: question.x + 1,
        y: question.y + 1,
        width: question.width.saturating_sub(2),
        height: question.height.saturating_sub(2),
    };
    // The content scrolls (nothing needed to answer is ever cut); the note keeps the last line.
    let [content, note] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    Areas { header, footer, list, question, content, note, panel, body }
}

/// A rectangle of `w`×`h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
