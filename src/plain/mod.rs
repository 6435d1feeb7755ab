//! The line mode: the questionnaire asked line by line with dialoguer, for pipes, screen readers, plain
//! terminals and scripts. Same core, same record as the wizard and the headless CLI.

pub mod dialog;
pub mod flow;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::core::answers::{Answers, Value};
use crate::core::engine::classify;
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::core::record::{Meta, Record, today};
use crate::core::slug::slug;
use crate::effect::{AdrAsk, Effect, Env, Outcome};
use crate::failure::Failure;
use crate::report::{answers_text, verdict_text};
use crate::store;
use crate::store::session;
use flow::{Prompter, Reply, Walked, ask_all, missing};

/// Options of a line-mode session.
#[derive(Debug, Clone, Default)]
pub struct PlainOptions {
    /// Title for the record (asked when interactive and not given).
    pub title: Option<String>,
    /// Where to write the record (asked when interactive and not given).
    pub output: Option<PathBuf>,
    /// Colour allowed.
    pub color: bool,
    /// Folder for `decisions/NNNN-<slug>.toml`.
    pub decisions_dir: PathBuf,
    /// Metadata of a record being revised.
    pub meta: Option<Meta>,
    /// The record being revised, whose history the export extends.
    pub original: Option<Record>,
    /// Who is answering (for the revision history).
    pub user: String,
    /// Where this session autosaves (`None`: it does not).
    pub session: Option<SessionPlace>,
}

/// Where a line-mode session is saved, and an unfinished one to offer.
#[derive(Debug, Clone)]
pub struct SessionPlace {
    /// Sessions folder.
    pub dir: PathBuf,
    /// This session's id.
    pub id: String,
    /// When it started.
    pub started: String,
    /// The newest unfinished session for this questionnaire, offered at start.
    pub offered: Option<session::SessionFile>,
}

impl SessionPlace {
    fn path(&self) -> PathBuf {
        session::path_of(&self.dir, &self.id)
    }

    fn save(&self, q: &Questionnaire, a: &Answers, meta: &Meta, position: usize) {
        let s = session::SessionFile::new(&self.id, &self.started, q, a, meta, position);
        // A failed autosave must not end the session; the next answer tries again.
        let _ = session::save(&self.dir, &s);
    }

    fn kept(&self) {
        // Said once, whether the signal watcher or the prompt loop gets there first.
        static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if SAID.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        if self.path().exists() {
            eprintln!(
                "Your answers are kept in session {} ({}).\nResume: syskind sessions resume {} — or run syskind again.",
                self.id,
                self.path().display(),
                self.id
            );
        }
    }
}

/// Ends the process cleanly on SIGTERM, SIGHUP or SIGINT while a prompt waits: the answers are already
/// saved after every change, so only the terminal needs putting back.
fn exit_on_signals(place: Option<SessionPlace>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else { return };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = crossterm::terminal::disable_raw_mode();
            eprint!("\x1b[?25h");
            if let Some(p) = &place {
                p.kept();
            }
            std::process::exit(128 + sig);
        }
    });
}

/// A title from the options, the record being revised, or the first free-text answer.
fn default_title(q: &Questionnaire, a: &Answers, opts: &PlainOptions) -> String {
    opts.title
        .clone()
        .or_else(|| opts.meta.as_ref().map(|m| m.title.clone()).filter(|t| !t.is_empty()))
        .or_else(|| {
            q.questions.iter().enumerate().find_map(|(i, x)| match (&x.kind, &a.values[i]) {
                (Kind::Text, Some(Value::Text(t))) if !t.trim().is_empty() => Some(format!("Classify {}", t.trim())),
                _ => None,
            })
        })
        .unwrap_or_default()
}

fn build_record(q: &Questionnaire, a: &Answers, title: String, who: &str, opts: &PlainOptions) -> Record {
    let mut meta = opts.meta.clone().unwrap_or_default();
    meta.title = title;
    if meta.date.is_empty() {
        meta.date = today();
    }
    let record = Record::new(q, a, meta);
    match &opts.original {
        Some(old) => record.revising(old, who, &today()),
        None => record,
    }
}

/// Without a terminal nothing is asked: it fails listing what is missing, or writes the record (to
/// `--output`, else standard output).
fn without_terminal(q: &Questionnaire, answers: &Answers, opts: &PlainOptions) -> Result<(), Failure> {
    let m = missing(q, answers);
    if !m.is_empty() {
        return Err(Failure::Usage(format!(
            "standard input is not a terminal, so nothing can be asked, and these questions have no answer: {}; \
             give them in an answers file with `--answers FILE` (or `--set ID=VALUE` with `syskind classify`); \
             `syskind questionnaire show` lists the questions and their ids",
            m.join(", ")
        )));
    }
    let title = default_title(q, answers, opts);
    let title = if title.is_empty() { "System kind decision".to_string() } else { title };
    let record = build_record(q, answers, title, &opts.user, opts);
    eprint!("{}", verdict_text(q, &classify(q, answers)));
    match &opts.output {
        Some(p) => match run_effect(q, Effect::Export { path: p.clone(), text: record.to_toml(), overwrite: false }) {
            Outcome::Exported(Ok(p)) => {
                eprintln!("wrote {}", p.display());
                Ok(())
            }
            Outcome::ExportExists(p) => {
                Err(Failure::Usage(format!("{}: the file exists; not overwritten", p.display())))
            }
            Outcome::Exported(Err(why)) => Err(Failure::Usage(format!("{}: not written: {why}", p.display()))),
            // An export has no other outcome.
            _ => Err(Failure::Usage(format!("{}: not written", p.display()))),
        },
        None => {
            print!("{}", record.to_toml());
            Ok(())
        }
    }
}

/// Offers the newest unfinished session of this questionnaire here; its answers and metadata when
/// the user takes it (the session's id and start then carry on).
fn offer_resume(
    q: &Questionnaire,
    p: &mut SessionPlace,
    d: &mut dialog::Dialog,
) -> std::io::Result<Option<(Answers, crate::core::record::Meta)>> {
    let Some(s) = p.offered.take() else { return Ok(None) };
    let when = s.last_change();
    let others = session::unfinished_here(&p.dir, q, &session::current_repo()).len().saturating_sub(1);
    if others > 0 {
        d.say(&format!("{others} more unfinished session(s) here: `syskind sessions list` shows them all."));
    }
    let prompt = format!("Resume the unfinished session from {when} ({} answers)?", s.answered());
    if !matches!(d.yes_no(&prompt, Some(true))?, Reply::Value(true)) {
        return Ok(None);
    }
    match s.restore(q) {
        Ok((a, m, _)) => {
            p.id = s.id;
            p.started = s.started;
            Ok(Some((a, m)))
        }
        Err(why) => {
            d.say(&format!("Could not resume: {why}; starting afresh."));
            Ok(None)
        }
    }
}

/// Runs the line mode. Without a terminal on stdin it never prompts: it exits 2 listing what is missing,
/// or writes the record (to `--output`, else standard output).
pub fn run(q: &Questionnaire, answers: Answers, opts: &PlainOptions) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return without_terminal(q, &answers, opts);
    }
    let mut d = dialog::Dialog::new(opts.color);
    d.say(&format!("{} — line mode. At a choice: Esc for back or stop. When typing: < goes back, . stops.", q.title));
    let io = |e: std::io::Error| Failure::Usage(format!("the terminal failed: {e}"));
    let mut answers = answers;
    let mut place = opts.session.clone();
    let mut meta = opts.meta.clone().unwrap_or_default();
    if let Some(p) = place.as_mut()
        && let Some((a, m)) = offer_resume(q, p, &mut d).map_err(io)?
    {
        answers = a;
        meta = m;
    }
    exit_on_signals(place.clone());
    let watched = place.clone();
    crate::term::watch_terminal(move || {
        if let Some(p) = &watched {
            p.kept();
        }
    });
    let mut autosave = |a: &Answers, i: usize| {
        if let Some(p) = &place {
            p.save(q, a, &meta, i);
        }
    };
    let outcome = match ask_all(q, answers, &mut d, &mut autosave) {
        Ok(o) => o,
        // Ctrl-C at a choice prompt arrives as an interrupted read, not as a signal.
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
            if let Some(p) = &place {
                p.kept();
            }
            return Err(Failure::Interrupted(signal_hook::consts::SIGINT));
        }
        Err(e) => return Err(io(e)),
    };
    let opts = PlainOptions { session: place, ..opts.clone() };
    match outcome {
        Walked::Stopped(_) => {
            if let Some(p) = &opts.session {
                p.kept();
            }
            Ok(())
        }
        Walked::Done(a) => export(q, &a, &opts, &mut d).map_err(io)?,
    }
}

/// The line mode's environment for the effect runner: no full screen, so no editor of its own.
fn run_effect(q: &Questionnaire, effect: Effect) -> Outcome {
    let mut no_editor = |_: &str| Err("the line mode asks for text itself".to_string());
    crate::effect::run(effect, &mut Env { q, sessions_dir: None, edit: &mut no_editor })
}

/// A prompt's answer, or the user stopped (the session is then kept for later).
type Asked<T> = std::io::Result<Option<T>>;

/// Summary, then title and path, then the record (and an ADR when there is an ADR folder).
fn export(
    q: &Questionnaire,
    a: &Answers,
    opts: &PlainOptions,
    p: &mut dyn Prompter,
) -> std::io::Result<Result<(), Failure>> {
    p.say("");
    p.say("Summary");
    for line in answers_text(q, a).lines().chain(verdict_text(q, &classify(q, a)).lines()) {
        p.say(line);
    }
    p.say("");
    let a = notes(q, a, opts, p)?;
    let Some((record, title)) = describe(q, &a, opts, p)? else {
        if let Some(place) = &opts.session {
            place.kept();
        }
        return Ok(Ok(()));
    };
    let path = match save(q, &record, &title, opts, p)? {
        Ok(Some(path)) => path,
        Ok(None) => {
            if let Some(place) = &opts.session {
                place.kept();
            }
            return Ok(Ok(()));
        }
        Err(e) => return Ok(Err(e)),
    };
    p.say(&format!("Wrote {}", path.display()));
    if let Some(place) = &opts.session {
        let _ = session::discard(&place.path());
    }
    offer_adr(q, &path, p)?;
    Ok(Ok(()))
}

/// Notes only on request: one question, not one prompt after every answer.
fn notes(q: &Questionnaire, a: &Answers, opts: &PlainOptions, p: &mut dyn Prompter) -> std::io::Result<Answers> {
    let mut a = a.clone();
    let answered: Vec<usize> = (0..q.questions.len()).filter(|i| a.values[*i].is_some()).collect();
    if answered.is_empty() || !matches!(p.yes_no("Add a note to an answer?", Some(false))?, Reply::Value(true)) {
        return Ok(a);
    }
    loop {
        let mut items: Vec<String> = answered
            .iter()
            .map(|i| {
                let note = if a.notes[*i].is_empty() { String::new() } else { format!(" — note: {}", a.notes[*i]) };
                let shown = a.values[*i].as_ref().map(|v| v.display(&q.questions[*i])).unwrap_or_default();
                format!("{}: {shown}{note}", q.questions[*i].id)
            })
            .collect();
        items.push("Done with notes".into());
        let Reply::Value(pick) = p.select("Which answer?", &items, items.len() - 1)? else { break };
        let Some(&i) = answered.get(pick) else { break };
        if let Reply::Value(n) = p.text("Note", &a.notes[i], &|_: &str| Ok(()))? {
            a.notes[i] = n.trim().to_string();
            if let Some(place) = &opts.session {
                place.save(q, &a, &opts.meta.clone().unwrap_or_default(), i);
            }
        }
    }
    Ok(a)
}

/// Title, who revises, context and deciders, as the wizard's review asks them (Enter keeps what is
/// there); the record they make, and its title.
fn describe(q: &Questionnaire, a: &Answers, opts: &PlainOptions, p: &mut dyn Prompter) -> Asked<(Record, String)> {
    let not_empty = |s: &str| if s.trim().is_empty() { Err("a title is needed".to_string()) } else { Ok(()) };
    let not_empty_who = |s: &str| if s.trim().is_empty() { Err("a name is needed".to_string()) } else { Ok(()) };
    let title = match opts.title.clone() {
        Some(t) => t,
        None => match p.text("Title of the decision", &default_title(q, a, opts), &not_empty)? {
            Reply::Value(t) => t.trim().to_string(),
            _ => return Ok(None),
        },
    };
    // A revision names who made it: asked, first filled from git's user.name, then $USER.
    let mut who = opts.user.clone();
    if opts.original.is_some() {
        match p.text("Revised by", &opts.user, &not_empty_who)? {
            Reply::Value(w) => who = w.trim().to_string(),
            _ => return Ok(None),
        }
    }
    let mut extra = opts.meta.clone().unwrap_or_default();
    if opts.title.is_none() {
        let any = |_: &str| Ok(());
        match p.text("Context (why this decision; Enter skips)", &extra.context, &any)? {
            Reply::Value(c) => extra.context = c.trim().to_string(),
            _ => return Ok(None),
        }
        let shown = extra.deciders.join(", ");
        match p.text("Deciders (comma-separated; Enter skips)", &shown, &any)? {
            Reply::Value(d) => {
                extra.deciders = d.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()
            }
            _ => return Ok(None),
        }
    }
    let with_extra = PlainOptions { meta: Some(extra), ..opts.clone() };
    Ok(Some((build_record(q, a, title.clone(), &who, &with_extra), title)))
}

/// Asks where to save (unless `--output` says) and writes the record; `Ok(None)`: the user stopped.
fn save(
    q: &Questionnaire,
    record: &Record,
    title: &str,
    opts: &PlainOptions,
    p: &mut dyn Prompter,
) -> std::io::Result<Result<Option<PathBuf>, Failure>> {
    let not_empty = |s: &str| if s.trim().is_empty() { Err("a path is needed".to_string()) } else { Ok(()) };
    let mut path = opts.output.clone().unwrap_or_else(|| {
        let n = crate::store::adr::next_number(&opts.decisions_dir).unwrap_or(u32::MAX);
        opts.decisions_dir.join(format!("{n:04}-{}.toml", slug(title)))
    });
    loop {
        if opts.output.is_none() {
            match p.text("Save the record to", &path.display().to_string(), &not_empty)? {
                Reply::Value(s) => path = PathBuf::from(s.trim()),
                _ => return Ok(Ok(None)),
            }
        }
        let exists = path.exists() && !path.is_dir();
        if exists {
            match p.yes_no(&format!("{} exists. Overwrite it?", path.display()), Some(false))? {
                Reply::Value(true) => {}
                _ if opts.output.is_some() => {
                    return Ok(Err(Failure::Usage(format!("{} exists; not overwritten", path.display()))));
                }
                _ => continue,
            }
        }
        let effect = Effect::Export { path: path.clone(), text: record.to_toml(), overwrite: exists };
        match run_effect(q, effect) {
            Outcome::Exported(Ok(written)) => return Ok(Ok(Some(written))),
            Outcome::Exported(Err(e)) if opts.output.is_none() => {
                p.say(&format!("Not saved: {e}. Choose another path."))
            }
            Outcome::Exported(Err(e)) => return Ok(Err(Failure::Usage(e))),
            // Created since it was checked: ask again.
            _ => continue,
        }
    }
}

/// The ADR folder, or the one the user agreed to create (`None`: none, and nothing to write into).
fn adr_folder(cwd: &Path, p: &mut dyn Prompter) -> Asked<PathBuf> {
    if let Some(dir) = store::adr::find_dir(cwd) {
        return Ok(Some(dir));
    }
    // No ADR folder yet: offer to create one, as the wizard does.
    let root = store::repo_root(cwd);
    let shown = root.join("doc/adr");
    let ask = format!("There is no ADR folder. Create {} (as `syskind adr init` does)?", shown.display());
    if !matches!(p.yes_no(&ask, Some(true))?, Reply::Value(true)) {
        p.say("Later: `syskind adr init`, then `syskind adr new --from <record>` writes an ADR.");
        return Ok(None);
    }
    match store::adr::init(&root, None, &crate::core::record::today()) {
        Ok(first) => {
            p.say(&format!("Created {} with {}", shown.display(), first.display()));
            Ok(Some(shown))
        }
        Err(e) => {
            p.say(&format!("No ADR folder created: {e}"));
            Ok(None)
        }
    }
}

fn offer_adr(q: &Questionnaire, record: &Path, p: &mut dyn Prompter) -> std::io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let Some(dir) = adr_folder(&cwd, p)? else { return Ok(()) };
    // Every layout syskind writes; the folder's own comes first (another needs a second yes).
    use crate::core::adr::Format;
    let folder = store::adr_write::folder_layout(&dir).map(Format::of_layout);
    let mut formats = vec![None];
    formats.extend([Format::Nygard, Format::Madr, Format::Madr2].into_iter().filter(|f| Some(*f) != folder).map(Some));
    let names: Vec<String> = formats
        .iter()
        .map(|f| match f {
            None => format!("Yes, in the folder's layout ({})", folder.unwrap_or_default().layout().name()),
            Some(f) => format!("Yes, as {}", f.layout().name()),
        })
        .chain(["No".to_string()])
        .collect();
    let Reply::Value(pick) = p.select(&format!("Write an ADR into {}?", dir.display()), &names, 0)? else {
        return Ok(());
    };
    let Some(format) = formats.get(pick).copied() else { return Ok(()) };
    let mut effect = Effect::Adr { record: record.to_path_buf(), format, force: false, init: None };
    loop {
        match run_effect(q, effect) {
            Outcome::AdrWritten(Ok(path)) => p.say(&format!("ADR written: {}", path.display())),
            Outcome::AdrWritten(Err(e)) => p.say(&format!("No ADR written: {e}")),
            Outcome::AdrAsk(AdrAsk::Mixed { record, format, text }) => {
                p.say(&text);
                if let Reply::Value(true) = p.yes_no("Write it there anyway?", Some(false))? {
                    effect = Effect::Adr { record, format, force: true, init: None };
                    continue;
                }
            }
            Outcome::AdrAsk(AdrAsk::NoFolder { dir, .. }) => p.say(&format!(
                "No ADR written: there is no ADR folder ({} was expected); `syskind adr init` makes one",
                dir.display()
            )),
            // An ADR has no other outcome.
            _ => p.say("No ADR written."),
        }
        return Ok(());
    }
}
