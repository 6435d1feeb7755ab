//! `syskind lens export | import`: Well-Architected custom lenses in and out.

use std::path::Path;

use super::args::LensCommand;
use crate::core::lens;
use crate::failure::Failure;
use crate::store;
use crate::store::catalogue::load_questionnaire;

/// Writes `text` to `path`, or to standard output for `-`.
fn write(path: &Path, text: &str, force: bool) -> Result<(), Failure> {
    if path == Path::new("-") {
        print!("{text}");
        return Ok(());
    }
    store::write_atomic(path, text, force)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// `syskind lens …`.
pub fn lens(w: &super::args::WizardArgs, c: &LensCommand) -> Result<(), Failure> {
    match c {
        LensCommand::Export { questionnaire, output, force } => {
            // The positional questionnaire, else the global `--questionnaire`, else the default one.
            let q = load_questionnaire(questionnaire.as_deref().or(w.questionnaire.as_deref()))?;
            let out = lens::export(&q);
            let json = serde_json::to_string_pretty(&out.lens).unwrap_or_default() + "\n";
            write(output, &json, *force)?;
            if !out.not_carried.is_empty() {
                eprintln!("Not carried, or carried approximately ({}):", out.not_carried.len());
                for n in &out.not_carried {
                    eprintln!("  - {}", crate::core::text::safe(n));
                }
            }
            Ok(())
        }
        LensCommand::Import { lens: file, output, force } => {
            let text = store::read_text(file)?;
            let toml = lens::import(&file.display().to_string(), &text)?;
            // The questionnaire it makes is checked like any other before it is written.
            crate::core::questionnaire::load(&output.display().to_string(), &toml)?;
            write(output, &toml, *force)
        }
    }
}
