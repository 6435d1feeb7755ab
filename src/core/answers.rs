//! Answers to a questionnaire: typed values indexed by question, plus a note per answer.
//!
//! Values cross files as TOML (`caller = "person_sync"`, `window = "250ms"`, `can_batch = false`) and
//! the command line as text (`--set window=250ms`); both are checked against the question's kind.

use crate::core::duration::Duration;
use crate::core::questionnaire::{Kind, Question, Questionnaire};

/// One typed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A single choice (index).
    Choice(usize),
    /// Several choices, as a bit set over choice indices (questions have at most 64 choices).
    Choices(u64),
    /// Yes or no.
    Bool(bool),
    /// A duration.
    Duration(Duration),
    /// A number.
    Number(f64),
    /// Free text.
    Text(String),
}

/// Answers and notes for one questionnaire, indexed like its questions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answers {
    /// `values[i]` answers question `i`.
    pub values: Vec<Option<Value>>,
    /// `notes[i]` is the note on question `i` (empty when none).
    pub notes: Vec<String>,
}

impl Answers {
    /// No answers yet.
    pub fn empty(q: &Questionnaire) -> Self {
        Answers { values: vec![None; q.questions.len()], notes: vec![String::new(); q.questions.len()] }
    }

    /// Number of answered questions (visible or not).
    pub fn count(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }
}

/// Why an answer is refused: the question's id, what was given, and what it takes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnswerError {
    /// A multiple-choice answer that is not a list of strings.
    #[error("`{question}` takes a list of choice ids (strings)")]
    NotAChoiceList {
        /// Question id.
        question: String,
    },
    /// A choice id the question does not have.
    #[error("`{given}` is not a choice of `{question}`; {hint}choose one of: {}", choices.join(", "))]
    UnknownChoice {
        /// Question id.
        question: String,
        /// The id given.
        given: String,
        /// "did you mean …? " or nothing.
        hint: String,
        /// The question's choice ids.
        choices: Vec<String>,
    },
    /// Not yes or no.
    #[error("`{question}` takes yes or no, not `{given}`")]
    NotYesNo {
        /// Question id.
        question: String,
        /// What was given.
        given: String,
    },
    /// A duration that does not parse.
    #[error("`{question}`: {reason}")]
    BadDuration {
        /// Question id.
        question: String,
        /// Why it does not parse.
        reason: String,
    },
    /// Not a number.
    #[error("`{question}` takes a number (e.g. 4000, 4,000, 4_000 or 4k), not `{given}`")]
    NotANumber {
        /// Question id.
        question: String,
        /// What was given.
        given: String,
    },
    /// A number below the question's `min`.
    #[error("`{question}` takes {min} or more, not `{given}`")]
    BelowMin {
        /// Question id.
        question: String,
        /// The least it takes.
        min: f64,
        /// What was given.
        given: String,
    },
    /// A fraction where a count is asked.
    #[error("`{question}` takes a whole number (a count), not `{given}`")]
    NotWhole {
        /// Question id.
        question: String,
        /// What was given.
        given: String,
    },
    /// A stored value of the wrong TOML type for the question.
    #[error("`{question}` is a {kind} question; {expected}")]
    WrongType {
        /// Question id.
        question: String,
        /// The question's kind.
        kind: &'static str,
        /// What to write instead.
        expected: &'static str,
    },
}

impl Value {
    /// Reads a value from TOML as stored in answers files and records.
    pub fn from_toml(q: &Question, v: &toml::Value) -> Result<Value, AnswerError> {
        match (q.kind, v) {
            (Kind::Single, toml::Value::String(s)) => choice(q, s).map(Value::Choice),
            (Kind::Multiple, toml::Value::Array(items)) => {
                let mut mask = 0u64;
                for item in items {
                    let s = item.as_str().ok_or_else(|| AnswerError::NotAChoiceList { question: q.id.to_string() })?;
                    mask |= 1 << choice(q, s)?;
                }
                Ok(Value::Choices(mask))
            }
            (Kind::Multiple, toml::Value::String(s)) => Value::parse(q, s),
            (Kind::YesNo, toml::Value::Boolean(b)) => Ok(Value::Bool(*b)),
            (Kind::Number, toml::Value::Integer(n)) => number_in_range(q, *n as f64, &n.to_string()),
            (Kind::Number, toml::Value::Float(n)) if n.is_finite() => number_in_range(q, *n, &n.to_string()),
            (Kind::Text, toml::Value::String(s)) => Ok(Value::Text(s.clone())),
            (_, toml::Value::String(s)) => Value::parse(q, s),
            _ => Err(AnswerError::WrongType { question: q.id.to_string(), kind: q.kind.name(), expected: expected(q) }),
        }
    }

    /// Parses a value typed as text (`--set`, prompts): choice ids, `yes`/`no`, `250ms`, `42`.
    pub fn parse(q: &Question, text: &str) -> Result<Value, AnswerError> {
        let t = text.trim();
        match q.kind {
            Kind::Single => choice(q, t).map(Value::Choice),
            Kind::Multiple => {
                let mut mask = 0u64;
                for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    mask |= 1 << choice(q, part)?;
                }
                Ok(Value::Choices(mask))
            }
            Kind::YesNo => match t.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" => Ok(Value::Bool(true)),
                "no" | "n" | "false" => Ok(Value::Bool(false)),
                _ => Err(AnswerError::NotYesNo { question: q.id.to_string(), given: t.to_string() }),
            },
            Kind::Duration => Duration::parse(t)
                .map(Value::Duration)
                .map_err(|e| AnswerError::BadDuration { question: q.id.to_string(), reason: e.to_string() }),
            Kind::Number => match parse_number(t) {
                Some(n) => number_in_range(q, n, t),
                None => Err(AnswerError::NotANumber { question: q.id.to_string(), given: t.to_string() }),
            },
            Kind::Text => Ok(Value::Text(t.to_string())),
        }
    }

    /// The TOML form written to records; reading it back with [`Value::from_toml`] gives the same value.
    pub fn to_toml(&self, q: &Question) -> toml::Value {
        match self {
            Value::Choice(i) => toml::Value::String(q.choices[*i].id.to_string()),
            Value::Choices(mask) => toml::Value::Array(
                chosen(*mask, q.choices.len()).map(|i| toml::Value::String(q.choices[i].id.to_string())).collect(),
            ),
            Value::Bool(b) => toml::Value::Boolean(*b),
            Value::Duration(d) => toml::Value::String(d.to_string()),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => toml::Value::Integer(*n as i64),
            Value::Number(n) => toml::Value::Float(*n),
            Value::Text(s) => toml::Value::String(s.clone()),
        }
    }

    /// Text for people: choice labels, `yes`, `250ms`.
    pub fn display(&self, q: &Question) -> String {
        match self {
            Value::Choice(i) => q.choices[*i].label.to_string(),
            Value::Choices(mask) => {
                let labels: Vec<&str> = chosen(*mask, q.choices.len()).map(|i| q.choices[i].label.as_ref()).collect();
                if labels.is_empty() { "none".into() } else { labels.join(", ") }
            }
            Value::Bool(true) => "yes".into(),
            Value::Bool(false) => "no".into(),
            Value::Duration(d) => d.to_string(),
            Value::Number(n) => match &q.unit {
                Some(u) if *n == 1.0 => format!("{n} {}", singular(u)),
                Some(u) => format!("{n} {u}"),
                None => n.to_string(),
            },
            Value::Text(s) => s.clone(),
        }
    }
}

/// A number as people type it: `4000`, `4,000`, `4_000`, `4k`, `1.5M`, `2.5`.
pub fn parse_number(t: &str) -> Option<f64> {
    let t = t.trim();
    let (digits, scale) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1e3),
        Some((i, 'm' | 'M')) => (&t[..i], 1e6),
        _ => (t, 1.0),
    };
    // Separators only between digits, and commas only in groups of three (so `4,5` is not 45).
    let ok_commas = !digits.contains(',')
        || digits.split('.').next().is_some_and(|int| {
            let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
            groups.len() > 1
                && !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3)
        });
    if !ok_commas || digits.starts_with(['_', ',']) || digits.ends_with(['_', ',']) || digits.contains("__") {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_' && *c != ',').collect();
    let n = clean.parse::<f64>().ok()? * scale;
    n.is_finite().then_some(n)
}

/// Checks a number against the question's bounds (`min`, `whole`).
fn number_in_range(q: &Question, n: f64, shown: &str) -> Result<Value, AnswerError> {
    if let Some(min) = q.min
        && n < min
    {
        return Err(AnswerError::BelowMin { question: q.id.to_string(), min, given: shown.to_string() });
    }
    if q.whole && n.fract() != 0.0 {
        return Err(AnswerError::NotWhole { question: q.id.to_string(), given: shown.to_string() });
    }
    Ok(Value::Number(n))
}

/// The singular of a plain English unit (`dependencies` → `dependency`); compound units such as
/// `requests/s` are left alone.
fn singular(unit: &str) -> String {
    if unit.contains(|c: char| !c.is_alphabetic()) {
        unit.to_string()
    } else if let Some(stem) = unit.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = unit.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_string()
    } else {
        unit.to_string()
    }
}

/// Indices set in a choice bit set, ascending.
pub fn chosen(mask: u64, n: usize) -> impl Iterator<Item = usize> {
    (0..n.min(64)).filter(move |i| mask & (1 << i) != 0)
}

fn choice(q: &Question, id: &str) -> Result<usize, AnswerError> {
    q.choice_index(id).ok_or_else(|| {
        let choices: Vec<String> = q.choices.iter().map(|c| c.id.to_string()).collect();
        AnswerError::UnknownChoice {
            question: q.id.to_string(),
            given: id.to_string(),
            hint: crate::core::suggest::did_you_mean(id, &choices),
            choices,
        }
    })
}

fn expected(q: &Question) -> &'static str {
    match q.kind {
        Kind::Single => "write one choice id as a string",
        Kind::Multiple => "write a list of choice ids, e.g. [\"a\", \"b\"]",
        Kind::YesNo => "write true or false",
        Kind::Duration => "write a duration string such as \"250ms\" or \"5m\"",
        Kind::Number => "write a number",
        Kind::Text => "write a string",
    }
}
