//! Command-line arguments as plain data (clap derive). Turning them into work is `cli::run`'s job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Tells which kind of distributed system you are building — hard real-time, soft real-time or offline
/// (AWS Well-Architected REL04-BP01) — and records the decision.
///
/// With no command, opens the full-screen wizard on the built-in questionnaire.
///
/// Exit codes: 0 ok; 1 a check failed (record check, diff); 2 usage or input error.
#[derive(Debug, Parser)]
#[command(name = "syskind", version, propagate_version = true)]
pub struct Cli {
    /// What to do; the wizard when left out.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the wizard (used when no command is given).
    #[command(flatten)]
    pub wizard: WizardArgs,
}

impl Cli {
    /// The command line as read, or for `syskind` alone — the usual start — every option at its
    /// default without building the parser: clap builds every subcommand's arguments first, about
    /// 0.2 ms of the first frame while its code is paged in (docs/performance.md). A test checks
    /// this is what clap gives for no arguments.
    pub fn from_env() -> Cli {
        if std::env::args_os().len() <= 1 { Cli::bare() } else { Cli::parse() }
    }

    /// What an empty command line means: the wizard, every option at its default.
    pub fn bare() -> Cli {
        Cli { command: None, wizard: WizardArgs::default() }
    }
}

/// Options of the interactive faces.
#[derive(Debug, Args, Default, Clone)]
pub struct WizardArgs {
    /// Questionnaire file, or the id of a built-in one.
    #[arg(long, short = 'q', value_name = "FILE|ID", global = true)]
    pub questionnaire: Option<String>,

    /// Open an existing decision record to revise it.
    #[arg(long, value_name = "RECORD")]
    pub resume: Option<PathBuf>,

    /// Colour theme: dark, light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME", value_parser = ThemeName, hide_possible_values = true)]
    pub theme: Option<String>,

    /// Ask line by line instead of full screen (pipes, screen readers, plain terminals).
    #[arg(long)]
    pub plain: bool,

    /// Answers file to start from (line mode asks only the rest).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Line mode: the record's title (asked when left out and a terminal is there).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Line mode: where to write the record (asked when left out; standard output without a terminal).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the full-screen wizard (the default).
    Wizard,
    /// Print the verdict for a set of answers, with reasons and what would change it.
    Classify(ClassifyArgs),
    /// Create and check decision records.
    #[command(subcommand)]
    Record(RecordCommand),
    /// List, show and check questionnaires.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Compare two decision records question by question; exit 1 when their verdicts differ.
    Diff {
        /// Side A's record.
        a: PathBuf,
        /// Side B's record.
        b: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Reconcile two records in a full-screen pair review and export one agreed record.
    Review {
        /// Side A's record.
        a: PathBuf,
        /// Side B's record.
        b: PathBuf,
    },
    /// Architecture decision records (ADRs) from decision records, for adr-tools and MADR folders.
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Well-Architected custom lenses: export a questionnaire as a lens, import a lens as a
    /// questionnaire (any lens also runs directly: `--questionnaire LENS.json`).
    #[command(subcommand)]
    Lens(LensCommand),
    /// Systems of parts: open the system screen on FILE, or create, check and map system files.
    System(SystemArgs),
    /// Unfinished sessions (autosaved after every change): list, resume or discard them.
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Print the man page (roff), e.g. `syskind man > /usr/local/share/man/man1/syskind.1`; with --dir,
    /// write it and one page per command (syskind-classify.1, …) into DIR.
    Man {
        /// Write every page into this folder instead of printing the main one.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Output formats for machine and human readers.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// For people.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
    /// TOML.
    Toml,
}

/// `syskind classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Answers file (TOML; see questionnaires/examples/).
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// One answer, QUESTION=VALUE; repeatable; applied after --answers.
    #[arg(long = "set", short = 's', value_name = "QUESTION=VALUE")]
    pub set: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `syskind record …`.
#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// Write a decision record from an answers file.
    New(RecordNewArgs),
    /// Print records' revision history (who changed which answers, the verdict before → after).
    Log {
        /// Record files, or folders to search for `.toml` records.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Validate records and re-derive each verdict (exit 1 when one no longer matches).
    Check {
        /// Record files, or folders to search for `.toml` records.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also exit 1 when a record's risk review has findings at this level or above (a CI guard,
        /// like the Well-Architected Tool's high-risk count).
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<RiskLevel>,
    },
    /// Re-derive records under the newest built-in questionnaire and show what changes (class,
    /// confidence, findings); with --write, rewrite them with a revision entry.
    Upgrade {
        /// Record files, or folders to search for `.toml` records.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Rewrite each record that changes (otherwise only show the changes).
        #[arg(long)]
        write: bool,
        /// Who upgrades, for the revision entry (default: $USER).
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },
}

/// A finding's risk level, for `--fail-on`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RiskLevel {
    /// Only high-risk findings.
    High,
    /// Medium and high.
    Medium,
    /// Any finding.
    Low,
}

/// `syskind record new`.
#[derive(Debug, Args)]
pub struct RecordNewArgs {
    /// Answers file.
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: PathBuf,

    /// Title of the decision.
    #[arg(long, short = 't')]
    pub title: String,

    /// Where to write the record (default: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite an existing output file.
    #[arg(long)]
    pub force: bool,

    /// Status: proposed, accepted, rejected, deprecated, superseded.
    #[arg(long, default_value = "proposed")]
    pub status: String,

    /// A person who decided; repeatable.
    #[arg(long = "decider", value_name = "NAME")]
    pub deciders: Vec<String>,

    /// Context of the decision.
    #[arg(long, default_value = "")]
    pub context: String,

    /// Date (YYYY-MM-DD); today when left out.
    #[arg(long)]
    pub date: Option<String>,
}

/// `syskind questionnaire …`.
#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// List the built-in questionnaires.
    List,
    /// Show a questionnaire's questions, choices and ids.
    Show {
        /// Built-in id or file; the default questionnaire when left out.
        id: Option<String>,
    },
    /// Check questionnaire files and report every problem with file, line and column.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// `syskind lens …`.
#[derive(Debug, Clone, Subcommand)]
pub enum LensCommand {
    /// Write a questionnaire as a Well-Architected custom lens (JSON, schema 2021-11-01); what a lens
    /// cannot carry is listed on standard error.
    Export {
        /// Built-in id or questionnaire file; the default questionnaire when left out.
        questionnaire: Option<String>,
        /// The lens file to write (`-` for standard output).
        #[arg(short, long, value_name = "FILE.json")]
        output: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Write a Well-Architected custom lens as a questionnaire file whose verdict is the risk review.
    Import {
        /// The lens (JSON).
        lens: PathBuf,
        /// The questionnaire file to write (`-` for standard output).
        #[arg(short, long, value_name = "QUESTIONNAIRE.toml")]
        output: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// ADR layouts on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum AdrFormatArg {
    /// adr-tools (Michael Nygard's layout).
    #[default]
    Nygard,
    /// MADR 4, with YAML front matter.
    Madr,
    /// MADR 2's bullets (`* Status:`, `* Deciders:`, `* Date:`), read by log4brains and pyadr.
    Madr2,
}

/// `syskind adr …`.
#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// Write an ADR from a decision record, numbered after the folder's highest ADR.
    New(AdrNewArgs),
    /// Create an ADR folder (doc/adr by default; another folder is named in .adr-dir, as adr-tools does).
    Init {
        /// The folder, relative to the current one.
        dir: Option<PathBuf>,
    },
    /// Rewrite the generated parts of ADR NUMBER from its revised record, keeping its number, links,
    /// status history and any text written by hand outside the generated parts.
    Update {
        /// The ADR's number.
        number: u32,
        /// The decision record.
        #[arg(long, value_name = "RECORD")]
        from: PathBuf,
        /// ADR folder (default: found via .adr-dir, doc/adr, docs/adr or docs/decisions).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The record is stale: write from the answers as they are now (and re-derive the record).
        #[arg(long)]
        rederive: bool,
    },
}

/// `syskind adr new`.
#[derive(Debug, Args)]
pub struct AdrNewArgs {
    /// The decision record (TOML) to write up.
    #[arg(long, value_name = "RECORD", required_unless_present = "from_system", conflicts_with = "from_system")]
    pub from: Option<PathBuf>,

    /// A system file: one ADR with the parts table, the system findings and the map (Mermaid).
    #[arg(long, value_name = "SYSTEM")]
    pub from_system: Option<PathBuf>,

    /// Layout: nygard (adr-tools), madr (MADR 4) or madr2 (log4brains, pyadr). Default: the layout the
    /// folder's ADRs already use (nygard for an empty folder).
    #[arg(long, value_enum)]
    pub format: Option<AdrFormatArg>,

    /// Write a layout other than the folder's (a mixed folder breaks the other layout's tools).
    #[arg(long)]
    pub force: bool,

    /// The record is stale (its answers now give another verdict): write the ADR from the answers as
    /// they are now, and re-derive the record too (with a revision entry).
    #[arg(long)]
    pub rederive: bool,

    /// ADR folder (default: found via .adr-dir, doc/adr, docs/adr or docs/decisions).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Number of an ADR this one supersedes; repeatable.
    #[arg(long = "supersedes", value_name = "N")]
    pub supersedes: Vec<u32>,

    /// A link, "N:Link:Reverse link" (e.g. "3:Amends:Amended by"); repeatable.
    #[arg(long = "link", value_name = "N:LINK:REVERSE")]
    pub links: Vec<String>,

    /// A minijinja template to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

/// `syskind sessions …`.
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List unfinished sessions, newest first.
    List,
    /// Continue a session (wizard, or line mode without a full-screen terminal).
    Resume {
        /// Session id (or the start of it).
        id: String,
    },
    /// Delete a session.
    Discard {
        /// Session id (or the start of it).
        id: String,
    },
}

/// `syskind system [FILE] | system new|check|map …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SystemArgs {
    /// What to do with system files; without one, FILE opens in the system screen.
    #[command(subcommand)]
    pub command: Option<SystemCommand>,
    /// The system file to open (its parts, their kinds, the calls and the findings).
    pub file: Option<PathBuf>,
    /// Line by line instead of full screen: list parts and findings, then walk the parts in turn.
    #[arg(long)]
    pub plain: bool,
}

/// `syskind system …`.
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Write a new system file (a template with one part to fill in).
    New {
        /// Where to write it.
        file: PathBuf,
        /// The system's title.
        #[arg(long, short = 't', default_value = "My system")]
        title: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Check a system's parts and the calls between them; exit 1 on findings at or above --fail-on.
    Check {
        /// The system file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Lowest risk level that fails the check.
        #[arg(long, value_enum, value_name = "LEVEL", default_value = "high")]
        fail_on: RiskLevel,
    },
    /// Draw the system map: parts by kind, calls by mode, offending calls marked.
    Map {
        /// The system file.
        file: PathBuf,
        /// Map format.
        #[arg(long, value_enum, default_value_t)]
        format: MapFormat,
    },
}

/// Formats of `system map`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum MapFormat {
    /// A Mermaid flowchart (GitHub and GitLab draw it in Markdown).
    #[default]
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// Plain text.
    Text,
}

/// `--theme`: any name or path is taken (a theme file is a path), but shell completion offers the
/// built-in themes' names rather than files.
#[derive(Debug, Clone, Copy)]
pub struct ThemeName;

impl clap::builder::TypedValueParser for ThemeName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(["dark", "light", "high-contrast"].into_iter().map(clap::builder::PossibleValue::new)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_mean_what_clap_makes_of_none() {
        assert_eq!(format!("{:?}", Cli::bare()), format!("{:?}", Cli::parse_from(["syskind"])));
    }
}
