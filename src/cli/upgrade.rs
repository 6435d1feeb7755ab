//! `syskind record upgrade`: re-derive records under the newest built-in questionnaire, show what
//! changes, and rewrite them only when asked (with a revision entry saying why).

use std::fmt::Write as _;
use std::path::PathBuf;

use super::args::WizardArgs;
use crate::core::record::{Record, Revision, parse_record, record_answers, today};
use crate::core::text::safe;
use crate::failure::Failure;
use crate::store;
use crate::store::catalogue::load_questionnaire;

/// What upgrading one record changes, in words; empty when nothing does.
fn changes(old: &Record, new: &Record) -> Vec<String> {
    let mut out = Vec::new();
    if old.verdict.class != new.verdict.class {
        out.push(format!("class {} → {}", old.verdict.class, new.verdict.class));
    }
    if (old.verdict.confidence - new.verdict.confidence).abs() > 0.005 {
        out.push(format!("confidence {:.2} → {:.2}", old.verdict.confidence, new.verdict.confidence));
    }
    for f in &new.findings {
        if !old.findings.iter().any(|o| o.id == f.id) {
            out.push(format!("+ finding {} ({} risk, {})", f.id, f.risk.name(), f.practice));
        }
    }
    for f in &old.findings {
        if !new.findings.iter().any(|n| n.id == f.id) {
            out.push(format!("- finding {}", f.id));
        }
    }
    for c in &new.verdict.conflicts {
        out.push(format!("conflict {}", c.id));
    }
    let ids = |r: &Record| r.practices.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    if ids(old) != ids(new) {
        out.push(format!("practices [{}] → [{}]", ids(old).join(", "), ids(new).join(", ")));
    }
    out
}

/// One record under the newest questionnaire: `None` when already current, else what moves and the
/// re-derived record's text.
fn upgrade_one(
    path: &std::path::Path,
    explicit: bool,
    newest: &crate::core::questionnaire::Questionnaire,
    who: &str,
) -> Result<Option<(String, String)>, Failure> {
    let name = path.display().to_string();
    let text = store::read_text(path)?;
    let old = parse_record(&name, &text)?;
    if old.questionnaire.id != newest.id {
        return Err(Failure::Usage(format!(
            "{name}: answers questionnaire `{}`, not `{}`; pass --questionnaire FILE",
            old.questionnaire.id, newest.id
        )));
    }
    if !explicit {
        crate::store::catalogue::unknown_built_in_version(&old)?;
    }
    // Answers are checked even when the record is current: "already current" is said only of a
    // record that checks.
    let answers = record_answers(&name, &text, &old, newest)?;
    if old.questionnaire.version == newest.version && old.questionnaire.digest == newest.digest {
        let drift = crate::core::record::check_record(&old, &answers, newest);
        if !drift.problems.is_empty() {
            return Err(Failure::Usage(format!(
                "{name}: already under {} {}, but its stored verdict is stale ({}); `syskind record check` says more, `syskind adr new --rederive` or re-exporting rewrites it",
                newest.id,
                newest.version,
                drift.problems.join("; ")
            )));
        }
        return Ok(None);
    }
    let new = rederived(&old, &answers, newest, who);
    let mut report = format!("{name}: {} {} → {}", old.questionnaire.id, old.questionnaire.version, newest.version);
    let what = changes(&old, &new);
    if what.is_empty() {
        report.push_str(": verdict, confidence and findings unchanged");
    }
    for line in &what {
        let _ = write!(report, "\n  {line}");
    }
    Ok(Some((report, new.to_toml())))
}

/// The record re-derived under `newest`, with a revision entry: an upgrade always leaves a trace,
/// even when the verdict stays (the questionnaire moved).
fn rederived(
    old: &Record,
    answers: &crate::core::answers::Answers,
    newest: &crate::core::questionnaire::Questionnaire,
    who: &str,
) -> Record {
    let mut new = Record::new(newest, answers, old.meta()).revising(old, who, &today());
    let note =
        format!("re-derived under questionnaire {} {} (was {})", newest.id, newest.version, old.questionnaire.version);
    let added = new.revisions.len() > old.revisions.len();
    match new.revisions.last_mut() {
        Some(r) if added => r.note = note,
        _ => new.revisions.push(Revision {
            date: today(),
            who: who.to_string(),
            changed: Vec::new(),
            before: old.verdict.class.clone(),
            after: new.verdict.class.clone(),
            note,
        }),
    }
    new
}

/// `syskind record upgrade FILE… [--write] [--who NAME]`.
pub fn record_upgrade(w: &WizardArgs, files: &[PathBuf], write: bool, who: Option<&str>) -> Result<(), Failure> {
    let newest = load_questionnaire(w.questionnaire.as_deref())?;
    // Who upgrades: --who, else the one source every revision uses (git's user.name, then $USER).
    let who = who.map(str::to_string).unwrap_or_else(store::who::user);
    let (mut changed, mut same, mut failed) = (0usize, 0usize, 0usize);
    // Every record is re-derived on its own, on every core; then, in the files' order, said and (with
    // --write) written — so output, writes and exit code are the one-thread ones, and nothing after a
    // record that stops the command is written.
    use rayon::prelude::*;
    let all = super::commands::records_in(files, "upgrade")?;
    let explicit = w.questionnaire.is_some();
    let outcomes: Vec<Result<Option<(String, String)>, Failure>> =
        all.par_iter().map(|path| upgrade_one(path, explicit, &newest, &who)).collect();
    for (path, outcome) in all.iter().zip(outcomes) {
        let outcome = match outcome {
            Ok(Some((mut report, text))) if write => match store::write_atomic(path, &text, true) {
                Ok(()) => {
                    report.push_str("\n  written, with a revision entry");
                    Ok(Some(report))
                }
                Err(e) => Err(e.into()),
            },
            Ok(Some((report, _))) => Ok(Some(report)),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(None) => same += 1,
            Ok(Some(report)) => {
                changed += 1;
                println!("{}", safe(&report));
            }
            Err(e) => {
                super::commands::tell_unreadable(e)?;
                failed += 1;
            }
        }
    }
    let verb = if write { "upgraded" } else { "would be upgraded (add --write to rewrite them)" };
    eprintln!("{changed} record(s) {verb}, {same} already current, {failed} unreadable");
    if failed > 0 { Err(Failure::Usage(format!("{failed} record(s) could not be read"))) } else { Ok(()) }
}
