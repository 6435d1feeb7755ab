//! `syskind record log`: the revision history of records — who changed which answers, the verdict
//! before and after, and what a pair review discussed. Over folders the records are read on every
//! core and told in the files' order, so the output is the serial one.

use std::path::{Path, PathBuf};

use super::commands::{records_in, tell_unreadable};
use crate::core::record::{Record, parse_record};
use crate::failure::Failure;
use crate::store;

/// `syskind record log FILE|FOLDER…`: one block per record, a blank line between them. A record that
/// cannot be read is reported on standard error and the others are still shown; then the exit code
/// is 2, as for every broken input.
pub fn log(paths: &[PathBuf]) -> Result<(), Failure> {
    let all = records_in(paths, "show")?;
    if let [one] = all.as_slice() {
        // One record: its failure is the command's, said as every command says it.
        print!("{}", history(one)?);
        return Ok(());
    }
    use rayon::prelude::*;
    let outcomes: Vec<Result<String, Failure>> = all.par_iter().map(|p| history(p)).collect();
    let mut broken = 0usize;
    let mut first = true;
    for outcome in outcomes {
        match outcome {
            Ok(text) => {
                if !first {
                    println!();
                }
                first = false;
                print!("{text}");
            }
            Err(e) => {
                tell_unreadable(e)?;
                broken += 1;
            }
        }
    }
    if broken > 0 {
        eprintln!("{broken} of {} record(s) could not be read", all.len());
        return Err(Failure::BadInput);
    }
    Ok(())
}

/// One record's history, cleaned for the terminal (every field comes from a file a user can edit).
fn history(file: &Path) -> Result<String, Failure> {
    let text = store::read_text(file)?;
    let r = parse_record(&file.display().to_string(), &text)?;
    Ok(crate::core::text::safe(&render(file, &r)))
}

fn render(file: &Path, r: &Record) -> String {
    let mut out = format!("{} — {} ({}, {})\n", file.display(), r.title, r.date, r.verdict.class);
    if r.revisions.is_empty() {
        out.push_str("No revisions since it was written.\n");
    }
    for rev in &r.revisions {
        let changed = if rev.changed.is_empty() { "no answers".to_string() } else { rev.changed.join(", ") };
        let note = if rev.note.is_empty() { String::new() } else { format!(" ({})", rev.note) };
        out.push_str(&format!(
            "{}  {:<12} changed {changed}; verdict {} → {}{note}\n",
            rev.date, rev.who, rev.before, rev.after
        ));
    }
    for d in &r.discussion {
        out.push_str(&format!(
            "discussed {}: A ({}) {} / B ({}) {} → {}{}\n",
            d.question,
            d.a_by,
            d.a,
            d.b_by,
            d.b,
            d.chosen,
            if d.note.is_empty() { String::new() } else { format!(" — {}", d.note) }
        ));
    }
    out
}
