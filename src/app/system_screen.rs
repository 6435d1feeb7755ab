//! Opening a system file interactively. The full screen shows the parts, calls and findings; opening
//! or adding a part hands over to the wizard and comes back to the system screen with the system file
//! and the part's record both saved. The line mode lists parts and findings and walks the parts.

use std::path::{Path, PathBuf};

use super::interactive::{Start, full_screen, run, start_from, theme};
use crate::cli::args::WizardArgs;
use crate::core::answers::Answers;
use crate::core::record::{Meta, parse_record};
use crate::core::system::{PartSource, edit, map};
use crate::core::text::safe;
use crate::effect::Handoff;
use crate::failure::Failure;
use crate::report::findings_text;
use crate::store;
use crate::store::system::Loaded;
use crate::store::system::load;
use crate::tui::Ended;
use crate::tui::system::SystemApp;
use crate::tui::{Msg, Setup};

/// The record path as the system file writes it: relative to the system file's folder.
fn relative_to_system(file: &Path, record: &Path) -> String {
    let base = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::store::adr_write::relative(base, record)
}

/// Answers a part behind another's queue starts with: what carries over from the accepting part,
/// and what being behind a queue implies (work arrives as a stream, decoupled from its producer).
fn carried_over(q: &crate::core::questionnaire::Questionnaire, from: &Answers) -> Answers {
    let mut a = Answers::empty(q);
    for id in ["volume", "mutates_state", "idempotency", "retries"] {
        if let Some(i) = q.question_index(id) {
            a.values[i] = from.values[i].clone();
        }
    }
    for (id, v) in [("arrival", "stream"), ("queueing", "decoupled")] {
        if let Some(i) = q.question_index(id)
            && let Ok(val) = crate::core::answers::Value::parse(&q.questions[i], v)
        {
            a.values[i] = Some(val);
        }
    }
    a
}

fn write_system(file: &Path, text: Result<String, edit::EditError>) -> Result<(), String> {
    let text = text.map_err(|e| e.to_string())?;
    store::write_atomic(file, &text, true).map_err(|e| e.to_string())
}

/// What one system screen hands the next: the highlighted part, a message, and the part just saved
/// or added (whose queue may want a part behind it), and an ADR folder to offer.
#[derive(Default)]
struct Carry {
    part: usize,
    message: Option<(bool, String)>,
    saved_part: Option<String>,
    offer_folder: Option<(crate::core::adr::Format, PathBuf)>,
}

impl Carry {
    fn say(&mut self, error: bool, text: impl Into<String>) {
        self.message = Some((error, text.into()));
    }
}

/// Opens the system screen on `file` (or the line mode).
pub fn open(w: &WizardArgs, file: &Path, plain: bool) -> Result<(), Failure> {
    if plain || !full_screen(w) {
        return plain_walk(w, file);
    }
    let mut carry = Carry::default();
    loop {
        let l = load(w.questionnaire.as_deref(), file)?;
        let app = screen(w, file, &l, &mut carry)?;
        let (app, ended) = crate::tui::run(app).map_err(|e| Failure::Usage(format!("the terminal failed: {e}")))?;
        carry.part = app.part;
        let Ended::Hand(handoff) = ended else { return Ok(()) };
        match handoff {
            Handoff::OpenPart(i) => open_part(w, file, &l, &app, i, &mut carry)?,
            Handoff::AddPart => add_part(w, file, &l, &app, None, &mut carry)?,
            Handoff::AddBehind(i) => add_part(w, file, &l, &app, Some(i), &mut carry)?,
            Handoff::SystemAdr(format) => system_adr(file, &l, format, false, &mut carry),
            Handoff::SystemAdrInit(format) => system_adr(file, &l, format, true, &mut carry),
            // Only the wizard's start opens a system.
            Handoff::OpenSystem(_) => return Ok(()),
        }
    }
}

/// The system screen for the loaded system, with what the last screen carried over.
fn screen(w: &WizardArgs, file: &Path, l: &Loaded, carry: &mut Carry) -> Result<SystemApp, Failure> {
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = SystemApp::new(file.to_path_buf(), l.text.clone(), l.q.clone(), l.system.clone(), size, theme(w)?);
    let mut setup = vec![Setup::Part(carry.part)];
    if let Some((error, text)) = carry.message.take() {
        setup.push(Setup::Say(error, text));
    }
    // The system checks already know an accept-and-enqueue part with nothing behind its queue.
    if let Some(id) = carry.saved_part.take()
        && app.findings.iter().any(|f| f.id == "queue_without_consumer" && f.parts == [id.clone()])
        && let Some(i) = app.system.part_index(&id)
    {
        setup.push(Setup::OfferBehind(i));
    }
    if let Some((format, dir)) = carry.offer_folder.take() {
        setup.push(Setup::OfferAdrFolder(format, dir));
    }
    for s in setup {
        crate::tui::system::update::update(&mut app, Msg::Setup(s));
    }
    Ok(app)
}

/// Opens part `i` in the wizard; an inline part's new record is pointed at from the system file.
fn open_part(
    w: &WizardArgs,
    file: &Path,
    l: &Loaded,
    app: &SystemApp,
    i: usize,
    carry: &mut Carry,
) -> Result<(), Failure> {
    let part = app.system.parts[i].clone();
    let base = file.parent().unwrap_or(Path::new("."));
    let exported = match &part.source {
        PartSource::Record(rel) => {
            let mut ww = w.clone();
            ww.resume = Some(base.join(rel));
            ww.questionnaire = Some(format!("{}@{}", l.q.id, l.q.version));
            let start = start_from(&ww)?;
            run(&ww, start, false)?.exported
        }
        PartSource::Inline => {
            let meta = Meta { title: part.title.clone(), ..Meta::default() };
            let start = Start::fresh(l.q.clone(), Some(part.answers.clone()), meta);
            let out = run(w, start, false)?.exported;
            if let Some(p) = &out {
                let rel = relative_to_system(file, p);
                if let Err(e) = write_system(file, edit::set_record(&app.text, &part.id, &rel)) {
                    carry.say(true, format!("the record is written, but the system file is not: {e}"));
                    return Ok(());
                }
            }
            out
        }
    };
    match &exported {
        Some(p) => {
            carry.say(false, format!("saved {} for {}", p.display(), part.id));
            carry.saved_part = Some(part.id.clone());
        }
        None => carry.say(false, format!("{} not changed", part.id)),
    }
    Ok(())
}

/// Adds a part through the wizard: a fresh one, or the one behind part `behind`'s queue (prefilled,
/// with an async call to it).
fn add_part(
    w: &WizardArgs,
    file: &Path,
    l: &Loaded,
    app: &SystemApp,
    behind: Option<usize>,
    carry: &mut Carry,
) -> Result<(), Failure> {
    let (answers, title) = match behind {
        Some(i) => {
            let p = &app.system.parts[i];
            (Some(carried_over(&l.q, &p.answers)), format!("{} — the work behind the queue", p.title))
        }
        None => (None, String::new()),
    };
    let start = Start::fresh(l.q.clone(), answers, Meta { title, ..Meta::default() });
    let Some(record) = run(w, start, false)?.exported else {
        carry.say(false, "no part added (the wizard ended without exporting a record)");
        return Ok(());
    };
    let title = store::read_text(&record)
        .ok()
        .and_then(|t| parse_record(&record.display().to_string(), &t).ok())
        .map(|r| r.title)
        .unwrap_or_else(|| "New part".into());
    let taken: Vec<String> = app.system.parts.iter().map(|p| p.id.clone()).collect();
    let id = edit::fresh_id(&title, &taken);
    let rel = relative_to_system(file, &record);
    // The screen may have edited the file (calls added or removed): build on its latest text.
    let mut text = edit::add_part(&app.text, &id, &title, &rel);
    if let (Some(i), Ok(t)) = (behind, &text) {
        text = edit::add_call(t, &app.system.parts[i].id, &id, crate::core::system::Mode::Async);
    }
    match write_system(file, text) {
        Ok(()) => carry.say(false, format!("added the part {id} ({rel})")),
        Err(e) => carry.say(true, format!("the record is written, but the system file is not: {e}")),
    }
    carry.part = app.system.parts.len();
    if behind.is_none() {
        carry.saved_part = Some(id);
    }
    Ok(())
}

/// Writes the system ADR (creating the ADR folder first when the user said yes to one).
fn system_adr(file: &Path, l: &Loaded, format: crate::core::adr::Format, init: bool, carry: &mut Carry) {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let today = crate::core::record::today();
    if init && let Err(e) = store::adr::init(&store::repo_root(&cwd), None, &today) {
        carry.say(true, format!("No ADR folder created: {e}"));
        return;
    }
    let r = store::adr_write::write_system_adr(store::adr_write::SystemAdrRequest {
        system_file: file,
        system: &l.system,
        questionnaire: format!("{} {}", l.q.id, l.q.version),
        format,
        dir: None,
        template: None,
        cwd: &cwd,
        date: today,
    });
    match r {
        Ok(p) => carry.say(false, format!("ADR written: {}", store::adr_write::relative(&cwd, &p))),
        // No folder: offered on the next screen, as the wizard offers it.
        Err(store::adr_write::AdrError::NoFolder(dir)) => {
            carry.offer_folder = Some((format, store::adr_write::relative(&cwd, &dir).into()));
        }
        Err(e) => carry.say(true, format!("No ADR written: {e}")),
    }
}

/// The line mode: the parts and the findings, then each part in turn, offered for revision.
fn plain_walk(w: &WizardArgs, file: &Path) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let l = load(w.questionnaire.as_deref(), file)?;
    let findings = crate::core::system::check(&l.system);
    print!("{}", safe(&map::text(&l.system, &findings)));
    println!("\nFindings:");
    print!("{}", safe(&findings_text(&findings)));
    if !std::io::stdin().is_terminal() {
        return Ok(());
    }
    let base = file.parent().unwrap_or(Path::new("."));
    for p in &l.system.parts {
        let ask = format!("Revise {} ({}, {})?", p.id, p.verdict.label, p.title);
        let yes = dialoguer::Confirm::new().with_prompt(safe(&ask)).default(false).interact_opt();
        match yes {
            Ok(Some(true)) => {}
            Ok(Some(false)) => continue,
            _ => break,
        }
        let mut ww = w.clone();
        ww.plain = true;
        match &p.source {
            PartSource::Record(rel) => {
                ww.resume = Some(base.join(rel));
                ww.questionnaire = Some(format!("{}@{}", l.q.id, l.q.version));
                let start = start_from(&ww)?;
                run(&ww, start, false)?;
            }
            PartSource::Inline => {
                println!(
                    "{} has inline answers; opening them in the line mode writes a record you can point the part at.",
                    p.id
                );
                let start = Start::fresh(
                    l.q.clone(),
                    Some(p.answers.clone()),
                    Meta { title: p.title.clone(), ..Meta::default() },
                );
                run(&ww, start, false)?;
            }
        }
    }
    Ok(())
}
