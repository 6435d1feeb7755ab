//! One function per headless command; each returns `Ok` or a [`CliError`] that `cli::run` maps to an exit code.

use std::collections::HashMap;
use std::path::PathBuf;

use super::args::{ClassifyArgs, Format, QuestionnaireCommand, RecordNewArgs, WizardArgs};
use super::{BUILT_IN, CliError, color_on_stderr, load_questionnaire, text};
use crate::core::answers::{Answers, Value};
use crate::core::answers_file::parse_answers;
use crate::core::engine;
use crate::core::questionnaire::{self, Questionnaire};
use crate::core::record::{Meta, Record, Status, check_record, parse_record, record_answers, today};
use crate::store;

/// Reads `--answers` and applies every `--set`.
fn gather_answers(q: &Questionnaire, file: Option<&PathBuf>, sets: &[String]) -> Result<Answers, CliError> {
    let mut answers = match file {
        Some(path) => {
            let text = store::read_text(path)?;
            parse_answers(&path.display().to_string(), &text, q)?
        }
        None => Answers::empty(q),
    };
    for s in sets {
        let Some((id, value)) = s.split_once('=') else {
            return Err(CliError::Usage(format!(
                "`--set {s}` needs the form QUESTION=VALUE, e.g. --set caller=person_sync"
            )));
        };
        let id = id.trim();
        let Some(i) = q.question_index(id) else {
            let ids: Vec<String> = q.questions.iter().map(|x| x.id.clone()).collect();
            return Err(CliError::Usage(format!(
                "`--set {s}`: unknown question `{id}`; {}questions: {}",
                crate::core::suggest::did_you_mean(id, &ids),
                ids.join(", ")
            )));
        };
        let v = Value::parse(&q.questions[i], value).map_err(|m| CliError::Usage(format!("`--set {s}`: {m}")))?;
        answers.values[i] = Some(v);
    }
    Ok(answers)
}

/// `syskind classify`.
pub fn classify(w: &WizardArgs, a: &ClassifyArgs) -> Result<(), CliError> {
    let q = load_questionnaire(w.questionnaire.as_deref())?;
    let answers = gather_answers(&q, a.answers.as_ref(), &a.set)?;
    let v = engine::classify(&q, &answers);
    match a.format {
        Format::Text => print!("{}", text::verdict_text(&q, &v)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        Format::Toml => print!("{}", toml::to_string_pretty(&v).unwrap_or_default()),
    }
    Ok(())
}

/// `syskind record new`.
pub fn record_new(w: &WizardArgs, a: &RecordNewArgs) -> Result<(), CliError> {
    let q = load_questionnaire(w.questionnaire.as_deref())?;
    let answers = gather_answers(&q, Some(&a.answers), &[])?;
    let status = Status::ALL.into_iter().find(|s| s.title().eq_ignore_ascii_case(&a.status)).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown status `{}`; use proposed, accepted, rejected, deprecated or superseded",
            a.status
        ))
    })?;
    let date = a.date.clone().unwrap_or_else(today);
    if time::Date::parse(&date, time::macros::format_description!("[year]-[month]-[day]")).is_err() {
        return Err(CliError::Usage(format!("`--date {date}` is not a date; write YYYY-MM-DD")));
    }
    if a.title.trim().is_empty() {
        return Err(CliError::Usage("the title is empty; give --title \"What is decided\"".into()));
    }
    let record = Record::new(
        &q,
        &answers,
        Meta {
            title: a.title.trim().to_string(),
            date,
            status,
            deciders: a.deciders.clone(),
            context: a.context.clone(),
            ..Meta::default()
        },
    );
    let text = record.to_toml();
    match &a.output {
        Some(path) => {
            store::write_atomic(path, &text, a.force)?;
            eprintln!("wrote {} — {}", path.display(), text::verdict_line(&record.verdict));
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// Files as given, with folders replaced by the `.toml` files under them (sorted, recursively).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "toml") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() { walk(p, &mut out) } else { out.push(p.clone()) }
    }
    out
}

/// `syskind record check`.
pub fn record_check(w: &WizardArgs, files: &[PathBuf]) -> Result<(), CliError> {
    let mut cache: HashMap<String, Questionnaire> = HashMap::new();
    let explicit = match &w.questionnaire {
        Some(spec) => Some(load_questionnaire(Some(spec))?),
        None => None,
    };
    let (mut ok, mut failed) = (0usize, 0usize);
    for path in &expand(files) {
        let name = path.display().to_string();
        let outcome = (|| -> Result<Vec<String>, CliError> {
            let text = store::read_text(path)?;
            let record = parse_record(&name, &text)?;
            let q = match &explicit {
                Some(q) => q,
                None => {
                    let id = record.questionnaire.id.clone();
                    if !cache.contains_key(&id) {
                        if !BUILT_IN.iter().any(|b| b.0 == id) {
                            return Err(CliError::Usage(format!(
                                "{name}: questionnaire `{id}` is not built in; pass --questionnaire FILE"
                            )));
                        }
                        cache.insert(id.clone(), load_questionnaire(Some(&id))?);
                    }
                    &cache[&id]
                }
            };
            let answers = record_answers(&name, &text, &record, q)?;
            let drift = check_record(&record, &answers, q);
            let mut problems = drift.problems;
            if drift.questionnaire_changed && !problems.is_empty() {
                problems.push(format!(
                    "the questionnaire changed since the record was written ({} → {})",
                    record.questionnaire.digest, q.digest
                ));
            }
            Ok(problems)
        })();
        match outcome {
            Ok(problems) if problems.is_empty() => ok += 1,
            Ok(problems) => {
                failed += 1;
                for p in problems {
                    eprintln!("{name}: {}", crate::core::text::safe(&p));
                }
                eprintln!("{name}: fix: revise the record (syskind --resume {name}) or restore its answers");
            }
            Err(CliError::File(r)) => {
                failed += 1;
                eprint!("{}", r.render(color_on_stderr()));
            }
            Err(CliError::Store(e)) => {
                failed += 1;
                eprintln!("error: {e}");
            }
            Err(e) => return Err(e),
        }
    }
    eprintln!("{ok} record(s) ok, {failed} with problems");
    if failed > 0 { Err(CliError::CheckFailed) } else { Ok(()) }
}

/// `syskind questionnaire …`.
pub fn questionnaire(c: QuestionnaireCommand) -> Result<(), CliError> {
    match c {
        QuestionnaireCommand::List => {
            for (id, name, src) in BUILT_IN {
                let (q, _) = questionnaire::load(name, src)?;
                println!("{id}\t{}\t{} questions\tversion {}", q.title, q.questions.len(), q.version);
            }
            Ok(())
        }
        QuestionnaireCommand::Show { id } => {
            let q = load_questionnaire(id.as_deref())?;
            print!("{}", text::questionnaire_text(&q));
            Ok(())
        }
        QuestionnaireCommand::Check { files } => {
            let mut bad = 0;
            for path in &files {
                let name = path.display().to_string();
                let result = store::read_text(path)
                    .map_err(CliError::from)
                    .and_then(|t| questionnaire::load(&name, &t).map_err(CliError::from));
                match result {
                    Ok((q, warnings)) => {
                        eprint!("{}", warnings.render(color_on_stderr()));
                        println!("{name}: ok ({} questions, {} rules)", q.questions.len(), q.rules.len());
                    }
                    Err(e) => {
                        bad += 1;
                        let _ = e.report();
                    }
                }
            }
            if bad > 0 { Err(CliError::Usage(format!("{bad} questionnaire file(s) have errors"))) } else { Ok(()) }
        }
    }
}

/// The interactive faces: the full-screen wizard, or the line mode where a full screen cannot work.
pub fn interactive(w: &WizardArgs) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let (q, answers, original, resume_path) = match &w.resume {
        Some(path) => {
            let name = path.display().to_string();
            let text = store::read_text(path)?;
            let record = parse_record(&name, &text)?;
            let spec = w.questionnaire.clone().unwrap_or_else(|| record.questionnaire.id.clone());
            let q = load_questionnaire(Some(&spec))?;
            let answers = record_answers(&name, &text, &record, &q)?;
            (q, Some(answers), Some(record), Some(path.clone()))
        }
        None => {
            let q = load_questionnaire(w.questionnaire.as_deref())?;
            let answers = match &w.answers {
                Some(p) => Some(gather_answers(&q, Some(p), &[])?),
                None => None,
            };
            (q, answers, None, None)
        }
    };
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // Shown to people and written into prompts, so relative to where they are (`decisions` or `../decisions`).
    let decisions_dir = crate::tui::repo_root(&cwd).join("decisions");
    let decisions_dir = pathdiff::diff_paths(&decisions_dir, &cwd).unwrap_or(decisions_dir);
    if w.plain || dumb || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let answers = answers.unwrap_or_else(|| Answers::empty(&q));
        let opts = crate::plain::PlainOptions {
            title: w.title.clone(),
            output: w.output.clone().or(resume_path),
            color: !no_color && std::io::stderr().is_terminal(),
            decisions_dir,
            meta: original.as_ref().map(Record::meta),
            original,
            user: user(),
        };
        return crate::plain::run(&q, answers, &opts);
    }
    let theme = if no_color {
        crate::tui::theme::Theme::monochrome()
    } else {
        crate::tui::theme::Theme::load(w.theme.as_deref()).map_err(CliError::Usage)?
    };
    let ctx = crate::tui::Context {
        today: today(),
        next_number: crate::tui::next_number(&decisions_dir),
        decisions_dir,
        size: (80, 24),
        user: user(),
    };
    let meta = original.as_ref().map(Record::meta);
    let mut app = crate::tui::App::new(q, answers, meta, ctx, theme);
    app.original = original;
    if let Some(p) = resume_path {
        app.path_input = p.display().to_string();
        app.path_edited = true;
    }
    let result = crate::tui::run(app);
    match result {
        Ok(app) => {
            if let Some(p) = &app.exported {
                println!("Wrote {}", p.display());
            }
            if app.dirty {
                keep_answers(&app.q, &app.answers);
            }
            Ok(())
        }
        Err(e) => Err(CliError::Usage(format!("the terminal failed: {e}"))),
    }
}

/// Who is at the keyboard, for revision histories: `$USER`, else `$USERNAME`, else "unknown".
fn user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into())
}

/// Saves answers that were never exported, so quitting (or Ctrl-C) never loses them.
pub fn keep_answers(q: &Questionnaire, a: &Answers) {
    let text = crate::core::answers_file::to_answers_file(q, a);
    let dir = directories::ProjectDirs::from("", "", "syskind")
        .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
        .unwrap_or_else(std::env::temp_dir);
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let path = dir.join(format!("unexported-{stamp}.toml"));
    match store::write_atomic(&path, &text, false) {
        Ok(()) => eprintln!(
            "Your answers were not exported; they are kept in {}\nContinue with: syskind --answers {}",
            path.display(),
            path.display()
        ),
        Err(e) => eprintln!("Your answers were not exported and could not be kept: {e}\n{text}"),
    }
}

/// The full-screen pair review of two records (`syskind review A B`).
pub fn run_pair_review(
    w: &WizardArgs,
    q: Questionnaire,
    a: crate::cli::pair::Side,
    b: crate::cli::pair::Side,
) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "the pair review needs a terminal; `syskind diff A B` shows the disagreements without one".into(),
        ));
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if no_color {
        crate::tui::theme::Theme::monochrome()
    } else {
        crate::tui::theme::Theme::load(w.theme.as_deref()).map_err(CliError::Usage)?
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let decisions_dir = crate::tui::repo_root(&cwd).join("decisions");
    let decisions_dir = pathdiff::diff_paths(&decisions_dir, &cwd).unwrap_or(decisions_dir);
    let ctx = crate::tui::Context {
        today: today(),
        next_number: crate::tui::next_number(&decisions_dir),
        decisions_dir,
        size: (80, 24),
        user: user(),
    };
    let party = |s: crate::cli::pair::Side| {
        let name = if s.record.deciders.is_empty() {
            s.path.file_stem().map(|f| f.to_string_lossy().to_string()).unwrap_or_default()
        } else {
            s.record.deciders.join(", ")
        };
        crate::tui::pair::Party { name, path: s.path, record: s.record, answers: s.answers }
    };
    let app = crate::tui::pair::PairApp::new(q, party(a), party(b), ctx, theme);
    match crate::tui::run(app) {
        Ok(app) => {
            if let crate::tui::pair::PairScreen::Done(p) = &app.screen {
                println!("Wrote {}", p.display());
            }
            Ok(())
        }
        Err(e) => Err(CliError::Usage(format!("the terminal failed: {e}"))),
    }
}
