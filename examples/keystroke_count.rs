//! A fixed number of wizard keystrokes (choose an answer + render, 500 questions), for counting
//! instructions with `valgrind --tool=callgrind`: repeatable where wall time on a shared machine is
//! not (see docs/performance.md).
//!
//! `cargo build --release --example keystroke_count`
//! `valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/keystroke_count 200 120 40`

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use syskind::core::questionnaire::generate::generated_questionnaire;
use syskind::core::questionnaire::{Kind, load};
use syskind::tui::theme::Theme;
use syskind::tui::{App, Context, Msg, update};

fn main() {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, w, h) = match args[..] {
        [n, w, h] => (n, w as u16, h as u16),
        _ => (200, 120, 40),
    };
    let (q, _) = load("gen.toml", &generated_questionnaire(500)).expect("the generated questionnaire loads");
    let ctx = Context {
        today: "2026-11-27".into(),
        decisions_dir: "decisions".into(),
        next_number: 1,
        size: (w, h),
        user: "count".into(),
        sessions_dir: None,
        session_id: "s".into(),
        session_started: String::new(),
    };
    let mut a = App::new(q, None, None, ctx, Theme::load(None).expect("the default theme loads"));
    update(&mut a, Msg::Setup(syskind::tui::Setup::Hyperlinks(true)));
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    while a.option_count(a.current) == 0 || a.q.questions[a.current].kind == Kind::YesNo {
        update(&mut a, key(KeyCode::Right));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    for _ in 0..n {
        update(&mut a, key(KeyCode::Enter));
        // As the real loop draws: with where the source link is (hyperlinks on).
        terminal.draw(|f| drop(std::hint::black_box(syskind::tui::view::view_linked(&a, f)))).expect("draw");
        update(&mut a, key(KeyCode::Left));
    }
    println!("{n} keystrokes at {w}x{h}, verdict {}", a.verdict.class);
}
