//! The questionnaire catalogue: the built-in questionnaires (embedded, pre-checked) and questionnaire
//! files named on the command line, read from disk. Every face finds its questionnaire here.

use std::path::Path;

use crate::core::questionnaire::baked::BuiltIn;
use crate::core::questionnaire::{self, Questionnaire};
use crate::failure::{Failure, color_on_stderr};

/// The questionnaires built into the binary: (id, version, file name, text), newest version of an id first.
pub const BUILT_IN: &[(&str, &str, BuiltIn)] = &[
    ("system-kind", "3.0.0", questionnaire::DEFAULT),
    ("system-kind", "2.0.0", questionnaire::V2),
    ("system-kind", "1.0.0", questionnaire::V1),
];

/// The built-in questionnaire with this id and version (`None`: no such built-in).
pub fn built_in(id: &str, version: &str) -> Option<Questionnaire> {
    BUILT_IN.iter().find(|b| b.0 == id && b.1 == version).map(|b| b.2.questionnaire())
}

/// The questionnaire a record was answered against: `--questionnaire` when given, else the built-in
/// version the record names, else the newest built-in of its id.
pub fn questionnaire_for_record(
    explicit: Option<&str>,
    record: &crate::core::record::Record,
) -> Result<Questionnaire, Failure> {
    if explicit.is_none()
        && let Some(q) = built_in(&record.questionnaire.id, &record.questionnaire.version)
    {
        return Ok(q);
    }
    if explicit.is_none() {
        unknown_built_in_version(record)?;
    }
    load_questionnaire(Some(explicit.unwrap_or(&record.questionnaire.id)))
}

/// A record naming a built-in questionnaire at a version this syskind does not have is refused, never
/// read (or relabelled) under another version.
pub fn unknown_built_in_version(record: &crate::core::record::Record) -> Result<(), Failure> {
    let id = &record.questionnaire.id;
    let versions: Vec<&str> = BUILT_IN.iter().filter(|b| b.0 == id).map(|b| b.1).collect();
    if versions.is_empty() || versions.contains(&record.questionnaire.version.as_str()) {
        return Ok(());
    }
    Err(Failure::Usage(format!(
        "the record answers {id} {}, which this syskind does not have (built in: {}); upgrade syskind, or pass --questionnaire FILE with that version",
        crate::core::text::clip(&crate::core::text::safe(&record.questionnaire.version), 40),
        versions.join(", ")
    )))
}

/// Whether `spec` names a built-in questionnaire (`system-kind`, `system-kind@1.0.0`), not a file.
pub fn is_built_in(spec: &str) -> bool {
    BUILT_IN.iter().any(|b| b.0 == spec || format!("{}@{}", b.0, b.1) == spec)
}

/// Loads a questionnaire by built-in id or path (the default one when `None`); warnings go to stderr.
pub fn load_questionnaire(spec: Option<&str>) -> Result<Questionnaire, Failure> {
    let (name, text) = match spec {
        // Built-ins are checked by the test suite (no errors, no warnings) and read pre-checked.
        None => return Ok(questionnaire::DEFAULT.questionnaire()),
        // `system-kind` is the newest built-in version; `system-kind@1.0.0` names an older one.
        Some(s) => match BUILT_IN.iter().find(|b| b.0 == s || format!("{}@{}", b.0, b.1) == s) {
            Some((_, _, b)) => return Ok(b.questionnaire()),
            None => {
                let path = Path::new(s);
                if !path.exists() {
                    let ids: Vec<String> = BUILT_IN.iter().map(|b| format!("{}@{}", b.0, b.1)).collect();
                    return Err(Failure::Usage(format!(
                        "no questionnaire file `{s}` and no built-in questionnaire with that id; built-in: system-kind, {}",
                        ids.join(", ")
                    )));
                }
                (s.to_string(), super::read_text(path)?)
            }
        },
    };
    // A Well-Architected custom lens runs as the questionnaire it imports to (its verdict is the risk review).
    if Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        let toml = crate::core::lens::import(&name, &text)?;
        let (q, _) = questionnaire::load(&format!("{name} (imported lens)"), &toml)?;
        return Ok(q);
    }
    let (q, warnings) = questionnaire::load(&name, &text)?;
    if !warnings.diagnostics.is_empty() {
        eprint!("{}", warnings.render(color_on_stderr()));
    }
    Ok(q)
}
