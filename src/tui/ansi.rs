//! The bytes of a frame: cells written as ratatui's crossterm backend writes them, byte for byte,
//! without its per-cell formatting.
//!
//! The crossterm backend prints every cell through `queue!(Print(symbol))`, a trip through
//! `core::fmt` per cell; on the first frame that was the largest single cost of the write (~2,700
//! cells; docs/performance.md). Here a cell's text is copied straight to the writer and only the
//! rare changes (cursor jumps, colours, modifiers) go through crossterm's commands. A property test
//! checks the output against `CrosstermBackend::draw` on random cells.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
    SetUnderlineColor,
};
use ratatui::style::{Color, Modifier};

/// What the terminal has been told so far in one draw: the cursor's last cell and the style in force.
pub struct Pen {
    last: Option<(u16, u16)>,
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    /// A draw's start: the style as the last draw's closing reset left it, the cursor unknown.
    pub fn new() -> Self {
        Pen { last: None, fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() }
    }

    /// Writes one cell at (`x`, `y`) into the frame's bytes: a cursor move unless it follows the last
    /// one, the style changes, then its text (a one-byte text is pushed, not copied).
    pub fn cell(&mut self, w: &mut Vec<u8>, x: u16, y: u16, cell: &Cell) -> io::Result<()> {
        if !matches!(self.last, Some((px, py)) if px.checked_add(1) == Some(x) && y == py) {
            queue!(w, MoveTo(x, y))?;
        }
        self.last = Some((x, y));
        if cell.modifier != self.modifier {
            modifier_diff(w, self.modifier, cell.modifier)?;
            self.modifier = cell.modifier;
        }
        if cell.fg != self.fg || cell.bg != self.bg {
            queue!(w, SetColors(Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm())))?;
            self.fg = cell.fg;
            self.bg = cell.bg;
        }
        if cell.underline_color != self.underline {
            queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
            self.underline = cell.underline_color;
        }
        match cell.symbol().as_bytes() {
            [b] => w.push(*b),
            text => w.extend_from_slice(text),
        }
        Ok(())
    }

    /// Ends a draw as the crossterm backend does: every colour and attribute back to the default.
    pub fn finish<W: Write>(w: &mut W) -> io::Result<()> {
        queue!(
            w,
            SetForegroundColor(CColor::Reset),
            SetBackgroundColor(CColor::Reset),
            SetUnderlineColor(CColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }
}

/// The attribute changes from `from` to `to`, in the order ratatui's crossterm backend writes them
/// (its `ModifierDiff`, which is private): removals first, and bold and dim, which share one reset,
/// put back after it.
fn modifier_diff<W: Write>(w: &mut W, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let set = |w: &mut W, a: Attribute| queue!(w, SetAttribute(a));
    if removed.contains(Modifier::REVERSED) {
        set(w, Attribute::NoReverse)?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        set(w, Attribute::NormalIntensity)?;
        if to.contains(Modifier::DIM) {
            set(w, Attribute::Dim)?;
        }
        if to.contains(Modifier::BOLD) {
            set(w, Attribute::Bold)?;
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(m) {
            set(w, off)?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        set(w, Attribute::NoBlink)?;
    }
    let added = to - from;
    for (m, on, unless_reset) in [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, true),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, true),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ] {
        if added.contains(m) && !(unless_reset && reset_intensity) {
            set(w, on)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::{Backend, CrosstermBackend};
    use ratatui::style::Style;

    fn color() -> impl Strategy<Value = Color> {
        prop_oneof![
            Just(Color::Reset),
            (0u8..16).prop_map(|i| [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White
            ][i as usize]),
            any::<u8>().prop_map(Color::Indexed),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        ]
    }

    fn cell() -> impl Strategy<Value = (u16, u16, Cell)> {
        let symbol = prop_oneof![Just("a"), Just(" "), Just("─"), Just("é"), Just("界"), Just("")];
        (0u16..6, 0u16..3, symbol, color(), color(), color(), any::<u16>()).prop_map(|(x, y, s, fg, bg, ul, m)| {
            let mut c = Cell::new(s);
            c.set_style(Style::default().fg(fg).bg(bg).underline_color(ul));
            c.modifier = Modifier::from_bits_truncate(m);
            (x, y, c)
        })
    }

    proptest! {
        /// Any cells, in any order and at any places: the same bytes as ratatui's crossterm backend.
        #[test]
        fn the_bytes_are_the_crossterm_backends(cells in proptest::collection::vec(cell(), 0..40)) {
            let mut theirs = CrosstermBackend::new(Vec::new());
            theirs.draw(cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
            let mut ours = Vec::new();
            let mut pen = Pen::new();
            for (x, y, c) in &cells {
                pen.cell(&mut ours, *x, *y, c).unwrap();
            }
            Pen::finish(&mut ours).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(theirs.writer()));
        }
    }
}
