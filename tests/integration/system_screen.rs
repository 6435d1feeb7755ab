//! The system screen without a terminal: keys through `update`, every state drawn into ratatui's
//! `TestBackend` and compared with snapshots at 80x24 and 120x40.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use syskind::effect::Handoff;
use syskind::store::system::load;
use syskind::tui::system::{SystemApp, SystemOverlay, SystemPane, update::update, view::view};
use syskind::tui::theme::Theme;
use syskind::tui::{Effect, Msg};

const WEBSHOP: &str = "questionnaires/examples/systems/webshop.toml";

fn app(size: (u16, u16)) -> SystemApp {
    let l = load(None, Path::new(WEBSHOP)).unwrap();
    SystemApp::new(l.path, l.text, l.q, l.system, size, Theme::monochrome())
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn render(app: &SystemApp) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    // The first frame is drawn without a diff and with the cursor hidden (tui/fresh.rs): no screen shows it.
    assert!(!t.backend().cursor_visible(), "a screen placed the terminal's cursor");
    let buf = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string() + "\n").collect()
}

#[test]
fn the_system_screen_at_both_sizes() {
    for size in [(80, 24), (120, 40)] {
        let a = app(size);
        let screen = render(&a);
        for id in ["product_page", "checkout_accept", "order_processing", "nightly_billing"] {
            assert!(screen.contains(id), "{id} listed:\n{screen}");
        }
        assert!(screen.contains("HARD") && screen.contains("SOFT") && screen.contains("OFFLINE"), "kinds in words");
        assert!(screen.contains("!sync  checkout_accept → confirmation_"), "the offending call is marked:\n{screen}");
        assert!(screen.contains("HIGH REL04-BP02"), "{screen}");
        insta::assert_snapshot!(format!("system_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn adding_and_removing_a_call_updates_the_findings_and_the_file() {
    let mut a = app((80, 24));
    update(&mut a, key(KeyCode::Char('c')));
    assert_eq!(a.overlay, Some(SystemOverlay::AddCall(0)));
    // From product_page (the highlighted part) to nightly_billing, synchronously: hard → offline.
    update(&mut a, key(KeyCode::Down));
    for _ in 0..3 {
        update(&mut a, key(KeyCode::Right));
    }
    update(&mut a, key(KeyCode::Down));
    update(&mut a, key(KeyCode::Left)); // async → sync
    insta::assert_snapshot!("system_add_call_80x24", render(&a));
    let Some(Effect::Export { path, text, overwrite: true }) = update(&mut a, key(KeyCode::Enter)) else {
        panic!("write the file")
    };
    assert_eq!(path, Path::new(WEBSHOP));
    assert!(text.ends_with("[[call]]\nfrom = \"product_page\"\nto = \"nightly_billing\"\nmode = \"sync\"\n"), "{text}");
    assert!(text.starts_with("# The web shop"), "comments kept");
    assert_eq!(a.findings.iter().filter(|f| f.id == "sync_call_into_less_stringent").count(), 2);
    assert!(a.message.as_ref().unwrap().1.contains("added the call product_page → nightly_billing (sync)"));
    // Remove it again from the calls pane.
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(a.pane, SystemPane::Calls);
    update(&mut a, key(KeyCode::Char('d')));
    assert_eq!(a.overlay, Some(SystemOverlay::ConfirmRemove));
    let Some(Effect::Export { text, .. }) = update(&mut a, key(KeyCode::Char('y'))) else { panic!("write") };
    assert_eq!(text, std::fs::read_to_string(WEBSHOP).unwrap(), "back to the file as it was");
    assert_eq!(a.findings.len(), 1);
    // A part calling itself is refused with a message.
    update(&mut a, key(KeyCode::Char('c')));
    update(&mut a, key(KeyCode::Down));
    update(&mut a, key(KeyCode::Left));
    assert_eq!(update(&mut a, key(KeyCode::Enter)), None);
    assert!(a.message.as_ref().unwrap().1.contains("cannot call itself"));
}

#[test]
fn keys_that_hand_over_to_the_wizard_and_the_overlays() {
    let mut a = app((120, 40));
    update(&mut a, key(KeyCode::Down));
    assert_eq!(update(&mut a, key(KeyCode::Enter)), Some(Effect::Hand(Handoff::OpenPart(1))));
    let mut a = app((120, 40));
    assert_eq!(update(&mut a, key(KeyCode::Char('a'))), Some(Effect::Hand(Handoff::AddPart)));
    let mut a = app((80, 24));
    update(&mut a, key(KeyCode::Char('m')));
    let screen = render(&a);
    assert!(screen.contains("Map (any key closes)") && screen.contains("──sync──▶"), "{screen}");
    insta::assert_snapshot!("system_map_80x24", screen);
    update(&mut a, key(KeyCode::Char('z')));
    assert_eq!(a.overlay, None);
    update(&mut a, Msg::Setup(syskind::tui::Setup::OfferBehind(1)));
    let screen = render(&a);
    assert!(
        screen.contains("The part behind the queue") && screen.contains("checkout_accept accepts synchronously"),
        "{screen}"
    );
    assert_eq!(update(&mut a, key(KeyCode::Char('y'))), Some(Effect::Hand(Handoff::AddBehind(1))));
    let mut a = app((80, 24));
    update(&mut a, key(KeyCode::Char('?')));
    insta::assert_snapshot!("system_help_80x24", render(&a));
}

/// Issue 21.5: a map longer than the screen scrolls, and the other keys close it.
#[test]
fn a_long_map_scrolls() {
    let mut a = app((80, 24));
    // Many calls, so the text map is longer than 24 rows.
    let n = a.system.parts.len();
    for from in 0..n {
        for to in 0..n {
            if from != to && !a.system.calls.iter().any(|c| c.from == from && c.to == to) {
                a.system.calls.push(syskind::core::system::Call {
                    from,
                    to,
                    mode: syskind::core::system::Mode::Async,
                    timeout: None,
                    note: String::new(),
                });
            }
        }
    }
    update(&mut a, key(KeyCode::Char('m')));
    assert_eq!(a.overlay, Some(SystemOverlay::Map(0)));
    let top = render(&a);
    assert!(top.contains("Map (↑↓ PgUp PgDn scroll"), "{top}");
    assert!(top.contains("Web shop (webshop)"), "{top}");
    update(&mut a, key(KeyCode::PageDown));
    assert_eq!(a.overlay, Some(SystemOverlay::Map(10)));
    let down = render(&a);
    assert!(!down.contains("Web shop (webshop)"), "scrolled past the title:\n{down}");
    update(&mut a, key(KeyCode::Up));
    assert_eq!(a.overlay, Some(SystemOverlay::Map(9)));
    update(&mut a, key(KeyCode::Char('x')));
    assert_eq!(a.overlay, None, "another key closes it");
}

/// Issue 22: the system screen's keys come from the one key table: every key bound on the screen
/// does something, a key bound to nothing does nothing, and the help lists every binding.
#[test]
fn the_system_screens_keys_are_the_key_tables() {
    use syskind::tui::keymap::{Act, BINDINGS, Pane, action};
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend([
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Delete,
        KeyCode::F(1),
    ]);
    let seen = |a: &SystemApp| format!("{:?} {:?} {} {} {:?}", a.overlay, a.pane, a.part, a.call, a.message);
    for code in codes {
        let mut a = app((120, 40));
        update(&mut a, Msg::Setup(syskind::tui::Setup::Part(1))); // the middle of the list: ↑ and ↓ both move
        let before = seen(&a);
        let effect = update(&mut a, key(code));
        let changed = seen(&a) != before || effect.is_some();
        match action(Pane::System, code) {
            Some(act) => assert!(changed, "{code:?} is bound to {act:?} but does nothing"),
            None => assert!(!changed, "{code:?} does something but is in no binding"),
        }
    }
    // A yes/no box: `y` is the table's yes; any other key closes it and does nothing else.
    let mut a = app((120, 40));
    update(&mut a, Msg::Setup(syskind::tui::Setup::OfferBehind(1)));
    assert_eq!(action(Pane::SystemYesNo, KeyCode::Char('y')), Some(Act::Accept));
    assert_eq!(update(&mut a, key(KeyCode::Char('n'))), None);
    assert_eq!(a.overlay, None);
    let mut a = app((80, 24));
    update(&mut a, key(KeyCode::Char('?')));
    let help = render(&a);
    for b in BINDINGS.iter().filter(|b| b.pane == Pane::System && !b.shown.is_empty()) {
        assert!(help.contains(b.shown) && help.contains(b.help), "{} is in the help:\n{help}", b.shown);
    }
}
