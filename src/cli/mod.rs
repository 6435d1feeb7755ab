//! The headless face: parses arguments, runs one command, maps every failure to an exit code.
//!
//! Exit codes live here and only here: 0 ok, 1 a check failed, 2 usage or input error.

pub mod adr;
pub mod args;
pub mod commands;
pub mod interactive;
pub mod pair;
pub mod system;
pub mod system_screen;
/// The text both the CLI and the line mode print (kept outside either face).
pub use crate::report as text;
pub mod upgrade;

use std::path::Path;
use std::process::ExitCode;

use crate::core::questionnaire::baked::BuiltIn;
use crate::core::questionnaire::{self, Questionnaire};
use crate::store;

pub use crate::failure::Failure as CliError;

pub use crate::failure::color_on_stderr;

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
) -> Result<Questionnaire, CliError> {
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
pub fn unknown_built_in_version(record: &crate::core::record::Record) -> Result<(), CliError> {
    let id = &record.questionnaire.id;
    let versions: Vec<&str> = BUILT_IN.iter().filter(|b| b.0 == id).map(|b| b.1).collect();
    if versions.is_empty() || versions.contains(&record.questionnaire.version.as_str()) {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "the record answers {id} {}, which this syskind does not have (built in: {}); upgrade syskind, or pass --questionnaire FILE with that version",
        crate::core::text::clip(&crate::core::text::safe(&record.questionnaire.version), 40),
        versions.join(", ")
    )))
}

/// Loads a questionnaire by built-in id or path (the default one when `None`); warnings go to stderr.
pub fn load_questionnaire(spec: Option<&str>) -> Result<Questionnaire, CliError> {
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
                    return Err(CliError::Usage(format!(
                        "no questionnaire file `{s}` and no built-in questionnaire with that id; built-in: system-kind, {}",
                        ids.join(", ")
                    )));
                }
                (s.to_string(), store::read_text(path)?)
            }
        },
    };
    let (q, warnings) = questionnaire::load(&name, &text)?;
    if !warnings.diagnostics.is_empty() {
        eprint!("{}", warnings.render(color_on_stderr()));
    }
    Ok(q)
}

/// `syskind man`: the main page on standard output, its commands listed in words (no references to
/// pages that are not there); `--dir DIR` writes the main page and one per command, cross-referenced.
fn man(dir: Option<&Path>) -> Result<(), CliError> {
    use clap::CommandFactory;
    let fail = |e: std::io::Error| CliError::Usage(format!("cannot write the man page: {e}"));
    let cmd = args::Cli::command();
    if let Some(d) = dir {
        if d.exists() && !d.is_dir() {
            return Err(CliError::Usage(format!(
                "{}: is not a folder; give --dir a folder for the man pages",
                d.display()
            )));
        }
        std::fs::create_dir_all(d)
            .map_err(|e| CliError::Usage(format!("{}: cannot create the folder: {e}", d.display())))?;
        clap_mangen::generate_to(cmd, d).map_err(fail)?;
        println!("wrote the man pages into {}", d.display());
        return Ok(());
    }
    let page = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    page.render_title(&mut out).map_err(fail)?;
    page.render_name_section(&mut out).map_err(fail)?;
    page.render_synopsis_section(&mut out).map_err(fail)?;
    page.render_description_section(&mut out).map_err(fail)?;
    page.render_options_section(&mut out).map_err(fail)?;
    let roff = |t: &str| t.replace('\\', "\\\\").replace('-', "\\-");
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.extend_from_slice(format!(".TP\n\\fB{}\\fR\n{}\n", roff(sub.get_name()), roff(&about)).as_bytes());
    }
    out.extend_from_slice(b".PP\nEvery command has its own page: \\fBsyskind man \\-\\-dir DIR\\fR writes them all.\n");
    page.render_version_section(&mut out).map_err(fail)?;
    use std::io::Write;
    std::io::stdout().write_all(&out).map_err(fail)
}

/// Runs a parsed command line.
pub fn run(cli: args::Cli) -> ExitCode {
    let result = match cli.command {
        Some(args::Command::Classify(a)) => commands::classify(&cli.wizard, &a),
        Some(args::Command::Record(args::RecordCommand::New(a))) => commands::record_new(&cli.wizard, &a),
        Some(args::Command::Record(args::RecordCommand::Check { files, fail_on })) => {
            commands::record_check(&cli.wizard, &files, fail_on)
        }
        Some(args::Command::Record(args::RecordCommand::Upgrade { files, write, who })) => {
            upgrade::record_upgrade(&cli.wizard, &files, write, who.as_deref())
        }
        Some(args::Command::Questionnaire(c)) => commands::questionnaire(c),
        Some(args::Command::Diff { a, b, format }) => pair::diff(&cli.wizard, &a, &b, format),
        Some(args::Command::Review { a, b }) => pair::review(&cli.wizard, &a, &b),
        Some(args::Command::Record(args::RecordCommand::Log { file })) => pair::log(&file),
        Some(args::Command::Adr(args::AdrCommand::New(a))) => adr::new(&cli.wizard, &a).map(|_| ()),
        Some(args::Command::Adr(args::AdrCommand::Init { dir })) => adr::init(dir.as_deref()),
        Some(args::Command::Adr(args::AdrCommand::Update { number, from, dir, rederive })) => {
            adr::update(&cli.wizard, number, &from, dir, rederive)
        }
        Some(args::Command::Man { dir }) => man(dir.as_deref()),
        Some(args::Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut cmd = args::Cli::command();
            clap_complete::generate(shell, &mut cmd, "syskind", &mut std::io::stdout());
            Ok(())
        }
        Some(args::Command::System(a)) => system::system(&cli.wizard, &a),
        Some(args::Command::Sessions(c)) => interactive::sessions(&cli.wizard, &c),
        Some(args::Command::Wizard) | None => interactive::interactive(&cli.wizard),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
