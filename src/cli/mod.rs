//! The headless face: one function per command, each returning `Ok` or a [`Failure`] (whose exit
//! code [`crate::failure`] gives). The arguments are parsed here ([`args`]); [`crate::app`] chooses
//! the face.

pub mod adr;
pub mod args;
pub mod commands;
pub mod lens;
pub mod log;
pub mod pair;
pub mod system;
pub mod upgrade;

use std::path::Path;

use crate::failure::Failure;

/// `syskind man`: the main page on standard output, its commands listed in words (no references to
/// pages that are not there); `--dir DIR` writes the main page and one per command, cross-referenced.
fn man(dir: Option<&Path>) -> Result<(), Failure> {
    use clap::CommandFactory;
    let fail = |e: std::io::Error| Failure::Usage(format!("cannot write the man page: {e}"));
    let cmd = args::Cli::command();
    if let Some(d) = dir {
        if d.exists() && !d.is_dir() {
            return Err(Failure::Usage(format!(
                "{}: is not a folder; give --dir a folder for the man pages",
                d.display()
            )));
        }
        std::fs::create_dir_all(d)
            .map_err(|e| Failure::Usage(format!("{}: cannot create the folder: {e}", d.display())))?;
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

/// Runs one headless command (the composition root, [`crate::app`], starts the interactive ones).
pub fn run(command: args::Command, w: &args::WizardArgs) -> Result<(), Failure> {
    match command {
        args::Command::Classify(a) => commands::classify(w, &a),
        args::Command::Record(args::RecordCommand::New(a)) => commands::record_new(w, &a),
        args::Command::Record(args::RecordCommand::Check { files, fail_on }) => {
            commands::record_check(w, &files, fail_on)
        }
        args::Command::Record(args::RecordCommand::Upgrade { files, write, who }) => {
            upgrade::record_upgrade(w, &files, write, who.as_deref())
        }
        args::Command::Questionnaire(c) => commands::questionnaire(c),
        args::Command::Diff { a, b, format } => pair::diff(w, &a, &b, format),
        args::Command::Record(args::RecordCommand::Log { files }) => log::log(&files),
        args::Command::Adr(args::AdrCommand::New(a)) => adr::new(w, &a).map(|_| ()),
        args::Command::Adr(args::AdrCommand::Init { dir }) => adr::init(dir.as_deref()),
        args::Command::Adr(args::AdrCommand::Update { number, from, dir, rederive }) => {
            adr::update(w, number, &from, dir, rederive)
        }
        args::Command::Lens(c) => lens::lens(w, &c),
        args::Command::Man { dir } => man(dir.as_deref()),
        args::Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = args::Cli::command();
            clap_complete::generate(shell, &mut cmd, "syskind", &mut std::io::stdout());
            Ok(())
        }
        args::Command::System(a) => system::system(w, &a),
        args::Command::Review { .. } | args::Command::Sessions(_) | args::Command::Wizard => Err(Failure::Usage(
            "an interactive command reached the headless face; run it through syskind::app::run".into(),
        )),
    }
}
