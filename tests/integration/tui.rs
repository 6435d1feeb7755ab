//! The wizard without a terminal: `update` driven by key sequences, and every screen drawn into
//! ratatui's `TestBackend` and compared with insta snapshots at 80x24 and 120x40.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use syskind::core::answers::Value;
use syskind::core::questionnaire::default_questionnaire;
use syskind::tui::app::{Focus, Overlay, ReviewField, Screen};
use syskind::tui::layout::areas;
use syskind::tui::theme::Theme;
use syskind::tui::{App, Context, Effect, Msg, update, view};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// What the wizard gets from outside, fixed for tests.
fn ctx(size: (u16, u16)) -> Context {
    Context {
        today: "2026-11-26".into(),
        decisions_dir: "decisions".into(),
        next_number: 3,
        size,
        user: "tester".into(),
        sessions_dir: None,
        session_id: "s".into(),
        session_started: String::new(),
    }
}

fn app(size: (u16, u16)) -> App {
    let ctx = ctx(size);
    App::new(default_questionnaire(), None, None, ctx, Theme::monochrome())
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Sends keys; returns the last effect asked for.
fn press(app: &mut App, keys: &[Msg]) -> Option<Effect> {
    let mut last = None;
    for k in keys {
        if let Some(e) = update(app, k.clone()) {
            last = Some(e);
        }
    }
    last
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn render(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    // The first frame is drawn without a diff and with the cursor hidden (tui/fresh.rs): no screen shows it.
    assert!(!terminal.backend().cursor_visible(), "a screen placed the terminal's cursor");
    let mut fresh = Terminal::new(TestBackend::new(w, h)).unwrap();
    syskind::tui::fresh::draw(&mut fresh, true, |f| syskind::tui::view::view_linked(app, f)).unwrap();
    assert_eq!(fresh.backend().buffer(), terminal.backend().buffer(), "the first frame drawn without a diff differs");
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            // A wide character fills two cells; the second is a placeholder, not text.
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn snap(name: &str, app: &App) {
    let (w, h) = app.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app));
}

/// Answers the first questions the way a user would: text, caller, its timeout, can it go on
/// without the answer, window, arrival.
fn answer_some(a: &mut App) {
    let mut keys = typed("Checkout API");
    keys.push(key(KeyCode::Enter)); // interaction
    keys.push(key(KeyCode::Enter)); // caller = person_sync
    keys.extend(typed("10s"));
    keys.push(key(KeyCode::Enter)); // caller_timeout
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // can_continue = no
    keys.extend(typed("800ms"));
    keys.push(key(KeyCode::Enter)); // response_window
    keys.push(key(KeyCode::Enter)); // arrival = unpredictable
    press(a, &keys);
}

#[test]
fn snapshot_first_question() {
    for size in SIZES {
        snap("first_question", &app(size));
    }
}

#[test]
fn snapshot_duration_parse_error() {
    for size in SIZES {
        let mut a = app(size);
        press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        press(&mut a, &typed("5 parsecs"));
        assert_eq!(a.q.questions[a.current].id, "caller_timeout");
        snap("duration_error", &a);
        press(&mut a, &[key(KeyCode::Enter)]);
        assert_eq!(a.q.questions[a.current].id, "caller_timeout", "an invalid duration is not accepted");
        assert!(a.message.as_ref().unwrap().1.starts_with("Not taken"));
        // The reason is said once, whole, under the input (not again, cut, in the message line).
        let screen = render(&a);
        assert_eq!(screen.matches("unknown unit `parsecs`").count(), 1, "{screen}");
        assert!(!screen.contains("parsecs…"), "{screen}");
    }
}

#[test]
fn over_a_typed_answer_shift_up_and_the_wheel_scroll_the_question_back() {
    // Issue 21: at 80x24 every built-in typed question shows "why we ask" from its start on arrival.
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(a.q.questions[a.current].id, "caller_timeout");
    let help_start = "Why we ask: A person or service";
    assert!(render(&a).contains(help_start) && render(&a).contains("(F2:"), "{}", render(&a));
    press(&mut a, &[key(KeyCode::F(2))]);
    assert!(render(&a).contains(help_start) && render(&a).contains("2s or 30s."), "F2 shows it whole: {}", render(&a));
    // A help too long for the pane: the input keeps the keys and stays in view, so the start of the
    // help is pushed out above; Shift-↑ and the wheel scroll back to it.
    let long = format!(
        "schema = 3\nid = \"long\"\nversion = \"1\"\ntitle = \"Long\"\n\n[[classes]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"A.\"\n\n\
         [[classes]]\nid = \"b\"\nlabel = \"B\"\ndescription = \"B.\"\n\n[[questions]]\nid = \"wait\"\nkind = \"duration\"\n\
         prompt = \"How long?\"\nhelp = \"Start of the help. {}\"\n\n[[questions.bands]]\nup_to = \"1s\"\nweights = {{ b = 1 }}\n\n\
         [[questions.bands]]\nweights = {{ a = 1 }}\n",
        "More words that go on and on. ".repeat(40)
    );
    let q = syskind::core::questionnaire::load("long.toml", &long).unwrap().0;
    let mut a = App::new(q, None, None, ctx((80, 24)), Theme::monochrome());
    let help_start = "Why we ask: Start of the help.";
    assert!(render(&a).contains(help_start), "{}", render(&a));
    press(&mut a, &[key(KeyCode::F(2))]);
    assert!(!render(&a).contains(help_start), "the input box pushes the start of the help out of view");
    assert!(render(&a).contains("▲ more above"));
    for _ in 0..30 {
        press(&mut a, &[Msg::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT))]);
    }
    assert!(render(&a).contains(help_start), "{}", render(&a));
    // Typing brings the input back into view.
    press(&mut a, &typed("3"));
    assert!(!render(&a).contains(help_start));
    assert!(render(&a).contains("3▏"), "{}", render(&a));
    // The wheel over the pane does the same.
    let q = syskind::tui::measure::areas(&a).content;
    let wheel =
        MouseEvent { kind: MouseEventKind::ScrollUp, column: q.x + 2, row: q.y + 1, modifiers: KeyModifiers::NONE };
    for _ in 0..30 {
        press(&mut a, &[Msg::Mouse(wheel)]);
    }
    assert!(render(&a).contains(help_start), "{}", render(&a));
}

#[test]
fn snapshot_panel_after_several_answers() {
    for size in SIZES {
        let mut a = app(size);
        answer_some(&mut a);
        assert_eq!(a.verdict.class, "hard_real_time");
        assert_eq!(a.verdict.answered, 6);
        press(&mut a, &[key(KeyCode::Left)]); // back to the last answer: the panel itself, not a preview
        assert_eq!(a.preview, None);
        snap("after_answers", &a);
    }
}

#[test]
fn snapshot_preview() {
    for size in SIZES {
        let mut a = app(size);
        press(&mut a, &[key(KeyCode::Enter)]);
        press(&mut a, &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)]); // nobody
        let p = a.preview.as_ref().expect("hovering previews");
        assert_eq!(p.class, "soft_real_time");
        assert_eq!(a.verdict.class, "hard_real_time", "nothing is chosen by hovering");
        snap("preview", &a);
    }
}

/// Issue 19: a preview whose verdict is not the leading bar says why, whole, at 80x24.
#[test]
fn a_preview_against_the_leading_bar_says_why_at_80x24() {
    let q = default_questionnaire();
    let text = "questionnaire = \"system-kind\"\n[answers]\ncaller = \"person_sync\"\nresponse_window = \"2s\"\n\
                arrival = \"unpredictable\"\ncan_defer = false\nlate_cost = \"lost_business\"\n";
    let answers = syskind::core::answers_file::parse_answers("p.toml", text, &q).unwrap();
    let mut a = App::new(q, Some(answers), None, ctx((80, 24)), Theme::monochrome());
    press(&mut a, &[key(KeyCode::Enter)]); // past the interaction, onto `caller`
    press(&mut a, &[key(KeyCode::Down), key(KeyCode::Down)]); // push_subscriber
    let p = a.preview.as_ref().expect("hovering previews");
    assert_eq!(p.class, "soft_real_time");
    let leader = p.scores.iter().max_by(|x, y| x.score.total_cmp(&y.score)).unwrap();
    assert_eq!(leader.class, "hard_real_time", "the bars lead elsewhere");
    let screen = render(&a);
    // The panel's rows, without the borders, joined: the reason is there whole, not cut with "…".
    let panel: String = screen
        .lines()
        .filter_map(|l| l.rsplit_once("││").map(|(_, r)| r.trim_end_matches('│').trim_end().to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        panel.contains(
            "Not Hard real-time (leading bar): Nobody is blocked on a request for the reply, so this is not request/reply"
        ),
        "{screen}"
    );
    assert!(screen.contains("PREVIEW"), "{screen}");
}

#[test]
fn snapshot_help_overlay() {
    for size in SIZES {
        let mut a = app(size);
        press(&mut a, &[key(KeyCode::Right), key(KeyCode::Char('?'))]);
        assert_eq!(a.overlay, Some(Overlay::Help));
        snap("help", &a);
        press(&mut a, &[key(KeyCode::Char('x'))]);
        assert_eq!(a.overlay, None, "any key closes help");
    }
}

#[test]
fn snapshot_review() {
    for size in SIZES {
        let mut a = app(size);
        answer_some(&mut a);
        press(&mut a, &[key(KeyCode::Char('n'))]);
        press(&mut a, &typed("p99 measured"));
        press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Char('r'))]);
        assert_eq!(a.screen, Screen::Review);
        press(&mut a, &typed("Checkout is request/reply"));
        assert_eq!(a.path_input, "decisions/0003-checkout-is-request-reply.toml");
        snap("review", &a);
    }
}

#[test]
fn snapshot_export_confirmation() {
    for size in SIZES {
        let mut a = app(size);
        answer_some(&mut a);
        press(&mut a, &[ctrl('s')]);
        press(&mut a, &typed("Checkout"));
        // Few answers: asked, and agreed (its own test: exporting_with_few_answers_asks_first).
        press(&mut a, &[ctrl('s')]);
        assert_eq!(a.overlay, Some(Overlay::ConfirmFewAnswers));
        let effect = press(&mut a, &[key(KeyCode::Char('y'))]);
        let Some(Effect::Export { path, text, overwrite }) = effect else { panic!("export asked for") };
        assert!(!overwrite);
        assert!(text.contains("title = \"Checkout\""));
        press(&mut a, &[Msg::ExportExists(path.clone())]);
        snap("overwrite_confirm", &a);
        let again = press(&mut a, &[key(KeyCode::Char('y'))]);
        assert!(matches!(again, Some(Effect::Export { overwrite: true, .. })));
        press(&mut a, &[Msg::Exported(Ok(path.clone()))]);
        assert!(!a.dirty);
        snap("exported", &a);
        let adr = press(&mut a, &[key(KeyCode::Char('m'))]);
        assert_eq!(
            adr,
            Some(Effect::Adr {
                record: path.clone(),
                format: Some(syskind::core::adr::Format::Madr),
                force: false,
                init: None
            })
        );
        press(&mut a, &[Msg::AdrWritten(Err("cannot write".into()))]);
        assert!(render(&a).contains("No ADR written: cannot write"));
        // No ADR folder yet: the wizard offers to create one, as `adr init` would.
        press(
            &mut a,
            &[Msg::AdrAsk(syskind::tui::AdrAsk::NoFolder {
                record: path.clone(),
                format: None,
                dir: "doc/adr".into(),
            })],
        );
        assert!(render(&a).contains("There is no ADR folder yet. Create doc/adr"), "{}", render(&a));
        let yes = press(&mut a, &[key(KeyCode::Char('y'))]);
        assert_eq!(
            yes,
            Some(Effect::Adr { record: path.clone(), format: None, force: false, init: Some("doc/adr".into()) })
        );
        // A folder of another layout: asked first, and a yes writes it anyway.
        let text = "doc/adr holds Nygard (adr-tools) ADRs; writing MADR 4 (front matter) there breaks …".to_string();
        press(
            &mut a,
            &[Msg::AdrAsk(syskind::tui::AdrAsk::Mixed {
                record: path.clone(),
                format: Some(syskind::core::adr::Format::Madr),
                text,
            })],
        );
        assert!(render(&a).contains("holds Nygard (adr-tools) ADRs"));
        let yes = press(&mut a, &[key(KeyCode::Char('y'))]);
        assert_eq!(
            yes,
            Some(Effect::Adr { record: path, format: Some(syskind::core::adr::Format::Madr), force: true, init: None })
        );
    }
}

#[test]
fn snapshot_quit_confirmation() {
    for size in SIZES {
        let mut a = app(size);
        answer_some(&mut a);
        assert_eq!(press(&mut a, &[key(KeyCode::Esc)]), None, "asks first");
        assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
        snap("quit_confirm", &a);
        assert_eq!(press(&mut a, &[key(KeyCode::Char('y'))]), Some(Effect::Quit));
    }
}

#[test]
fn snapshot_too_small_and_recovery() {
    let mut a = app((60, 16));
    snap("too_small", &a);
    press(&mut a, &[Msg::Resize(80, 24)]);
    assert!(render(&a).contains("Who is waiting") || render(&a).contains("Which part"));
}

#[test]
fn the_whole_questionnaire_by_keys() {
    let mut a = app((120, 40));
    let mut keys = typed("Card authorisation");
    keys.push(key(KeyCode::Enter));
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // caller = service_sync
    keys.extend(typed("3s"));
    keys.push(key(KeyCode::Enter)); // caller_timeout
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // can_continue = no
    keys.extend(typed("2s"));
    keys.push(key(KeyCode::Enter)); // window
    keys.push(key(KeyCode::Enter)); // arrival = unpredictable
    keys.push(key(KeyCode::Char('n'))); // a note on can_defer, the question now showing
    keys.extend(typed("never batch"));
    keys.push(key(KeyCode::Enter));
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // can_defer = no (defer_limit hidden)
    keys.push(key(KeyCode::Enter)); // late_cost = lost_business
    keys.extend(typed("1s"));
    keys.push(key(KeyCode::Enter)); // freshness
    keys.extend(typed("4000"));
    keys.push(key(KeyCode::Enter)); // volume
    keys.extend(typed("4"));
    keys.push(key(KeyCode::Enter)); // fan_out
    keys.push(key(KeyCode::Enter)); // dependency_timeouts = measured
    keys.push(key(KeyCode::Enter)); // queueing = none
    keys.push(key(KeyCode::Enter)); // mutates_state = yes
    keys.push(key(KeyCode::Enter)); // idempotency = tokens
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // retries = backoff
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // degradation = no
    press(&mut a, &keys);
    assert_eq!(a.screen, Screen::Review, "the last answer leads to the review");
    let q = &a.q;
    let get = |id: &str| a.answers.values[q.question_index(id).unwrap()].clone();
    assert_eq!(get("caller"), Some(Value::Choice(1)));
    assert_eq!(get("can_defer"), Some(Value::Bool(false)));
    assert_eq!(get("defer_limit"), None);
    assert_eq!(get("volume"), Some(Value::Number(4000.0)));
    assert_eq!(a.answers.notes[q.question_index("can_defer").unwrap()], "never batch");
    assert_eq!(a.verdict.class, "hard_real_time");
    assert_eq!(a.verdict.answered, a.verdict.applicable);
    // Same answers through the CLI's answers file give the same verdict.
    let file = std::fs::read_to_string("questionnaires/examples/card-authorisation.toml").unwrap();
    let cli = syskind::core::answers_file::parse_answers("card.toml", &file, q).unwrap();
    assert_eq!(syskind::core::engine::classify(q, &cli).class, a.verdict.class);
}

#[test]
fn going_back_and_clearing() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(a.q.questions[a.current].id, "caller_timeout");
    press(&mut a, &[key(KeyCode::Backspace)]);
    assert_eq!(a.q.questions[a.current].id, "caller", "Backspace on an empty field goes back");
    assert_eq!(a.cursor, 0, "the cursor sits on the chosen answer");
    press(&mut a, &[key(KeyCode::Char('x'))]);
    assert_eq!(a.answers.values[1], None);
    press(&mut a, &[key(KeyCode::PageDown)]);
    assert_eq!(a.q.questions[a.current].id, "arrival", "PgDn jumps to the next section");
    press(&mut a, &[key(KeyCode::PageUp)]);
    assert_eq!(a.q.questions[a.current].id, "caller");
}

#[test]
fn tab_moves_focus_and_the_list_opens_questions() {
    let mut a = app((120, 40));
    press(&mut a, &[key(KeyCode::BackTab)]);
    assert_eq!(a.focus, Focus::List);
    press(&mut a, &[key(KeyCode::End), key(KeyCode::Enter)]);
    assert_eq!(a.q.questions[a.current].id, "degradation");
    assert_eq!(a.focus, Focus::Question);
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(a.focus, Focus::Panel);
}

#[test]
fn multiple_choice_and_status_cycling() {
    let mut a = app((80, 24));
    press(&mut a, &[ctrl('s'), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(a.field, ReviewField::Status);
    press(&mut a, &[key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!(a.record().status, syskind::core::record::Status::Rejected);
    press(&mut a, &[key(KeyCode::Left)]);
    assert_eq!(a.record().status, syskind::core::record::Status::Accepted);
    // Export without a title is refused with a message, not an effect.
    press(&mut a, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(a.field, ReviewField::Export);
    assert_eq!(press(&mut a, &[key(KeyCode::Enter)]), None);
    assert_eq!(a.field, ReviewField::Title);
}

#[test]
fn mouse_clicks_choose() {
    let mut a = app((120, 40));
    press(&mut a, &[key(KeyCode::Enter)]); // to caller
    let ar = areas(ratatui::layout::Rect::new(0, 0, 120, 40));
    let click = |row: u16, col: u16| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Find the third choice's first line on screen, as a person would, and click it.
    let screen = render(&a);
    let y = screen.lines().position(|l| l.contains("( ) A client subscribed to pushed updates")).expect("drawn") as u16;
    press(&mut a, &[click(y, ar.content.x + 4)]);
    let caller = a.q.question_index("caller").unwrap();
    assert_eq!(a.answers.values[caller], Some(Value::Choice(2)));
    // Click the list row of `caller` again: back to it.
    let rows = syskind::tui::list::list_rows(&a);
    let row = rows.iter().position(|r| *r == syskind::tui::list::Row::Question(caller)).unwrap() as u16;
    press(&mut a, &[click(ar.list.y + 1 + row, ar.list.x + 3)]);
    assert_eq!(a.current, caller);
}

#[test]
fn export_failure_keeps_answers_and_asks_for_another_path() {
    let mut a = app((80, 24));
    answer_some(&mut a);
    press(&mut a, &[Msg::Exported(Err("permission denied".into()))]);
    assert_eq!(a.screen, Screen::Review);
    assert_eq!(a.field, ReviewField::Path);
    assert!(a.dirty);
    assert!(render(&a).contains("Not saved. Your answers are kept"));
    assert!(render(&a).contains("permission denied"), "the reason is shown");
}

#[test]
fn a_questionnaire_full_of_escape_sequences_draws_none_of_them() {
    let md = std::fs::read_to_string("docs/questionnaire-format.md").unwrap();
    let mini = md.split("```toml\n").find(|b| b.starts_with("schema = 2")).unwrap().split("```").next().unwrap();
    let evil = r#"\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u001b\\\u009b31m\u202e"#;
    let text = mini
        .replace("title = \"Does anyone wait?\"", &format!("title = \"Does anyone wait?{evil}\""))
        .replace("prompt = \"Who waits for the answer?\"", &format!("prompt = \"Who waits{evil} for the answer?\""))
        .replace("help = \"A waiting person is the strongest signal.\"", &format!("help = \"A waiting{evil} person.\""))
        .replace("label = \"A person\"", &format!("label = \"A person{evil}\""))
        .replace("label = \"Fast\"", &format!("label = \"Fast{evil}\""));
    let (q, _) = syskind::core::questionnaire::load("evil.toml", &text).unwrap_or_else(|r| panic!("{}", r.short()));
    assert!(text.contains("\\u001b[2J"), "the escapes really are in the file");
    assert!(!q.questions[0].prompt.contains('\u{1b}'), "and are stripped as it loads");
    // Answers and notes from another file reach the screen too: they are cleaned when drawn.
    let answers_text = format!("[answers]\nnotes = \"free{evil} text\"\n[notes]\nwho = \"a note{evil}\"\n");
    let answers = syskind::core::answers_file::parse_answers("a.toml", &answers_text, &q).unwrap();
    assert!(answers.notes[0].contains('\u{1b}'));
    for size in SIZES {
        let ctx = ctx(size);
        let mut a = App::new(q.clone(), Some(answers.clone()), None, ctx, Theme::load(None).unwrap());
        let mut screens = vec![render(&a)];
        press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Char('n'))]);
        press(&mut a, &typed("note"));
        press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Char('r'))]);
        screens.push(render(&a));
        for s in screens {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "control characters drawn: {s:?}");
            assert!(!s.contains('\u{202e}') && !s.contains("pwned") && !s.contains("ZXZpbA"), "{s}");
            assert!(s.contains("Who waits for the answer?") || s.contains("A person"), "{s}");
        }
    }
}

#[test]
fn wide_characters_never_break_the_layout() {
    use unicode_width::UnicodeWidthStr;
    let md = std::fs::read_to_string("docs/questionnaire-format.md").unwrap();
    let mini = md.split("```toml\n").find(|b| b.starts_with("schema = 2")).unwrap().split("```").next().unwrap();
    let wide = "支付系统🚀e\u{301}".repeat(12);
    let text = mini
        .replace("label = \"A person\"", &format!("label = \"{wide}\""))
        .replace("prompt = \"Who waits for the answer?\"", &format!("prompt = \"{wide}?\""))
        .replace("title = \"The one section\"", &format!("title = \"{wide}\""));
    let (q, _) = syskind::core::questionnaire::load("wide.toml", &text).unwrap();
    for size in SIZES {
        let ctx = ctx(size);
        let a = App::new(q.clone(), None, None, ctx, Theme::monochrome());
        let screen = render(&a);
        for line in screen.lines() {
            assert!(line.width() <= size.0 as usize, "line wider than the terminal: {line}");
        }
        // Every body row still reaches exactly the right edge, where the panes' borders close.
        let rows: Vec<&str> = screen.lines().skip(1).take(size.1 as usize - 2).collect();
        assert!(rows.iter().all(|l| l.width() == size.0 as usize && !l.ends_with(' ')), "{screen}");
    }
}

/// Answers that contradict each other and a design with risks: the panel must say both.
const CONFLICTED: &str = r#"questionnaire = "system-kind"
[answers]
interaction = "Nightly price feed"
caller = "schedule"
response_window = "500ms"
arrival = "scheduled"
can_defer = false
late_cost = "lost_business"
freshness = "1s"
fan_out = 6
dependency_timeouts = "none"
queueing = "none"
mutates_state = true
idempotency = "unsafe"
retries = "immediate"
degradation = false
"#;

#[test]
fn snapshot_panel_with_conflicts_and_risks() {
    for size in SIZES {
        let q = default_questionnaire();
        let answers = syskind::core::answers_file::parse_answers("c.toml", CONFLICTED, &q).unwrap();
        let a = App::new(q, Some(answers), None, ctx(size), Theme::monochrome());
        assert!(a.verdict.conflicts.len() >= 2, "{:?}", a.verdict.conflicts);
        assert!(a.verdict.confidence <= 0.5);
        assert!(a.verdict.findings.iter().any(|f| f.id == "immediate_retries"));
        let screen = render(&a);
        if size.0 >= 120 {
            assert!(screen.contains("conflicts — confidence capped"), "{screen}");
            assert!(screen.contains("Risks (") && screen.contains("HIGH REL05-BP03"), "{screen}");
        } else {
            // 80x24: the compact strip counts them (Tab opens the whole panel).
            assert!(screen.contains("2 conflicts · risks: 4 high"), "{screen}");
        }
        snap("conflicts_and_risks", &a);
    }
}

#[test]
fn snapshot_undecided_tie() {
    let q = default_questionnaire();
    let answers = syskind::core::answers_file::parse_answers(
        "t.toml",
        "questionnaire = \"system-kind\"\n[answers]\ncaller = \"nobody\"\n",
        &q,
    )
    .unwrap();
    let a = App::new(q, Some(answers), None, ctx((80, 24)), Theme::monochrome());
    assert_eq!(a.verdict.undecided, ["soft_real_time", "offline"]);
    assert_eq!(a.verdict.confidence, 0.0);
    assert!(render(&a).contains("UNDECIDED: SOFT REAL-TIME OR OFFLINE"), "{}", render(&a));
}

#[test]
fn after_a_resume_export_the_wizard_offers_to_update_the_adr() {
    let q = default_questionnaire();
    let text = std::fs::read_to_string("questionnaires/examples/email-notifications.toml").unwrap();
    let answers = syskind::core::answers_file::parse_answers("e.toml", &text, &q).unwrap();
    let mut original = syskind::core::record::Record::new(
        &q,
        &answers,
        syskind::core::record::Meta { title: "Mails".into(), date: "2026-11-26".into(), ..Default::default() },
    );
    original.adr = "../doc/adr/0004-mails.md".into();
    let mut a = App::new(q, Some(answers), Some(original.meta()), ctx((120, 40)), Theme::monochrome());
    press(&mut a, &[Msg::Setup(syskind::tui::Setup::Revise(Box::new(original)))]);
    press(&mut a, &[ctrl('s')]);
    let Some(Effect::Export { path, .. }) = press(&mut a, &[ctrl('s')]) else { panic!("export") };
    press(&mut a, &[Msg::Exported(Ok(path.clone()))]);
    assert!(
        render(&a).contains("u update its ADR (../doc/adr/0004-mails.md) from the revised record"),
        "{}",
        render(&a)
    );
    let e = press(&mut a, &[key(KeyCode::Char('u'))]);
    assert_eq!(e, Some(Effect::AdrUpdate { record: path, adr: "../doc/adr/0004-mails.md".into() }));
}

/// The text drawn in `r`, row by row, with every space and box-drawing character removed, so
/// wrapped text can be compared with the words it came from.
fn squeezed(app: &App, r: ratatui::layout::Rect) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            out.push_str(buf[(x, y)].symbol());
        }
    }
    out.chars().filter(|c| !c.is_whitespace() && !"│┌┐└┘─›•()[]x".contains(*c)).collect()
}

#[test]
fn every_choice_label_is_whole_on_screen_at_both_sizes() {
    for size in SIZES {
        let mut a = app(size);
        let q = a.q.clone();
        for (i, question) in q.questions.iter().enumerate() {
            let labels: Vec<String> = match question.kind {
                syskind::core::questionnaire::Kind::YesNo => vec!["Yes".into(), "No".into()],
                _ => question.choices.iter().map(|c| c.label.to_string()).collect(),
            };
            if labels.is_empty() {
                continue;
            }
            a.open(i);
            for (k, label) in labels.iter().enumerate() {
                if k > 0 {
                    press(&mut a, &[key(KeyCode::Down)]); // the highlight, and its preview, as on screen
                }
                assert_eq!(a.cursor, k);
                let ar = syskind::tui::measure::areas_in(&a, ratatui::layout::Rect::new(0, 0, size.0, size.1));
                let pane = squeezed(&a, ar.content);
                let want: String = label.chars().filter(|c| !c.is_whitespace() && !"()[]x".contains(*c)).collect();
                assert!(
                    pane.contains(&want),
                    "{}x{}: `{}` choice {k} `{label}` is not whole on screen:\n{}",
                    size.0,
                    size.1,
                    question.id,
                    render(&a)
                );
                // And the prompt is always there too.
                let prompt: String =
                    question.prompt.chars().filter(|c| !c.is_whitespace() && !"()[]x".contains(*c)).collect();
                assert!(pane.contains(&prompt), "{}: the question itself is on screen", question.id);
            }
        }
    }
}

#[test]
fn exporting_with_few_answers_asks_first() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]); // caller = person_sync
    press(&mut a, &[ctrl('s')]);
    press(&mut a, &typed("Checkout"));
    assert_eq!(press(&mut a, &[ctrl('s')]), None, "asked first");
    assert_eq!(a.overlay, Some(Overlay::ConfirmFewAnswers));
    assert!(render(&a).contains("Only 1 of 15 applicable questions are answered"), "{}", render(&a));
    press(&mut a, &[key(KeyCode::Char('n'))]);
    assert_eq!(a.screen, Screen::Questions, "back to answer more");
    press(&mut a, &[ctrl('s'), ctrl('s')]);
    let e = press(&mut a, &[key(KeyCode::Char('y'))]);
    assert!(matches!(e, Some(Effect::Export { .. })), "{e:?}");
}

#[test]
fn a_preview_shows_its_own_what_would_change_it() {
    let mut a = app((120, 40));
    answer_some(&mut a);
    // Back to caller and hover over "nobody": the preview is another verdict with its own what-ifs.
    let caller = a.q.question_index("caller").unwrap();
    a.open(caller);
    press(&mut a, &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)]);
    let p = a.preview.clone().expect("previewing");
    assert!(!p.changes.is_empty());
    assert_ne!(p.changes, a.verdict.changes, "not the chosen answer's what-ifs");
    let label = |c: &str| a.q.classes[a.q.class_index(c).unwrap()].label.clone();
    let first = &p.changes[0];
    assert!(render(&a).contains(&format!("⇄ {} → ", first.question)), "{}", render(&a));
    assert_ne!(label(&first.class), p.label, "each change leads away from the previewed verdict");
}

#[test]
fn text_fields_are_editors() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Enter)]); // caller = person_sync → caller_timeout
    assert_eq!(a.q.questions[a.current].id, "caller_timeout");
    press(&mut a, &typed("50ms"));
    // ← moves inside the text, not to the previous question.
    press(&mut a, &[key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left)]);
    assert_eq!(a.q.questions[a.current].id, "caller_timeout");
    press(&mut a, &typed("2"));
    assert_eq!(a.input, "250ms");
    press(&mut a, &[key(KeyCode::End)]);
    press(&mut a, &typed(" x"));
    press(&mut a, &[ctrl('w')]);
    assert_eq!(a.input, "250ms ", "Ctrl-W deletes the word before the cursor");
    press(&mut a, &[ctrl('a')]);
    press(&mut a, &[ctrl('k')]);
    assert_eq!(a.input, "", "Ctrl-A then Ctrl-K clears");
    press(&mut a, &typed("2s"));
    press(&mut a, &[ctrl('a'), ctrl('e')]);
    assert!(render(&a).contains("2s▏"), "the cursor is drawn where it is:\n{}", render(&a));
    press(&mut a, &[key(KeyCode::Home)]);
    assert!(render(&a).contains("▏2s"), "{}", render(&a));
    // At the start, ← goes back a question; at the end, → goes on.
    press(&mut a, &[key(KeyCode::Left)]);
    assert_eq!(a.q.questions[a.current].id, "caller");
}

#[test]
fn a_paste_is_text_never_keys() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter)]); // to caller (a choice question)
    let before = a.answers.clone();
    press(&mut a, &[Msg::Paste("1\n".into())]);
    assert_eq!(a.answers, before, "a paste on a choice question chooses nothing");
    press(&mut a, &[ctrl('s')]);
    press(&mut a, &[Msg::Paste("Card\nauthorisation\n".into())]);
    assert_eq!(a.meta.title, "Card authorisation ", "line breaks become spaces in a one-line field");
    assert_eq!(a.screen, Screen::Review, "the pasted newline did not act as Enter");
    press(&mut a, &[key(KeyCode::Tab)]); // context keeps its lines
    press(&mut a, &[Msg::Paste("line one\nline two".into())]);
    assert_eq!(a.meta.context, "line one\nline two");
    assert!(
        matches!(press(&mut a, &[ctrl('o')]), Some(Effect::EditExternal { .. })),
        "Ctrl-O opens $EDITOR on the context"
    );
    press(&mut a, &[Msg::Edited(syskind::effect::TextTarget::Context, Ok("from the editor\n".into()))]);
    assert_eq!(a.meta.context, "from the editor");
}

#[test]
fn on_a_large_questionnaire_what_would_change_it_follows_the_frame() {
    use syskind::core::engine::classify;
    use syskind::core::questionnaire::generate::generated_questionnaire;
    use syskind::core::questionnaire::load;
    let (q, _) = load("gen.toml", &generated_questionnaire(500)).unwrap();
    let mut a = App::new(q, None, None, ctx((120, 40)), Theme::monochrome());
    assert!(a.what_if_pending, "the first verdict's search is put off too");
    update(&mut a, Msg::Idle);
    assert!(!a.what_if_pending);
    // Choose an answer: the frame that follows shows the new verdict, and says the search is coming.
    press(&mut a, &[key(KeyCode::Enter)]);
    assert!(a.what_if_pending);
    assert!(a.verdict.changes.is_empty());
    assert!(render(&a).contains("What would change it: working it"), "{}", render(&a));
    // When no key is waiting the loop sends Idle: the search runs and matches a full classification.
    update(&mut a, Msg::Idle);
    assert!(!a.what_if_pending);
    let full = classify(&a.q, &a.answers);
    assert!(!full.changes.is_empty());
    assert_eq!(a.verdict.changes, full.changes);
    let screen = render(&a);
    assert!(!screen.contains("working it out"));
    assert!(screen.contains(&format!("{} → ", full.changes[0].question)), "{screen}");
}

#[test]
fn on_the_built_in_questionnaire_what_would_change_it_is_never_put_off() {
    let mut a = app((120, 40));
    answer_some(&mut a);
    assert!(!a.what_if_pending);
    assert_eq!(a.verdict.changes, syskind::core::engine::classify(&a.q, &a.answers).changes);
}

#[test]
fn a_revision_asks_who_revises_it_prefilled_with_the_user() {
    let q = default_questionnaire();
    let text = std::fs::read_to_string("questionnaires/examples/email-notifications.toml").unwrap();
    let answers = syskind::core::answers_file::parse_answers("e.toml", &text, &q).unwrap();
    let original = syskind::core::record::Record::new(
        &q,
        &answers,
        syskind::core::record::Meta { title: "Mails".into(), date: "2026-11-26".into(), ..Default::default() },
    );
    // A new record has no "Revised by" field: there is nothing to revise.
    let mut fresh = app((80, 24));
    press(&mut fresh, &[ctrl('s')]);
    assert!(!render(&fresh).contains("Revised by"));
    let fields: Vec<ReviewField> = (0..7)
        .map(|_| {
            press(&mut fresh, &[key(KeyCode::Tab)]);
            fresh.field
        })
        .collect();
    assert!(!fields.contains(&ReviewField::Reviser), "Tab never lands on a hidden field: {fields:?}");

    let mut a = App::new(q.clone(), Some(answers), Some(original.meta()), ctx((80, 24)), Theme::monochrome());
    press(&mut a, &[Msg::Setup(syskind::tui::Setup::Revise(Box::new(original)))]);
    // Change an answer so the export is a revision.
    a.open(q.question_index("response_window").unwrap());
    press(&mut a, &[ctrl('u')]);
    press(&mut a, &typed("2s"));
    press(&mut a, &[key(KeyCode::Enter), ctrl('s')]);
    assert_eq!(a.screen, Screen::Review);
    assert!(render(&a).contains("Revised by: tester"), "prefilled from the user:\n{}", render(&a));
    snap("review_revising", &a);
    while a.field != ReviewField::Reviser {
        press(&mut a, &[key(KeyCode::Tab)]);
    }
    press(&mut a, &[ctrl('u')]);
    press(&mut a, &typed("Ada Lovelace"));
    let revisions = a.record().revisions;
    let last = revisions.last().expect("a revision entry");
    assert_eq!(last.who, "Ada Lovelace");
    // Emptied, the field falls back to the user rather than recording nobody.
    press(&mut a, &[ctrl('u')]);
    assert_eq!(a.record().revisions.last().unwrap().who, "tester");
}

#[test]
fn panel_and_summary_scroll_stop_at_their_last_line() {
    use syskind::tui::{panel, review};
    let mut scrolled = false;
    for size in [(80, 24), (120, 30)] {
        let q = default_questionnaire();
        let answers = syskind::core::answers_file::parse_answers("c.toml", CONFLICTED, &q).unwrap();
        let mut a = App::new(q, Some(answers), None, ctx(size), Theme::monochrome());
        // The panel: focused with Tab, scrolled far past its end.
        while a.focus != Focus::Panel {
            press(&mut a, &[key(KeyCode::Tab)]);
        }
        let most = panel::max_scroll(&a, syskind::tui::measure::areas(&a).panel);
        for _ in 0..100 {
            press(&mut a, &[key(KeyCode::Down)]);
        }
        assert_eq!(a.panel_scroll, most, "{size:?}");
        if most > 0 {
            scrolled = true;
            press(&mut a, &[key(KeyCode::Up)]);
            assert_eq!(a.panel_scroll, most - 1, "one key up moves at once");
        }
        // The review summary: PageDown stops at the end too, with the last practice on screen.
        press(&mut a, &[ctrl('s')]);
        assert_eq!(a.screen, Screen::Review);
        let most = review::summary_max_scroll(&a, areas(a.screen_rect()).body);
        assert!(most > 0, "{size:?}: the summary is longer than the screen");
        for _ in 0..50 {
            press(&mut a, &[key(KeyCode::PageDown)]);
        }
        assert_eq!(a.review_scroll, most);
        let last = a.q.classes[a.verdict.class_index].practices.last().unwrap().id.clone();
        assert!(render(&a).contains(&*last), "{}", render(&a));
    }
    assert!(scrolled, "the panel scrolls at one of the sizes");
}

#[test]
fn the_context_is_a_multi_line_box() {
    let mut a = app((80, 24));
    answer_some(&mut a);
    press(&mut a, &[ctrl('s')]);
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(a.field, ReviewField::Context);
    press(&mut a, &typed("Checkout waits on the card network."));
    press(&mut a, &[key(KeyCode::Enter)]);
    assert_eq!(a.field, ReviewField::Context, "Enter starts a new line, it does not leave the field");
    press(&mut a, &typed("Retries are idempotent."));
    assert_eq!(a.meta.context, "Checkout waits on the card network.\nRetries are idempotent.");
    snap("review_context_box", &a);
    let screen = render(&a);
    assert!(screen.contains("Context: Checkout waits on the card network."), "{screen}");
    assert!(screen.contains("            Retries are idempotent."), "the second line under the first:\n{screen}");
    // ↑ moves inside the box, then leaves it from the first line; ↓ comes back in.
    press(&mut a, &[key(KeyCode::Up)]);
    assert_eq!(a.field, ReviewField::Context);
    press(&mut a, &[key(KeyCode::Up)]);
    assert_eq!(a.field, ReviewField::Title);
    press(&mut a, &[key(KeyCode::Down)]);
    assert_eq!(a.field, ReviewField::Context);
    // Ctrl-U deletes to the start of the line (not the widget's undo); Ctrl-A/E move along it.
    press(&mut a, &[ctrl('u')]);
    assert_eq!(a.meta.context, "Checkout waits on the card network.\n");
    press(&mut a, &typed("Only the gateway retries."));
    press(&mut a, &[ctrl('a')]);
    press(&mut a, &typed("> "));
    assert_eq!(a.meta.context, "Checkout waits on the card network.\n> Only the gateway retries.");
    // PgDn scrolls the summary from the box too, and leaves the text alone.
    let before = a.meta.context.clone();
    press(&mut a, &[key(KeyCode::PageDown)]);
    assert!(a.review_scroll > 0, "the summary scrolled");
    assert_eq!(a.meta.context, before);
    assert_eq!(a.field, ReviewField::Context);
    // Leaving the field shows its lines; a context longer than the rows ends in "…".
    press(&mut a, &[key(KeyCode::Tab)]);
    press(&mut a, &[Msg::Edited(syskind::effect::TextTarget::Context, Ok("one\ntwo\nthree\nfour\n".into()))]);
    let screen = render(&a);
    assert!(screen.contains("three …"), "{screen}");
    assert!(!screen.contains("four"));
    // The record keeps the lines.
    assert_eq!(a.record().meta().context, "one\ntwo\nthree\nfour");
}

#[test]
fn the_source_link_is_clickable_where_its_label_is_drawn() {
    use syskind::tui::Setup;
    use syskind::tui::view::view_linked;
    // Links on, as the start sets them in a terminal that shows them.
    let on = Msg::Setup(Setup::Hyperlinks(true));
    let mut a = app((120, 40));
    press(&mut a, &[on.clone(), key(KeyCode::Enter)]); // to `caller`, which names its source
    let q = &a.q.questions[a.current];
    let url = q.source.clone().expect("caller has a source");
    // The links are what the frame's own drawing found.
    let drawn = |a: &App| {
        let (w, h) = a.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut links = Vec::new();
        t.draw(|f| links = view_linked(a, f)).unwrap();
        (links, t.backend().buffer().clone())
    };
    let (links, buf) = drawn(&a);
    assert!(!links.is_empty(), "the source line is on screen at 120x40");
    let linked: String = links
        .iter()
        .map(|l| (l.x..l.x + l.width).map(|x| buf[(x, l.y)].symbol().to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(links.iter().all(|l| l.url == url));
    assert_eq!(linked.trim(), syskind::core::text::link_label(&url), "exactly the label's cells are linked");
    // Scrolled out of view, nothing is linked.
    let mut small = app((80, 24));
    press(&mut small, &[on, key(KeyCode::Enter)]);
    assert!(drawn(&small).0.is_empty(), "80x24 shows no source line");
    // Links off (SYSKIND_HYPERLINKS=0), or something drawn over the question: none.
    let mut off = a.clone();
    press(&mut off, &[Msg::Setup(Setup::Hyperlinks(false))]);
    assert!(drawn(&off).0.is_empty(), "links are off");
    let mut covered = a.clone();
    press(&mut covered, &[key(KeyCode::F(1))]);
    assert!(covered.overlay.is_some(), "F1 opens the help");
    assert!(drawn(&covered).0.is_empty(), "nothing is linked under the help");
}

/// Issue 21: on arrival at every built-in question, at 80x24, 100x30 and 120x40, the prompt, the
/// first sentence of "why we ask" and at least four choices (or all of them) are on screen together.
#[test]
fn every_built_in_question_shows_its_prompt_why_and_four_choices_on_arrival() {
    use syskind::tui::question_view::{content, first_sentence, shown};
    let mut report = Vec::new();
    for size in [(80, 24), (100, 30), (120, 40)] {
        let mut a = app(size);
        let q = a.q.clone();
        for (i, question) in q.questions.iter().enumerate() {
            a.open(i); // as on arrival: the panel previews the highlighted choice
            let ar = syskind::tui::measure::areas(&a);
            let c = content(&a, ar.content.width as usize);
            let (rows, _, _) = shown(&c, ar.content.height as usize, 0);
            let text: String = rows
                .iter()
                .map(|k| c.lines[*k].spans.iter().map(|s| s.content.as_ref()).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert!(squeeze(&text).contains(&squeeze(&question.prompt)), "{}: the prompt is on screen", question.id);
            if !question.help.is_empty() {
                let first = first_sentence(&question.help).unwrap_or(&question.help);
                assert!(
                    squeeze(&text).contains(&squeeze(first)),
                    "{size:?} {}: the first sentence of why we ask is on screen:\n{}",
                    question.id,
                    render(&a)
                );
            }
            let options = a.option_count(i);
            if options == 0 {
                continue;
            }
            // A choice counts when every line of it is drawn.
            let whole = (0..options)
                .filter(|k| {
                    let lines: Vec<usize> = (0..c.lines.len()).filter(|l| c.choice_of[*l] == Some(*k)).collect();
                    !lines.is_empty() && lines.iter().all(|l| rows.contains(l))
                })
                .count();
            report.push(format!("{}x{} {}: {whole}/{options}", size.0, size.1, question.id));
            assert!(
                whole >= options.min(4),
                "{size:?} {}: {whole} of {options} choices whole on arrival:\n{}",
                question.id,
                render(&a)
            );
        }
    }
    assert!(report.len() > 20, "{report:?}");
}

/// Issue 21: the question screen with six choices (`caller`), at the three sizes.
#[test]
fn snapshot_six_choices_at_three_sizes() {
    for size in [(80, 24), (100, 30), (120, 40)] {
        let mut a = app(size);
        press(&mut a, &[key(KeyCode::Enter)]);
        assert_eq!(a.q.questions[a.current].id, "caller");
        insta::assert_snapshot!(format!("six_choices_{}x{}", size.0, size.1), render(&a));
    }
}

/// Issue 21.8: the note box's footer shows the note's keys, not the question's.
#[test]
fn the_note_box_footer_shows_its_own_keys() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Char('n'))]);
    assert_eq!(a.overlay, Some(Overlay::Note));
    let screen = render(&a);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("Enter save the note") && footer.contains("Esc cancel"), "{footer}");
    assert!(!footer.contains("choose"), "{footer}");
}

/// Issue 21.9: the password-reset e-mail walked as a person would, every key counted: the title is
/// not typed again (it starts as the interaction). The count is the closing note's figure.
#[test]
fn the_email_walk_in_keys() {
    let mut a = app((80, 24));
    let mut keys: Vec<Msg> = Vec::new();
    let interaction = "Send the password-reset e-mail";
    keys.extend(typed(interaction));
    keys.push(key(KeyCode::Enter)); // interaction
    keys.extend([key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]); // someone_later
    keys.extend(typed("2m"));
    keys.push(key(KeyCode::Enter)); // response_window
    keys.push(key(KeyCode::Enter)); // arrival: unpredictable
    keys.extend([key(KeyCode::Down), key(KeyCode::Enter)]); // can_defer: no
    keys.push(key(KeyCode::Enter)); // late_cost: lost_business
    keys.extend(typed("2m"));
    keys.push(key(KeyCode::Enter)); // freshness
    keys.push(ctrl('s')); // review
    keys.push(ctrl('s')); // export
    let typed_keys = interaction.len() + 4;
    let mut effect = None;
    for k in &keys {
        if let Some(e) = update(&mut a, k.clone()) {
            effect = Some(e);
        }
    }
    // Few answers (the design questions are left for later): the wizard asks once.
    if a.overlay.is_some() {
        keys.push(key(KeyCode::Char('y')));
        effect = update(&mut a, key(KeyCode::Char('y')));
    }
    let Some(Effect::Export { text, .. }) = effect else { panic!("exported: {:?}\n{}", a.overlay, render(&a)) };
    assert!(text.contains(&format!("title = \"{interaction}\"")), "{text}");
    assert!(text.contains("class = \"soft_real_time\""), "{text}");
    eprintln!("email walk: {} keys, {typed_keys} of them typed text", keys.len());
    assert!(keys.len() <= 50, "{} keys", keys.len());
}

/// Issue 21.8: at 80x24 the compact strip's "Tab: more" is true — with the keys, the panel is whole.
#[test]
fn tab_gives_the_panel_its_whole_height_at_80x24() {
    let mut a = app((80, 24));
    press(&mut a, &[key(KeyCode::Enter)]);
    assert!(syskind::tui::measure::areas(&a).panel.height < 9, "a compact strip on arrival");
    assert!(render(&a).contains("Tab: more"));
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_eq!(a.focus, Focus::Panel);
    assert!(syskind::tui::measure::areas(&a).panel.height >= 14, "{:?}", syskind::tui::measure::areas(&a).panel);
    let screen = render(&a);
    assert!(screen.contains("Why") && screen.contains("Confidence"), "{screen}");
    press(&mut a, &[key(KeyCode::Tab)]);
    assert_ne!(a.focus, Focus::Panel);
    assert!(syskind::tui::measure::areas(&a).panel.height < 9, "back to the strip");
}

/// Issue 21: one key table drives matching, the footer and the help. Every key that does something
/// on the question screen is in the table (and so in the help), and every key in the table does
/// something: probed, key by key, in each pane, against a state where it can act.
#[test]
fn the_key_table_is_what_the_keys_do() {
    use syskind::tui::keymap::{BINDINGS, Pane, action};
    // What an observer sees change.
    fn seen(a: &App) -> String {
        format!(
            "{:?} {} {} {:?} {:?} {} {} {:?} {}",
            a.screen,
            a.current,
            a.cursor,
            a.focus,
            a.overlay,
            a.list_cursor,
            a.panel_scroll,
            a.answers.values,
            a.why_full
        )
    }
    // A state where every act can act: on `caller` (six choices, cursor in the middle, answered),
    // the list cursor mid-way, the panel scrollable.
    let fresh = |pane: Pane, yes_no: bool| {
        let q = default_questionnaire();
        let text = "questionnaire = \"system-kind\"\n[answers]\ninteraction = \"x\"\ncaller = \"someone_later\"\n\
                    response_window = \"2m\"\narrival = \"bursty\"\ncan_defer = true\ndefer_limit = \"minutes\"\n";
        let answers = syskind::core::answers_file::parse_answers("k.toml", text, &q).unwrap();
        let mut a = App::new(q, Some(answers), None, ctx((80, 24)), Theme::monochrome());
        // Reached by keys, as a person would: the question, the highlight, the list's cursor, the pane.
        let at = a.q.question_index(if yes_no { "can_defer" } else { "caller" }).unwrap();
        a.open(at);
        let want = if yes_no { 1 } else { 2 };
        while a.cursor != want {
            let k = if a.cursor < want { KeyCode::Down } else { KeyCode::Up };
            press(&mut a, &[key(k)]);
        }
        press(&mut a, &[key(KeyCode::BackTab)]); // the list
        let arrival = a.q.question_index("arrival").unwrap();
        while a.list_cursor != arrival {
            let k = if a.list_cursor < arrival { KeyCode::Down } else { KeyCode::Up };
            press(&mut a, &[key(k)]);
        }
        match pane {
            Pane::List => {}
            Pane::Panel => {
                press(&mut a, &[key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Down), key(KeyCode::Down)])
                    .map_or((), |_| ())
            }
            _ => press(&mut a, &[key(KeyCode::Tab)]).map_or((), |_| ()),
        }
        assert_eq!(
            a.focus,
            match pane {
                Pane::List => Focus::List,
                Pane::Panel => Focus::Panel,
                _ => Focus::Question,
            }
        );
        a
    };
    let mut codes: Vec<KeyCode> = ('!'..='~').map(KeyCode::Char).collect();
    codes.extend([
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Esc,
        KeyCode::Char(' '),
        KeyCode::Insert,
        KeyCode::F(3),
    ]);
    for pane in [Pane::Choices, Pane::List, Pane::Panel] {
        for code in &codes {
            let act = action(pane, *code);
            // `y` acts on a yes/no question only; probe it there.
            let yes_no = *code == KeyCode::Char('y');
            let mut a = fresh(pane, yes_no);
            let before = seen(&a);
            let effect = press(&mut a, &[key(*code)]);
            let changed = seen(&a) != before || effect.is_some();
            match act {
                Some(act) => assert!(changed, "{pane:?}: {code:?} is bound to {act:?} but does nothing"),
                None => assert!(!changed, "{pane:?}: {code:?} does something but is in no binding"),
            }
        }
    }
    // The review form (on a text field, the status and the Export button) and the screen after
    // export: bound keys act, unbound keys (on the form's buttons) do nothing.
    fn seen_review(a: &App) -> String {
        format!("{:?} {:?} {:?} {} {:?} {}", a.screen, a.field, a.overlay, a.review_scroll, a.meta.status, a.meta.title)
    }
    let review_at = |field: ReviewField| {
        let mut a = fresh(Pane::Choices, false);
        press(&mut a, &[key(KeyCode::Char('r'))]);
        assert_eq!(a.screen, Screen::Review);
        while a.field != field {
            press(&mut a, &[key(KeyCode::Tab)]);
        }
        press(&mut a, &[key(KeyCode::PageDown)]); // the summary scrolled, so PageUp can act
        a
    };
    for (pane, field) in [
        (Pane::ReviewStatus, ReviewField::Status),
        (Pane::ReviewExport, ReviewField::Export),
        (Pane::Review, ReviewField::Deciders),
    ] {
        for code in &codes {
            let act = action(pane, *code);
            let mut a = review_at(field);
            let before = seen_review(&a);
            let effect = press(&mut a, &[key(*code)]);
            let changed = seen_review(&a) != before || effect.is_some();
            match act {
                Some(act) => assert!(changed, "{pane:?}: {code:?} is bound to {act:?} but does nothing"),
                // A text field takes unbound keys as text (not seen here); the buttons ignore them.
                None if pane != Pane::Review => {
                    assert!(!changed, "{pane:?}: {code:?} does something but is in no binding")
                }
                None => {}
            }
        }
    }
    for code in &codes {
        let act = action(Pane::Exported, *code);
        let mut a = review_at(ReviewField::Title);
        press(&mut a, &[Msg::Exported(Ok(std::path::PathBuf::from("decisions/0001-x.toml")))]);
        assert!(matches!(a.screen, Screen::Exported(_)));
        let before = seen_review(&a);
        let effect = press(&mut a, &[key(*code)]);
        let changed = seen_review(&a) != before || effect.is_some();
        match (act, *code) {
            // `u` updates the ADR of a revised record: with no record revised, there is none to update.
            (Some(syskind::tui::keymap::Act::UpdateAdr), _) => assert!(!changed),
            (Some(act), _) => assert!(changed, "Exported: {code:?} is bound to {act:?} but does nothing"),
            (None, _) => assert!(!changed, "Exported: {code:?} does something but is in no binding"),
        }
    }
    // Dialogs answer every key: a bound one acts, any other dismisses (the dialog closes, or quits).
    // Each dialog is reached as a person (or the loop) reaches it.
    let dialog = |name: &str| {
        let mut a = fresh(Pane::Choices, false);
        match name {
            "quit" => press(&mut a, &[key(KeyCode::Enter), key(KeyCode::Esc)]),
            "few answers" => {
                press(&mut a, &[ctrl('s')]);
                press(&mut a, &typed("Checkout"));
                press(&mut a, &[ctrl('s')])
            }
            "overwrite" => press(&mut a, &[Msg::ExportExists(std::path::PathBuf::from("decisions/x.toml"))]),
            _ => {
                let s = a.session();
                press(&mut a, &[Msg::Setup(syskind::tui::Setup::Offer(Box::new(s), Vec::new()))])
            }
        };
        a
    };
    for (name, want) in [
        ("quit", Overlay::ConfirmQuit),
        ("few answers", Overlay::ConfirmFewAnswers),
        ("overwrite", Overlay::ConfirmOverwrite(std::path::PathBuf::from("decisions/x.toml"))),
        ("resume", Overlay::OfferResume),
    ] {
        assert_eq!(dialog(name).overlay, Some(want), "{name}");
        for code in &codes {
            let mut a = dialog(name);
            let before = seen(&a);
            let effect = press(&mut a, &[key(*code)]);
            assert!(seen(&a) != before || effect.is_some(), "{name}: {code:?} is not answered");
        }
    }
    // The help lists every binding's keys, and the footer's hints come from the table.
    let help = render_help();
    for b in BINDINGS.iter().filter(|b| !b.shown.is_empty() && !b.pane.is_system()) {
        assert!(help.contains(b.shown), "{} is in the help", b.shown);
    }
    let mut a = fresh(Pane::Choices, false);
    press(&mut a, &[Msg::Resize(120, 40)]); // room for every hint
    let footer = render(&a).lines().last().unwrap().to_string();
    for (k, what) in syskind::tui::keymap::footer(Pane::Choices) {
        assert!(footer.contains(&format!("{k} {what}")), "{footer}");
    }
}

fn render_help() -> String {
    let mut a = app((120, 60));
    press(&mut a, &[key(KeyCode::F(1))]);
    assert_eq!(a.overlay, Some(Overlay::Help));
    render(&a)
}

#[test]
fn help_scrolls_only_when_it_is_taller_than_the_screen_and_else_any_key_closes_it() {
    // 80x24: the help is taller than the screen, so Down scrolls and keeps it open.
    let mut small = app((80, 24));
    press(&mut small, &[key(KeyCode::F(1)), key(KeyCode::Down)]);
    assert_eq!(small.overlay, Some(Overlay::Help), "Down scrolls a help taller than the screen");
    assert_eq!(small.help_scroll, 1);
    assert!(render(&small).contains("scroll, other keys close"), "{}", render(&small));
    // Tall enough for every line: the title says "any key closes", and Down does close it.
    let mut tall = app((120, 80));
    press(&mut tall, &[key(KeyCode::F(1))]);
    assert!(render(&tall).contains("any key closes"), "{}", render(&tall));
    press(&mut tall, &[key(KeyCode::Down)]);
    assert_eq!(tall.overlay, None, "the title promised any key closes it");
}

/// Issue 23: a lens's panel shows its risk review — the WA Tool's counts per question and the
/// questions' risks — not score bars or the weights that only keep its levels apart.
#[test]
fn a_lens_panel_shows_the_risk_review_not_scores() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(root.join("questionnaires/examples/lenses/operational-readiness.json")).unwrap();
    let toml = syskind::core::lens::import("lens.json", &json).unwrap();
    let (q, _) = syskind::core::questionnaire::load("lens.toml", &toml).unwrap();
    let text = "questionnaire = \"operational-readiness-review\"\n[answers]\nalarms = \"host_alarms\"\n\
                tracing = \"traces\"\n";
    let answers = syskind::core::answers_file::parse_answers("a.toml", text, &q).unwrap();
    let a = App::new(q, Some(answers), None, ctx((100, 30)), Theme::monochrome());
    let screen = render(&a);
    // It opens hovering the ticked host alarms: the preview is of unticking them (no alarms: high).
    assert!(screen.contains("Now: Medium risk"), "{screen}");
    assert!(screen.contains("Questions: 1 high · 0 medium · 1 none · 2 unanswered"), "{screen}");
    assert!(screen.contains("alarms: high risk by the lens's rule"), "{screen}");
    assert!(!screen.contains("███") && !screen.contains("+0.5"), "no bars, no weights:\n{screen}");
    snap("lens_panel", &a);
}

/// The repository's system files are looked for after the first frame (the walk is the effect the
/// first idle moment asks for) and offered only if no key came first: a box appearing after the
/// user began would take their next key.
#[test]
fn the_systems_offer_waits_for_the_first_frame_and_not_for_a_key() {
    use syskind::tui::Setup;
    let files = vec![std::path::PathBuf::from("webshop.toml")];
    let mut a = app((80, 24));
    update(&mut a, Msg::Setup(Setup::LookForSystems("/repo".into())));
    assert_eq!(a.overlay, None, "nothing is offered before the walk");
    assert_eq!(update(&mut a, Msg::Idle), Some(Effect::FindSystems("/repo".into())));
    assert_eq!(update(&mut a, Msg::Idle), None, "the walk is asked for once");
    update(&mut a, Msg::Setup(Setup::OfferSystems(files.clone())));
    assert_eq!(a.overlay, Some(Overlay::OfferSystems(files.clone())));

    let mut b = app((80, 24));
    update(&mut b, Msg::Setup(Setup::LookForSystems("/repo".into())));
    press(&mut b, &[key(KeyCode::Down)]);
    assert_eq!(update(&mut b, Msg::Idle), Some(Effect::FindSystems("/repo".into())));
    update(&mut b, Msg::Setup(Setup::OfferSystems(files)));
    assert_eq!(b.overlay, None, "a key came first: no box takes the next one");

    let mut c = app((80, 24));
    update(&mut c, Msg::Setup(Setup::OfferSystems(Vec::new())));
    assert_eq!(c.overlay, None, "no system files, no box");
}
