//! One wizard keystroke — `update` plus a full render into ratatui's `TestBackend` — on the default
//! questionnaire and on a generated 500-question one, at 120x40 (the terminal the brief and the tmux
//! checks use) and at 200x60 (a large one: render cost grows with the cells). Budgets: median under
//! 1 ms; choosing on 500 questions at most 0.5 ms (issue 15).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use syskind::core::questionnaire::generate::generated_questionnaire;
use syskind::core::questionnaire::{Questionnaire, default_questionnaire, load};
use syskind::tui::theme::Theme;
use syskind::tui::{App, Context, Msg, update, view};

fn app(q: Questionnaire, size: (u16, u16)) -> App {
    let ctx = Context {
        today: "2026-11-26".into(),
        decisions_dir: "decisions".into(),
        next_number: 1,
        size,
        user: "bench".into(),
        sessions_dir: None,
        session_id: "s".into(),
        session_started: String::new(),
    };
    let mut a = App::new(q, None, None, ctx, Theme::load(None).unwrap());
    // As in a terminal: the view also finds where the source link is.
    update(&mut a, Msg::Setup(syskind::tui::Setup::Hyperlinks(true)));
    a
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn bench_for(c: &mut Criterion, name: &str, q: Questionnaire, (w, h): (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut a = app(q, (w, h));
    // Stand on the first choice question, with every earlier question answered.
    while a.option_count(a.current) == 0 || a.q.questions[a.current].kind == syskind::core::questionnaire::Kind::YesNo {
        update(&mut a, key(KeyCode::Right));
    }
    let mut down = true;
    c.bench_function(&format!("keystroke/{name}: move highlight (preview) + render {w}x{h}"), |b| {
        b.iter(|| {
            update(&mut a, key(if down { KeyCode::Down } else { KeyCode::Up }));
            down = !down;
            terminal.draw(|f| view(&a, f)).unwrap();
        })
    });
    c.bench_function(&format!("keystroke/{name}: choose an answer + render {w}x{h}"), |b| {
        b.iter(|| {
            update(&mut a, key(KeyCode::Enter));
            terminal.draw(|f| view(&a, f)).unwrap();
            update(&mut a, key(KeyCode::Left));
        })
    });
    if !syskind::tui::app::what_if_inline(&a.q) {
        // What the keystroke put off: the idle what-if search and the frame that shows it.
        c.bench_function(&format!("keystroke/{name}: choose + render, then the idle what-if + render {w}x{h}"), |b| {
            b.iter(|| {
                update(&mut a, key(KeyCode::Enter));
                terminal.draw(|f| view(&a, f)).unwrap();
                update(&mut a, Msg::Idle);
                terminal.draw(|f| view(&a, f)).unwrap();
                update(&mut a, key(KeyCode::Left));
            })
        });
    }
}

fn bench(c: &mut Criterion) {
    let (big, _) = load("gen.toml", &generated_questionnaire(500)).unwrap();
    for size in [(120, 40), (200, 60)] {
        bench_for(c, "default", default_questionnaire(), size);
        bench_for(c, "generated-500", big.clone(), size);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
