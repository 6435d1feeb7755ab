//! Lines already cut to width, drawn as ratatui's `Paragraph` (no wrapping, no scroll) draws them,
//! cell for cell, with a short way for plain ASCII.
//!
//! `Paragraph` splits every span into grapheme clusters and measures each one; on the first frame
//! that was the largest single cost of drawing (docs/performance.md). Nearly all the wizard's text
//! is printable ASCII, where a byte is a cluster of width one, so such a line is written a byte to
//! a cell. Any other line (other characters, or not left-aligned) is handed to `Paragraph` itself.
//! A property test checks the two against each other on random lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws `lines` from the top of `area`, one a row, each cut at the area's right edge.
pub fn draw<'l, 't: 'l>(buf: &mut Buffer, area: Rect, lines: impl IntoIterator<Item = &'l Line<'t>>) {
    let area = area.intersection(buf.area);
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        let row = Rect { y, height: 1, ..area };
        if !plain(line) {
            Paragraph::new(line.clone()).render(row, buf);
            continue;
        }
        let mut x = row.x;
        'line: for span in &line.spans {
            let style = line.style.patch(span.style);
            for b in span.content.bytes() {
                if x >= row.right() {
                    break 'line;
                }
                buf[(x, y)].set_char(char::from(b)).set_style(style);
                x += 1;
            }
        }
    }
}

/// Whether every cell of `line` is one printable ASCII byte, drawn from the left.
fn plain(line: &Line) -> bool {
    matches!(line.alignment, None | Some(Alignment::Left))
        && line.spans.iter().all(|s| s.content.bytes().all(|b| (b' '..=b'~').contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    fn style() -> impl Strategy<Value = Style> {
        (0u8..4, 0u8..4, any::<bool>()).prop_map(|(fg, bg, bold)| {
            let c = |i: u8| [None, Some(Color::Red), Some(Color::Indexed(42)), Some(Color::Reset)][i as usize];
            let mut s = Style::default();
            if let Some(fg) = c(fg) {
                s = s.fg(fg);
            }
            if let Some(bg) = c(bg) {
                s = s.bg(bg);
            }
            if bold { s.add_modifier(Modifier::BOLD) } else { s }
        })
    }

    fn line() -> impl Strategy<Value = Line<'static>> {
        let text = prop_oneof![
            8 => "[ -~]{0,12}",
            1 => "[ -~éż界─│\u{301}\t]{0,8}",
        ];
        let alignment =
            prop_oneof![4 => Just(None), 1 => Just(Some(Alignment::Left)), 1 => Just(Some(Alignment::Right))];
        (proptest::collection::vec((text, style()), 0..4), style(), alignment).prop_map(|(spans, s, a)| {
            let mut l = Line::from(spans.into_iter().map(|(t, st)| Span::styled(t, st)).collect::<Vec<_>>()).style(s);
            l.alignment = a;
            l
        })
    }

    proptest! {
        /// Any lines, in any area of a buffer that already holds text: the cells `Paragraph` gives.
        #[test]
        fn the_cells_are_paragraphs(
            lines in proptest::collection::vec(line(), 0..6),
            (x, y, w, h) in (0u16..4, 0u16..3, 0u16..16, 0u16..6),
        ) {
            let screen = Rect::new(0, 0, 14, 6);
            let mut theirs = Buffer::empty(screen);
            theirs.set_string(0, 1, "underneath underneath", Style::default().fg(Color::Blue));
            let mut ours = theirs.clone();
            let area = Rect::new(x, y, w, h);
            Paragraph::new(lines.clone()).render(area.intersection(screen), &mut theirs);
            draw(&mut ours, area, &lines);
            prop_assert_eq!(ours, theirs);
        }
    }
}
