//! The bytes of a frame: cells written as ratatui's crossterm backend writes them, byte for byte,
//! without its per-cell formatting.
//!
//! The crossterm backend prints every cell through `queue!(Print(symbol))`, a trip through
//! `core::fmt` per cell, and every cursor jump and colour change through `write!` too; on the first
//! frame that was the largest single cost of the write (~2,700 cells; docs/performance.md). Here a
//! cell's text is copied straight to the frame's bytes, cursor jumps and colours are written as
//! crossterm writes them (its `MoveTo`, `SetColors`, `SetUnderlineColor` and `Colored`, NO_COLOR
//! included), and only the rare attribute changes go through crossterm's commands. A property test
//! checks the output against `CrosstermBackend::draw` on random cells.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CColor, Colored, SetAttribute, SetBackgroundColor, SetForegroundColor, SetUnderlineColor,
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
            // MoveTo: `ESC [ row ; column H`, counted from 1.
            w.extend_from_slice(b"\x1b[");
            number(w, u32::from(y) + 1);
            w.push(b';');
            number(w, u32::from(x) + 1);
            w.push(b'H');
        }
        self.last = Some((x, y));
        if cell.modifier != self.modifier {
            modifier_diff(w, self.modifier, cell.modifier)?;
            self.modifier = cell.modifier;
        }
        if cell.fg != self.fg || cell.bg != self.bg {
            // SetColors: both in one sequence.
            w.extend_from_slice(b"\x1b[");
            colored(w, b'3', cell.fg);
            w.push(b';');
            colored(w, b'4', cell.bg);
            w.push(b'm');
            self.fg = cell.fg;
            self.bg = cell.bg;
        }
        if cell.underline_color != self.underline {
            w.extend_from_slice(b"\x1b[");
            colored(w, b'5', cell.underline_color);
            w.push(b'm');
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

/// `n` in decimal.
fn number(w: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.extend_from_slice(&digits[at..]);
}

/// A colour as crossterm's `Colored` writes it for `layer` (`3` text, `4` background, `5`
/// underline): `39` for the default, `38;5;9` for light red, `38;2;r;g;b`; nothing under NO_COLOR.
fn colored(w: &mut Vec<u8>, layer: u8, color: Color) {
    if Colored::ansi_color_disabled_memoized() {
        return;
    }
    let color: CColor = color.into_crossterm();
    if color == CColor::Reset {
        w.extend_from_slice(&[layer, b'9']);
        return;
    }
    w.extend_from_slice(&[layer, b'8', b';']);
    let index = match color {
        CColor::Rgb { r, g, b } => {
            w.extend_from_slice(b"2;");
            for (i, c) in [r, g, b].into_iter().enumerate() {
                if i > 0 {
                    w.push(b';');
                }
                number(w, u32::from(c));
            }
            return;
        }
        CColor::AnsiValue(v) => v,
        CColor::Black => 0,
        CColor::DarkRed => 1,
        CColor::DarkGreen => 2,
        CColor::DarkYellow => 3,
        CColor::DarkBlue => 4,
        CColor::DarkMagenta => 5,
        CColor::DarkCyan => 6,
        CColor::Grey => 7,
        CColor::DarkGrey => 8,
        CColor::Red => 9,
        CColor::Green => 10,
        CColor::Yellow => 11,
        CColor::Blue => 12,
        CColor::Magenta => 13,
        CColor::Cyan => 14,
        CColor::White => 15,
        CColor::Reset => return,
    };
    w.extend_from_slice(b"5;");
    number(w, u32::from(index));
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
        (
            prop_oneof![0u16..6, 0u16..400],
            prop_oneof![0u16..3, 0u16..200],
            symbol,
            color(),
            color(),
            color(),
            any::<u16>(),
        )
            .prop_map(|(x, y, s, fg, bg, ul, m)| {
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

    /// Under NO_COLOR crossterm writes no colours (its choice, read once per process): the same
    /// bytes as crossterm's then too, checked in a process of its own with NO_COLOR set.
    #[test]
    fn under_no_color_the_bytes_are_still_the_crossterm_backends() {
        let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
            .args(["--exact", "tui::ansi::tests::the_bytes_are_the_crossterm_backends", "--test-threads=1"])
            .env("NO_COLOR", "1")
            .output()
            .expect("the test binary runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("1 passed"), "{text}{}", String::from_utf8_lossy(&out.stderr));
    }
}
