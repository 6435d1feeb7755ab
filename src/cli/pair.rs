//! Pair design review on the command line: `diff` and `review` (the full-screen reconciliation).

use crate::core::text::clean_toml;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::args::{OutputFormat, WizardArgs};
use crate::core::answers::Answers;
use crate::core::diff::Diff;
use crate::core::questionnaire::Questionnaire;
use crate::core::record::{Record, parse_record, record_answers};
use crate::failure::Failure;
use crate::store;

/// A record read with its answers, against the questionnaire it names (or `-q`).
pub struct Side {
    /// Where it came from.
    pub path: PathBuf,
    /// The record.
    pub record: Record,
    /// Its answers.
    pub answers: Answers,
}

/// Reads two records and checks they answer the same questionnaire version.
pub fn load_pair(w: &WizardArgs, a: &Path, b: &Path) -> Result<(Questionnaire, Side, Side), Failure> {
    let read = |p: &Path| -> Result<(Record, String), Failure> {
        let text = store::read_text(p)?;
        Ok((parse_record(&p.display().to_string(), &text)?, text))
    };
    let (ra, ta) = read(a)?;
    let (rb, tb) = read(b)?;
    let (qa, qb) = (&ra.questionnaire, &rb.questionnaire);
    if qa.id != qb.id {
        return Err(Failure::Usage(format!(
            "{} answers questionnaire `{}` but {} answers `{}`: only records of the same questionnaire can be compared",
            a.display(),
            qa.id,
            b.display(),
            qb.id
        )));
    }
    if qa.version != qb.version {
        return Err(Failure::Usage(format!(
            "{} was made with {} version {} and {} with version {}: revise the older one first \
             (syskind --resume FILE) so both answer the same questions",
            a.display(),
            qa.id,
            qa.version,
            b.display(),
            qb.version
        )));
    }
    let q = crate::store::catalogue::questionnaire_for_record(w.questionnaire.as_deref(), &ra)?;
    let aa = record_answers(&a.display().to_string(), &ta, &ra, &q)?;
    let ab = record_answers(&b.display().to_string(), &tb, &rb, &q)?;
    Ok((
        q,
        Side { path: a.to_path_buf(), record: ra, answers: aa },
        Side { path: b.to_path_buf(), record: rb, answers: ab },
    ))
}

fn who(r: &Record) -> String {
    if r.deciders.is_empty() { "no deciders named".into() } else { r.deciders.join(", ") }
}

/// The diff as text.
pub fn diff_text(d: &Diff, a: &Side, b: &Side) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "A  {}  \"{}\" ({}): {}",
        a.path.display(),
        a.record.title,
        who(&a.record),
        d.a_verdict.full_label()
    );
    let _ = writeln!(
        out,
        "B  {}  \"{}\" ({}): {}",
        b.path.display(),
        b.record.title,
        who(&b.record),
        d.b_verdict.full_label()
    );
    if d.same_class {
        let _ = writeln!(out, "Same kind: both {}.", d.a_verdict.full_label());
    } else {
        let _ =
            writeln!(out, "Different kinds: A says {}, B says {}.", d.a_verdict.full_label(), d.b_verdict.full_label());
    }
    let groups = [(true, "Disagreements that change the verdict"), (false, "Other disagreements")];
    for (changes, heading) in groups {
        let items: Vec<_> = d.disagreements.iter().filter(|x| x.changes_verdict == changes).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading}:");
        for x in items {
            let _ = writeln!(out, "  {}  — {}", x.question, x.prompt);
            let _ = writeln!(out, "      A: {}", x.a.as_deref().unwrap_or("(no answer)"));
            let _ = writeln!(out, "      B: {}", x.b.as_deref().unwrap_or("(no answer)"));
        }
    }
    let _ = writeln!(out, "\nAgreed on {} question(s); {} disagreement(s).", d.agreements, d.disagreements.len());
    crate::core::text::safe(&out)
}

/// `syskind diff A B`.
pub fn diff(w: &WizardArgs, a: &Path, b: &Path, format: OutputFormat) -> Result<(), Failure> {
    let (q, sa, sb) = load_pair(w, a, b)?;
    let d = crate::core::diff::diff(&q, &sa.answers, &sb.answers);
    match format {
        OutputFormat::Json => super::commands::print_json(&d),
        OutputFormat::Toml => print!("{}", clean_toml(&d)),
        OutputFormat::Text => print!("{}", diff_text(&d, &sa, &sb)),
    }
    if d.same_class { Ok(()) } else { Err(Failure::CheckFailed) }
}
