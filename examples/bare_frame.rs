//! A bare ratatui app that draws one bordered frame with the word the first-frame script waits for:
//! the baseline the wizard's time to first frame is measured against (docs/performance.md).
//!
//! `cargo build --release --example bare_frame && scripts/first-frame.py target/release/examples/bare_frame`

use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let drawn = terminal
        .draw(|f| f.render_widget(Paragraph::new("Classification").block(Block::bordered().title(" bare ")), f.area()));
    // Wait for a key (the script kills the process once the frame is seen).
    let waited = drawn.and_then(|_| crossterm::event::read());
    ratatui::restore();
    waited.map(|_| ())
}
