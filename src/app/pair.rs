//! `syskind review A B`: the full-screen pair review of two records.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::args::WizardArgs;
use crate::cli::pair::{Side, load_pair};
use crate::failure::Failure;

/// `syskind review A B`.
pub fn review(w: &WizardArgs, a: &Path, b: &Path) -> Result<(), Failure> {
    let (q, sa, sb) = load_pair(w, a, b)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "the pair review needs a terminal; `syskind diff A B` shows the disagreements without one".into(),
        ));
    }
    let ctx = super::interactive::context(None, String::new(), String::new());
    let party = |s: Side| {
        let name = if s.record.deciders.is_empty() {
            s.path.file_stem().map(|f| f.to_string_lossy().to_string()).unwrap_or_default()
        } else {
            s.record.deciders.join(", ")
        };
        crate::tui::pair::Party { name, path: s.path, record: s.record, answers: s.answers }
    };
    let app = crate::tui::pair::PairApp::new(q, party(sa), party(sb), ctx, super::interactive::theme(w)?);
    let (app, _) = crate::tui::run(app).map_err(|e| Failure::Usage(format!("the terminal failed: {e}")))?;
    if let crate::tui::pair::PairScreen::Done(p) = &app.screen {
        println!("Wrote {}", p.display());
    }
    Ok(())
}
