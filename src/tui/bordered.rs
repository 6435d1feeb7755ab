//! A pane's bordered box, drawn as `Block::bordered().border_style(..).title(..)` (and a
//! right-aligned `title_bottom`) draws it, cell for cell, without `Block`'s pass over every cell of
//! its area to apply a style the wizard's panes never set.
//!
//! That pass, and the title's grapheme splitting, were a tenth of the first frame's drawing
//! (docs/performance.md). The sides and corners are written in `Block`'s own order; a plain title
//! (lines.rs) is written a character to a cell, any other by `Line` itself. A property test checks
//! the result against `Block` on random areas and titles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// `Block`'s default border set.
const SET: ratatui::symbols::border::Set = ratatui::symbols::border::PLAIN;

/// Draws a bordered box over `area` with `border`'s style, `title` at the top left and
/// `bottom_right` (if any) at the bottom right; returns the area inside the borders.
pub fn draw(buf: &mut Buffer, area: Rect, border: Style, title: &Line, bottom_right: Option<&Line>) -> Rect {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return area;
    }
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    // Block's order: the four sides over their whole length, then the corners over them.
    for y in top..=bottom {
        buf[(left, y)].set_symbol(SET.vertical_left).set_style(border);
    }
    for x in left..=right {
        buf[(x, top)].set_symbol(SET.horizontal_top).set_style(border);
    }
    for y in top..=bottom {
        buf[(right, y)].set_symbol(SET.vertical_right).set_style(border);
    }
    for x in left..=right {
        buf[(x, bottom)].set_symbol(SET.horizontal_bottom).set_style(border);
    }
    for (x, y, corner) in [
        (right, bottom, SET.bottom_right),
        (right, top, SET.top_right),
        (left, bottom, SET.bottom_left),
        (left, top, SET.top_left),
    ] {
        buf[(x, y)].set_symbol(corner).set_style(border);
    }
    // Titles go between the corners.
    let titles = Rect { x: left.saturating_add(1), y: top, width: area.width.saturating_sub(2), height: 1 };
    if !titles.is_empty() {
        let width = line_width(title);
        top_left(buf, Rect { width: width.min(titles.width), ..titles }, title);
        if let Some(t) = bottom_right {
            let width = line_width(t);
            let at = Rect {
                x: titles.right().saturating_sub(width).max(titles.left()),
                y: bottom,
                width: width.min(titles.width),
                height: 1,
            };
            t.render(at, buf);
        }
    }
    Rect { x: left + 1, y: top + 1, width: area.width.saturating_sub(2), height: area.height.saturating_sub(2) }
}

fn line_width(line: &Line) -> u16 {
    u16::try_from(line.width()).unwrap_or(u16::MAX)
}

/// The top-left title in `at`, as `Line::render` draws it: the line's style over its area, then
/// each span's cells with the span's style.
fn top_left(buf: &mut Buffer, at: Rect, title: &Line) {
    let at = at.intersection(buf.area);
    if at.is_empty() || title.width() == 0 {
        return;
    }
    // (`plain` lines are left-aligned too.)
    if !super::lines::plain(title) {
        title.render(at, buf);
        return;
    }
    buf.set_style(at, title.style);
    let mut x = at.x;
    'title: for span in &title.spans {
        for c in span.content.chars() {
            if x >= at.right() {
                break 'title;
            }
            buf[(x, at.y)].set_char(c).set_style(span.style);
            x += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::Block;

    fn style() -> impl Strategy<Value = Style> {
        (0u8..4, 0u8..3, 0u8..3).prop_map(|(fg, add, sub)| {
            let c = [None, Some(Color::Red), Some(Color::Indexed(42)), Some(Color::Reset)][fg as usize];
            let m = [Modifier::empty(), Modifier::BOLD, Modifier::DIM | Modifier::ITALIC];
            let mut s = Style::default().add_modifier(m[add as usize]).remove_modifier(m[sub as usize]);
            s.fg = c;
            s
        })
    }

    fn line() -> impl Strategy<Value = Line<'static>> {
        let text = prop_oneof![6 => "[ -~·▼▲]{0,14}", 1 => "[ a-z界é\u{301}]{0,6}"];
        (proptest::collection::vec((text, style()), 0..3), style()).prop_map(|(spans, s)| {
            Line::from(spans.into_iter().map(|(t, st)| Span::styled(t, st)).collect::<Vec<_>>()).style(s)
        })
    }

    proptest! {
        /// Any area (also one or two cells wide or high), any titles, over a buffer that holds text:
        /// the cells `Block` gives, and its inner area.
        #[test]
        fn the_cells_are_blocks(
            (x, y, w, h) in (0u16..3, 0u16..3, 0u16..20, 0u16..6),
            border in style(),
            title in line(),
            bottom in proptest::option::of(line()),
        ) {
            let screen = Rect::new(0, 0, 18, 7);
            let mut theirs = Buffer::empty(screen);
            theirs.set_string(0, 1, "underneath underneath", Style::default().fg(Color::Blue).add_modifier(Modifier::BOLD));
            let mut ours = theirs.clone();
            let area = Rect::new(x, y, w, h);
            let mut block = Block::bordered().border_style(border).title(title.clone());
            if let Some(b) = &bottom {
                block = block.title_bottom(b.clone().right_aligned());
            }
            let inner = block.inner(area.intersection(screen));
            (&block).render(area, &mut theirs);
            let right_aligned = bottom.map(|b| b.right_aligned());
            let got = draw(&mut ours, area, border, &title, right_aligned.as_ref());
            prop_assert_eq!(ours, theirs);
            if !inner.is_empty() {
                prop_assert_eq!(got, inner);
            }
        }
    }
}
