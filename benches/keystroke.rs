//! One wizard keystroke — `update` plus a full render into ratatui's `TestBackend` at 200x60 — on the
//! default questionnaire and on a generated 500-question one. Budget: median under 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use syskind::core::questionnaire::generate::generated_questionnaire;
use syskind::core::questionnaire::{Questionnaire, default_questionnaire, load};
use syskind::tui::theme::Theme;
use syskind::tui::{App, Context, Msg, update, view};

fn app(q: Questionnaire) -> App {
    let ctx = Context {
        today: "2026-11-26".into(),
        decisions_dir: "decisions".into(),
        next_number: 1,
        size: (200, 60),
        user: "bench".into(),
        sessions_dir: None,
        session_id: "s".into(),
        session_started: String::new(),
    };
    App::new(q, None, None, ctx, Theme::load(None).unwrap())
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn bench_for(c: &mut Criterion, name: &str, q: Questionnaire) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut a = app(q);
    // Stand on the first choice question, with every earlier question answered.
    while a.option_count(a.current) == 0 || a.q.questions[a.current].kind == syskind::core::questionnaire::Kind::YesNo {
        update(&mut a, key(KeyCode::Right));
    }
    let mut down = true;
    c.bench_function(&format!("keystroke/{name}: move highlight (preview) + render 200x60"), |b| {
        b.iter(|| {
            update(&mut a, key(if down { KeyCode::Down } else { KeyCode::Up }));
            down = !down;
            terminal.draw(|f| view(&a, f)).unwrap();
        })
    });
    c.bench_function(&format!("keystroke/{name}: choose an answer (full verdict) + render 200x60"), |b| {
        b.iter(|| {
            update(&mut a, key(KeyCode::Enter));
            terminal.draw(|f| view(&a, f)).unwrap();
            update(&mut a, key(KeyCode::Left));
        })
    });
}

fn bench(c: &mut Criterion) {
    bench_for(c, "default", default_questionnaire());
    let (big, _) = load("gen.toml", &generated_questionnaire(500)).unwrap();
    bench_for(c, "generated-500", big);
}

criterion_group!(benches, bench);
criterion_main!(benches);
