//! Opening a system file interactively. The full screen shows the parts, calls and findings; opening
//! or adding a part hands over to the wizard and comes back to the system screen with the system file
//! and the part's record both saved. The line mode lists parts and findings and walks the parts.

use std::path::{Path, PathBuf};

use super::interactive::{Start, full_screen, run, start_from, theme};
use crate::cli::args::WizardArgs;
use crate::core::answers::Answers;
use crate::core::record::{Meta, parse_record};
use crate::core::system::{Source, edit, map};
use crate::core::text::safe;
use crate::failure::Failure;
use crate::report::findings_text;
use crate::store;
use crate::store::system::load;
use crate::tui::system::{Overlay, Pending, SystemApp};

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

fn write_system(file: &Path, text: Result<String, String>) -> Result<(), String> {
    let text = text?;
    store::write_atomic(file, &text, true).map_err(|e| e.to_string())
}

/// Opens the system screen on `file` (or the line mode).
pub fn open(w: &WizardArgs, file: &Path, plain: bool) -> Result<(), Failure> {
    if plain || !full_screen(w) {
        return plain_walk(w, file);
    }
    // Carried from one screen to the next: the highlighted part, a message, and the part just saved or
    // added, whose queue may want the part behind it.
    let mut keep: (usize, Option<(bool, String)>, Option<String>) = (0, None, None);
    // An ADR folder to offer on the next screen (asked for with x, none found).
    let mut offer_folder: Option<(crate::core::adr::Format, PathBuf)> = None;
    loop {
        let l = load(w.questionnaire.as_deref(), file)?;
        let size = crossterm::terminal::size().unwrap_or((80, 24));
        let mut app =
            SystemApp::new(file.to_path_buf(), l.text.clone(), l.q.clone(), l.system.clone(), size, theme(w)?);
        app.part = keep.0.min(app.system.parts.len().saturating_sub(1));
        app.message = keep.1.take();
        // The system checks already know an accept-and-enqueue part with nothing behind its queue.
        if let Some(id) = keep.2.take()
            && app.findings.iter().any(|f| f.id == "queue_without_consumer" && f.parts == [id.clone()])
        {
            app.overlay = app.system.part_index(&id).map(Overlay::OfferBehind);
        }
        if let Some((format, dir)) = offer_folder.take() {
            app.overlay = Some(Overlay::OfferAdrFolder(format, dir));
        }
        let app = crate::tui::run(app).map_err(|e| Failure::Usage(format!("the terminal failed: {e}")))?;
        keep.0 = app.part;
        match app.pending.clone() {
            None => return Ok(()),
            Some(Pending::Open(i)) => {
                let part = app.system.parts[i].clone();
                let base = file.parent().unwrap_or(Path::new("."));
                let exported = match &part.source {
                    Source::Record(rel) => {
                        let mut ww = w.clone();
                        ww.resume = Some(base.join(rel));
                        ww.questionnaire = Some(format!("{}@{}", l.q.id, l.q.version));
                        let start = start_from(&ww)?;
                        run(&ww, start, false)?.exported
                    }
                    Source::Inline => {
                        let meta = Meta { title: part.title.clone(), ..Meta::default() };
                        let start = Start {
                            q: l.q.clone(),
                            answers: Some(part.answers.clone()),
                            original: None,
                            resume_path: None,
                            session: None,
                            meta: Some(meta),
                        };
                        let out = run(w, start, false)?.exported;
                        if let Some(p) = &out {
                            let rel = relative_to_system(file, p);
                            if let Err(e) = write_system(file, edit::set_record(&app.text, &part.id, &rel)) {
                                keep.1 =
                                    Some((true, format!("the record is written, but the system file is not: {e}")));
                                continue;
                            }
                        }
                        out
                    }
                };
                keep.1 = Some(match &exported {
                    Some(p) => (false, format!("saved {} for {}", p.display(), part.id)),
                    None => (false, format!("{} not changed", part.id)),
                });
                if exported.is_some() {
                    keep.2 = Some(part.id.clone());
                }
            }
            Some(Pending::Add) | Some(Pending::AddBehind(_)) => {
                let behind = match app.pending {
                    Some(Pending::AddBehind(i)) => Some(i),
                    _ => None,
                };
                let (answers, title) = match behind {
                    Some(i) => {
                        let p = &app.system.parts[i];
                        (Some(carried_over(&l.q, &p.answers)), format!("{} — the work behind the queue", p.title))
                    }
                    None => (None, String::new()),
                };
                let start = Start {
                    q: l.q.clone(),
                    answers,
                    original: None,
                    resume_path: None,
                    session: None,
                    meta: Some(Meta { title, ..Meta::default() }),
                };
                let Some(record) = run(w, start, false)?.exported else {
                    keep.1 = Some((false, "no part added (the wizard ended without exporting a record)".into()));
                    continue;
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
                keep.1 = Some(match write_system(file, text) {
                    Ok(()) => (false, format!("added the part {id} ({rel})")),
                    Err(e) => (true, format!("the record is written, but the system file is not: {e}")),
                });
                keep.0 = app.system.parts.len();
                if behind.is_none() {
                    keep.2 = Some(id.clone());
                }
            }
            Some(pending @ (Pending::Adr(_) | Pending::AdrInit(_))) => {
                let (format, init) = match pending {
                    Pending::AdrInit(f) => (f, true),
                    Pending::Adr(f) => (f, false),
                    _ => unreachable!("matched above"),
                };
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                if init {
                    let root = store::repo_root(&cwd);
                    if let Err(e) = store::adr::init(&root, None, &crate::core::record::today()) {
                        keep.1 = Some((true, format!("No ADR folder created: {e}")));
                        continue;
                    }
                }
                let q = format!("{} {}", l.q.id, l.q.version);
                let today = crate::core::record::today();
                let r = crate::store::adr_write::write_system_adr(crate::store::adr_write::SystemAdrRequest {
                    system_file: file,
                    system: &l.system,
                    questionnaire: q,
                    format,
                    dir: None,
                    template: None,
                    cwd: &cwd,
                    date: today,
                });
                keep.1 = Some(match r {
                    Ok(p) => (false, format!("ADR written: {}", crate::store::adr_write::relative(&cwd, &p))),
                    // No folder: offered on the next screen, as the wizard offers it.
                    Err(crate::store::adr_write::AdrError::NoFolder(dir)) => {
                        offer_folder = Some((format, crate::store::adr_write::relative(&cwd, &dir).into()));
                        continue;
                    }
                    Err(e) => (true, format!("No ADR written: {e}")),
                });
            }
        }
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
            Source::Record(rel) => {
                ww.resume = Some(base.join(rel));
                ww.questionnaire = Some(format!("{}@{}", l.q.id, l.q.version));
                let start = start_from(&ww)?;
                run(&ww, start, false)?;
            }
            Source::Inline => {
                println!(
                    "{} has inline answers; opening them in the line mode writes a record you can point the part at.",
                    p.id
                );
                let start = Start {
                    q: l.q.clone(),
                    answers: Some(p.answers.clone()),
                    original: None,
                    resume_path: None,
                    session: None,
                    meta: Some(Meta { title: p.title.clone(), ..Meta::default() }),
                };
                run(&ww, start, false)?;
            }
        }
    }
    Ok(())
}
