//! The line mode: the questionnaire asked line by line with dialoguer, for pipes, screen readers, plain
//! terminals and scripts. Same core, same record as the wizard and the headless CLI.

pub mod dialog;
pub mod flow;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::CliError;
use crate::cli::text::{answers_text, verdict_text};
use crate::core::answers::{Answers, Value};
use crate::core::engine::classify;
use crate::core::questionnaire::{Kind, Questionnaire};
use crate::core::record::{Meta, Record, today};
use crate::core::slug::slug;
use crate::store;
use flow::{Outcome, Prompter, Reply, ask_all, missing};

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

fn build_record(q: &Questionnaire, a: &Answers, title: String, opts: &PlainOptions) -> Record {
    let mut meta = opts.meta.clone().unwrap_or_default();
    meta.title = title;
    if meta.date.is_empty() {
        meta.date = today();
    }
    let record = Record::new(q, a, meta);
    match &opts.original {
        Some(old) => record.revising(old, &opts.user, &today()),
        None => record,
    }
}

/// Runs the line mode. Without a terminal on stdin it never prompts: it exits 2 listing what is missing,
/// or writes the record (to `--output`, else standard output).
pub fn run(q: &Questionnaire, answers: Answers, opts: &PlainOptions) -> Result<(), CliError> {
    if !std::io::stdin().is_terminal() {
        let m = missing(q, &answers);
        if !m.is_empty() {
            return Err(CliError::Usage(format!(
                "standard input is not a terminal, so nothing can be asked, and these questions have no answer: {}; \
                 add them to the answers file (see `syskind questionnaire show`)",
                m.join(", ")
            )));
        }
        let title = default_title(q, &answers, opts);
        let title = if title.is_empty() { "System kind decision".to_string() } else { title };
        let record = build_record(q, &answers, title, opts);
        eprint!("{}", verdict_text(q, &classify(q, &answers)));
        return match &opts.output {
            Some(p) => {
                store::write_atomic(p, &record.to_toml(), false)?;
                eprintln!("wrote {}", p.display());
                Ok(())
            }
            None => {
                print!("{}", record.to_toml());
                Ok(())
            }
        };
    }
    let mut d = dialog::Dialog::new(opts.color);
    d.say(&format!("{} — line mode. At a choice: Esc for back or stop. When typing: < goes back, . stops.", q.title));
    let io = |e: std::io::Error| CliError::Usage(format!("the terminal failed: {e}"));
    match ask_all(q, answers, &mut d).map_err(io)? {
        Outcome::Stopped(a) => {
            crate::cli::commands::keep_answers(q, &a);
            Ok(())
        }
        Outcome::Done(a) => export(q, &a, opts, &mut d).map_err(io)?,
    }
}

/// Summary, then title and path, then the record (and an ADR when there is an ADR folder).
fn export(
    q: &Questionnaire,
    a: &Answers,
    opts: &PlainOptions,
    p: &mut dyn Prompter,
) -> std::io::Result<Result<(), CliError>> {
    p.say("");
    p.say("Summary");
    for line in answers_text(q, a).lines() {
        p.say(line);
    }
    for line in verdict_text(q, &classify(q, a)).lines() {
        p.say(line);
    }
    p.say("");
    let not_empty = |s: &str| if s.trim().is_empty() { Err("a title is needed".to_string()) } else { Ok(()) };
    let title = match opts.title.clone() {
        Some(t) => t,
        None => match p.text("Title of the decision", &default_title(q, a, opts), &not_empty)? {
            Reply::Value(t) => t.trim().to_string(),
            _ => {
                crate::cli::commands::keep_answers(q, a);
                return Ok(Ok(()));
            }
        },
    };
    let record = build_record(q, a, title.clone(), opts);
    let mut path = opts.output.clone().unwrap_or_else(|| {
        let n = crate::tui::next_number(&opts.decisions_dir);
        opts.decisions_dir.join(format!("{n:04}-{}.toml", slug(&title)))
    });
    loop {
        if opts.output.is_none() {
            let shown = path.display().to_string();
            match p.text("Save the record to", &shown, &not_empty)? {
                Reply::Value(s) => path = PathBuf::from(s.trim()),
                _ => {
                    crate::cli::commands::keep_answers(q, a);
                    return Ok(Ok(()));
                }
            }
        }
        let exists = path.exists() && !path.is_dir();
        if exists {
            match p.yes_no(&format!("{} exists. Overwrite it?", path.display()), Some(false))? {
                Reply::Value(true) => {}
                _ if opts.output.is_some() => {
                    return Ok(Err(CliError::Usage(format!("{} exists; not overwritten", path.display()))));
                }
                _ => continue,
            }
        }
        match store::write_atomic(&path, &record.to_toml(), exists) {
            Ok(()) => break,
            Err(e) if opts.output.is_none() => p.say(&format!("Not saved: {e}. Choose another path.")),
            Err(e) => return Ok(Err(e.into())),
        }
    }
    p.say(&format!("Wrote {}", path.display()));
    offer_adr(q, &path, p)?;
    Ok(Ok(()))
}

fn offer_adr(q: &Questionnaire, record: &Path, p: &mut dyn Prompter) -> std::io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let Some(dir) = store::adr::find_dir(&cwd) else {
        p.say("Next: `syskind adr init` then `syskind adr new --from <record>` writes an ADR.");
        return Ok(());
    };
    if let Reply::Value(true) = p.yes_no(&format!("Write an ADR into {}?", dir.display()), Some(true))? {
        let req = store::adr_write::AdrRequest { record: record.to_path_buf(), cwd, ..Default::default() };
        match store::adr_write::write_adr(&req, q) {
            Ok(path) => p.say(&format!("ADR written: {}", path.display())),
            Err(e) => p.say(&format!("No ADR written: {e}")),
        }
    }
    Ok(())
}
