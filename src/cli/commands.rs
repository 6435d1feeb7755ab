//! One function per headless command; each returns `Ok` or a [`Failure`] that `cli::run` maps to an exit code.

use crate::core::text::{clean_toml, write_clean_json};
use std::collections::HashMap;
use std::path::PathBuf;

use super::args::{ClassifyArgs, OutputFormat, QuestionnaireCommand, RecordNewArgs, RiskLevel, WizardArgs};
use crate::core::answers::{Answers, Value};
use crate::core::answers_file::parse_answers;
use crate::core::engine;
use crate::core::questionnaire::{self, Questionnaire, Risk};
use crate::core::record::{Meta, Record, Status, check_against, parse_record, record_answers, today};
use crate::failure::{Failure, color_on_stderr};
use crate::report;
use crate::store;
use crate::store::catalogue::{BUILT_IN, built_in, load_questionnaire};

/// Reads `--answers` and applies every `--set`.
pub fn gather_answers(q: &Questionnaire, file: Option<&PathBuf>, sets: &[String]) -> Result<Answers, Failure> {
    let mut answers = match file {
        Some(path) => {
            let text = store::read_text(path)?;
            parse_answers(&path.display().to_string(), &text, q)?
        }
        None => Answers::empty(q),
    };
    for s in sets {
        let Some((id, value)) = s.split_once('=') else {
            return Err(Failure::Usage(format!(
                "`--set {s}` needs the form QUESTION=VALUE, e.g. --set caller=person_sync"
            )));
        };
        let id = id.trim();
        let Some(i) = q.question_index(id) else {
            let ids: Vec<String> = q.questions.iter().map(|x| x.id.to_string()).collect();
            return Err(Failure::Usage(format!(
                "`--set {s}`: unknown question `{id}`; {}questions: {}",
                crate::core::suggest::did_you_mean(id, &ids),
                ids.join(", ")
            )));
        };
        let v = Value::parse(&q.questions[i], value).map_err(|m| Failure::Usage(format!("`--set {s}`: {m}")))?;
        answers.values[i] = Some(v);
    }
    Ok(answers)
}

/// `syskind classify`.
pub fn classify(w: &WizardArgs, a: &ClassifyArgs) -> Result<(), Failure> {
    let q = load_questionnaire(w.questionnaire.as_deref())?;
    let answers = gather_answers(&q, a.answers.as_ref(), &a.set)?;
    let v = engine::classify(&q, &answers);
    match a.format {
        OutputFormat::Text => print!("{}", report::verdict_text(&q, &v)),
        OutputFormat::Json => print_json(&v),
        OutputFormat::Toml => print!("{}", clean_toml(&v)),
    }
    Ok(())
}

/// Prints `v` as pretty JSON, strings made safe, written as it is serialised (no copy of the whole
/// document in memory). A closed pipe ends the output quietly, as `println!` would not.
pub(super) fn print_json(v: &impl serde::Serialize) {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = write_clean_json(&mut out, v).and_then(|()| writeln!(out)).and_then(|()| out.flush());
}

/// `syskind record new`.
pub fn record_new(w: &WizardArgs, a: &RecordNewArgs) -> Result<(), Failure> {
    let q = load_questionnaire(w.questionnaire.as_deref())?;
    let answers = gather_answers(&q, Some(&a.answers), &[])?;
    let status = Status::ALL.into_iter().find(|s| s.title().eq_ignore_ascii_case(&a.status)).ok_or_else(|| {
        Failure::Usage(format!(
            "unknown status `{}`; use proposed, accepted, rejected, deprecated or superseded",
            a.status
        ))
    })?;
    let date = a.date.clone().unwrap_or_else(today);
    if time::Date::parse(&date, time::macros::format_description!("[year]-[month]-[day]")).is_err() {
        return Err(Failure::Usage(format!("`--date {date}` is not a date; write YYYY-MM-DD")));
    }
    if a.title.trim().is_empty() {
        return Err(Failure::Usage("the title is empty; give --title \"What is decided\"".into()));
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
            eprintln!("wrote {} — {}", path.display(), report::verdict_line(&record.verdict));
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// Files as given, with folders replaced by the `.toml` files under them (sorted). Folder walks never
/// follow symbolic links (so a link loop cannot repeat files) and skip `target/`, `.git` and other
/// hidden folders.
pub(super) fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(p).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(e.file_type().is_dir() && (name == "target" || name.starts_with('.')))
        });
        for e in walk.filter_map(Result::ok) {
            if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml") {
                out.push(e.into_path());
            }
        }
    }
    out
}

/// The records `paths` name ([`expand`]); none is a usage error, since a CI guard that checked
/// nothing must not pass as if it had. `verb` says what was to be done with them.
pub(super) fn records_in(paths: &[PathBuf], verb: &str) -> Result<Vec<PathBuf>, Failure> {
    let all = expand(paths);
    if all.is_empty() {
        let named: Vec<String> = paths.iter().map(|f| f.display().to_string()).collect();
        return Err(Failure::Usage(format!(
            "no records to {verb} in {} (records are .toml files; hidden folders and target/ are skipped)",
            named.join(", ")
        )));
    }
    Ok(all)
}

/// Says on stderr why one file of many could not be read (a file diagnostic or a storage error) and
/// returns `Ok`, so the command goes on with the rest; any other failure ends the command.
pub(super) fn tell_unreadable(failure: Failure) -> Result<(), Failure> {
    match failure {
        Failure::File(r) => eprint!("{}", r.render(color_on_stderr())),
        Failure::Store(e) => eprintln!("error: {}", crate::core::text::safe(&e.to_string())),
        e => return Err(e),
    }
    Ok(())
}

/// Checks one record: its problems (empty when it holds), or why it cannot be read. `cache` keeps the
/// built-in questionnaires this worker has loaded, by `id@version`.
fn check_one(
    path: &std::path::Path,
    explicit: Option<&Questionnaire>,
    threshold: Option<Risk>,
    cache: &mut HashMap<String, Questionnaire>,
) -> Result<Vec<String>, Failure> {
    let name = path.display().to_string();
    let text = store::read_text(path)?;
    let record = parse_record(&name, &text)?;
    let q = match explicit {
        Some(q) => q,
        None => {
            // Re-derive under the version the record was answered against, so upgrading syskind
            // never turns a folder of records red; `record upgrade` moves them on.
            let (id, version) = (&record.questionnaire.id, &record.questionnaire.version);
            let key = format!("{id}@{version}");
            if !cache.contains_key(&key) {
                let q = match built_in(id, version) {
                    Some(q) => q,
                    None if BUILT_IN.iter().any(|b| b.0 == id) => {
                        return Err(Failure::Usage(format!(
                            "{name}: questionnaire `{id}` version {version} is not built into this syskind; pass --questionnaire FILE"
                        )));
                    }
                    None => {
                        return Err(Failure::Usage(format!(
                            "{name}: questionnaire `{id}` is not built in; pass --questionnaire FILE"
                        )));
                    }
                };
                cache.insert(key.clone(), q);
            }
            &cache[&key]
        }
    };
    let answers = record_answers(&name, &text, &record, q)?;
    let fresh = engine::classify_quick(q, &answers);
    let drift = check_against(&record, &fresh, q);
    let mut problems = drift.problems;
    if let Some(level) = threshold {
        for f in fresh.findings.iter().filter(|f| f.risk >= level) {
            problems.push(format!("{} risk {} [{}]: {}", f.risk.name(), f.practice, f.id, f.text));
        }
    }
    if drift.questionnaire_changed && !problems.is_empty() {
        problems.push(format!(
            "the questionnaire changed since the record was written ({} → {})",
            record.questionnaire.digest, q.digest
        ));
    }
    Ok(problems)
}

/// `syskind record check`.
pub fn record_check(w: &WizardArgs, files: &[PathBuf], fail_on: Option<RiskLevel>) -> Result<(), Failure> {
    let threshold = fail_on.map(|l| match l {
        RiskLevel::High => Risk::High,
        RiskLevel::Medium => Risk::Medium,
        RiskLevel::Low => Risk::Low,
    });
    let explicit = match &w.questionnaire {
        Some(spec) => Some(load_questionnaire(Some(spec))?),
        None => None,
    };
    let (mut ok, mut failed, mut broken) = (0usize, 0usize, 0usize);
    let all = records_in(files, "check")?;
    // Each record is checked on its own, on every core (rayon; RAYON_NUM_THREADS=1 for one); the
    // results are then said in the files' order, so the output and exit code are the serial ones.
    use rayon::prelude::*;
    let outcomes: Vec<Result<Vec<String>, Failure>> = all
        .par_iter()
        .map_init(HashMap::new, |cache, path| check_one(path, explicit.as_ref(), threshold, cache))
        .collect();
    for (path, outcome) in all.iter().zip(outcomes) {
        let name = path.display().to_string();
        match outcome {
            Ok(problems) if problems.is_empty() => ok += 1,
            Ok(problems) => {
                failed += 1;
                for p in problems {
                    eprintln!("{name}: {}", crate::core::text::safe(&p));
                }
                eprintln!(
                    "{name}: fix: revise the record (syskind --resume {name}), restore its answers, or act on its findings"
                );
            }
            Err(e) => {
                tell_unreadable(e)?;
                broken += 1;
            }
        }
    }
    eprintln!("{ok} record(s) ok, {failed} with problems, {broken} unreadable or broken");
    // Broken or unreadable input is exit 2, as for every command; a stale or risky record is exit 1.
    if broken > 0 {
        Err(Failure::BadInput)
    } else if failed > 0 {
        Err(Failure::CheckFailed)
    } else {
        Ok(())
    }
}

/// `syskind questionnaire …`.
pub fn questionnaire(c: QuestionnaireCommand) -> Result<(), Failure> {
    match c {
        QuestionnaireCommand::List => {
            for (id, _, b) in BUILT_IN {
                let q = b.questionnaire();
                println!("{id}@{}\t{}\t{} questions\tversion {}", q.version, q.title, q.questions.len(), q.version);
            }
            Ok(())
        }
        QuestionnaireCommand::Show { id } => {
            let q = load_questionnaire(id.as_deref())?;
            print!("{}", report::questionnaire_text(&q));
            Ok(())
        }
        QuestionnaireCommand::Check { files } => {
            let mut bad = 0;
            for path in &files {
                let name = path.display().to_string();
                let result = store::read_text(path)
                    .map_err(Failure::from)
                    .and_then(|t| questionnaire::load(&name, &t).map_err(Failure::from));
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
            if bad > 0 { Err(Failure::Usage(format!("{bad} questionnaire file(s) have errors"))) } else { Ok(()) }
        }
    }
}
