//! Where each pane sits for a terminal size. Shared by `view` (to draw) and `update` (to map clicks),
//! so a click always lands on what was drawn there.

use ratatui::layout::Rect;

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

/// Rows of the panel below which it is drawn as a compact strip (verdict, counts, the one reason).
pub const FULL_PANEL: u16 = 9;

fn list_width(area: Rect) -> u16 {
    if area.width >= WIDE { 26 } else { 24 }
}

fn panel_width(area: Rect) -> u16 {
    (area.width / 3).clamp(40, 56)
}

/// The question pane's inner width in `area` (what its content wraps to).
pub fn question_inner_width(area: Rect) -> u16 {
    let used = list_width(area) + if area.width >= WIDE { panel_width(area) } else { 0 };
    area.width.saturating_sub(used).saturating_sub(2)
}

/// The panel's inner width in `area`.
pub fn panel_inner_width(area: Rect) -> u16 {
    if area.width >= WIDE { panel_width(area) } else { area.width.saturating_sub(list_width(area)) }.saturating_sub(2)
}

/// Lays out the question screen as if the question needed the whole pane (no room to share).
pub fn areas(area: Rect) -> Areas {
    areas_for(area, u16::MAX, FULL_PANEL)
}

/// Lays out the question screen for a question whose content is `want` rows and a panel whose
/// compact strip is `strip` rows. Side by side (wide), each keeps its column. Stacked (narrow), what
/// the person must read to answer comes first: the question gets the rows it wants when the full
/// panel still fits below, and the panel takes every spare row; otherwise the panel shrinks to its
/// compact strip and the question takes the rest.
pub fn areas_for(area: Rect, want: u16, strip: u16) -> Areas {
    // Plain arithmetic rather than `Layout`: these are fixed bands around one flexible part, and the
    // constraint solver cost a tenth of the first frame (its cache is empty then).
    let [header, body, footer] = rows(area, 1, 1);
    let wide = area.width >= WIDE;
    let list_w = list_width(area);
    let (list, question, panel) = if wide {
        let [l, q, p] = cols(body, list_w, panel_width(area));
        (l, q, p)
    } else {
        let [l, right, _] = cols(body, list_w, 0);
        // Borders and the note line around the content.
        let need = want.saturating_add(3);
        let spare = right.height.saturating_sub(need);
        let panel_h = if spare >= FULL_PANEL { spare } else { strip.min(FULL_PANEL - 1).min(right.height) };
        let [_, q, p] = rows(right, 0, panel_h);
        (l, q, p)
    };
    let inner = Rect {
        x: question.x + 1,
        y: question.y + 1,
        width: question.width.saturating_sub(2),
        height: question.height.saturating_sub(2),
    };
    // The content scrolls (nothing needed to answer is ever cut); the note keeps the last line.
    let [_, content, note] = rows(inner, 0, 1);
    Areas { header, footer, list, question, content, note, panel, body }
}

/// `area` cut into a top band of `top` rows, the middle, and a bottom band of `bottom` rows (bands
/// shrink, bottom first, when there is no room).
fn rows(area: Rect, top: u16, bottom: u16) -> [Rect; 3] {
    let [t, m, b] = bands(area.height, top, bottom);
    [t, m, b].map(|(at, height)| Rect { y: area.y + at, height, ..area })
}

/// `area` cut into a left band of `left` columns, the middle, and a right band of `right` columns.
fn cols(area: Rect, left: u16, right: u16) -> [Rect; 3] {
    let [l, m, r] = bands(area.width, left, right);
    [l, m, r].map(|(at, width)| Rect { x: area.x + at, width, ..area })
}

/// A length cut into (offset, length) of a first band, the middle and a last band.
fn bands(total: u16, first: u16, last: u16) -> [(u16, u16); 3] {
    let first = first.min(total);
    let last = last.min(total - first);
    let mid = total - first - last;
    [(0, first), (first, mid), (first + mid, last)]
}

/// A rectangle of `w`×`h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

#[cfg(test)]
mod area_tests {
    use super::*;

    #[test]
    fn areas_stay_inside_the_screen_at_any_size() {
        for w in 0..=200u16 {
            for h in 0..=60u16 {
                let screen = Rect::new(0, 0, w, h);
                let a = areas(screen);
                for r in [a.header, a.footer, a.list, a.question, a.panel, a.body] {
                    assert_eq!(screen.union(r), screen, "{r:?} outside {screen:?}");
                }
                assert_eq!(a.header.height + a.body.height + a.footer.height, h);
                if w >= MIN_W && h >= MIN_H {
                    // Wide: list, question and panel side by side; narrow: the panel sits under the question.
                    let beside = if w >= WIDE { a.panel.width } else { 0 };
                    assert_eq!(a.list.width + a.question.width + beside, w);
                    assert_eq!(a.content.height + a.note.height + 2, a.question.height);
                }
            }
        }
    }
}
