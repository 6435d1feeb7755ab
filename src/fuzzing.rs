//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and their proptest smoke versions
//! (`tests/integration/fuzz_smoke.rs`): each takes arbitrary bytes and must never panic, whatever they hold.

use crate::core::answers::{Answers, Value};
use crate::core::answers_file::parse_answers;
use crate::core::duration::Duration;
use crate::core::engine::classify;
use crate::core::questionnaire::{Kind, default_questionnaire, load};
use crate::core::record::{check_record, parse_record, record_answers};

/// The built-in questionnaire, loaded once (loading it per input would dominate the fuzzing time).
fn builtin() -> &'static crate::core::questionnaire::Questionnaire {
    static Q: std::sync::OnceLock<crate::core::questionnaire::Questionnaire> = std::sync::OnceLock::new();
    Q.get_or_init(default_questionnaire)
}

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Questionnaire loading and validation; a questionnaire that loads is classified and its report drawn.
pub fn questionnaire(data: &[u8]) {
    let t = text(data);
    match load("fuzz.toml", &t) {
        Ok((q, warnings)) => {
            let _ = warnings.render(false);
            let _ = classify(&q, &Answers::empty(&q));
        }
        Err(report) => {
            let _ = report.render(false);
        }
    }
}

/// Record loading, its answers against the built-in questionnaire, and the re-derivation check.
pub fn record(data: &[u8]) {
    let t = text(data);
    let q = builtin();
    match parse_record("fuzz.toml", &t) {
        Ok(r) => match record_answers("fuzz.toml", &t, &r, q) {
            Ok(a) => {
                let _ = check_record(&r, &a, q);
                let _ = r.to_toml();
            }
            Err(report) => {
                let _ = report.render(false);
            }
        },
        Err(report) => {
            let _ = report.render(false);
        }
    }
}

/// Answers files against the built-in questionnaire.
pub fn answers(data: &[u8]) {
    let q = builtin();
    match parse_answers("fuzz.toml", &text(data), q) {
        Ok(a) => {
            let _ = classify(q, &a);
        }
        Err(report) => {
            let _ = report.render(false);
        }
    }
}

/// Duration parsing; a parsed duration prints and parses back to itself.
pub fn duration(data: &[u8]) {
    if let Ok(d) = Duration::parse(&text(data)) {
        let back = Duration::parse(&d.to_string());
        assert_eq!(back, Ok(d), "{d} does not parse back");
    }
}

/// The engine on arbitrary answers to the built-in questionnaire: each byte picks one question's answer.
pub fn engine(data: &[u8]) {
    let q = builtin();
    let mut a = Answers::empty(q);
    for (i, question) in q.questions.iter().enumerate() {
        let Some(&b) = data.get(i) else { break };
        let n = question.choices.len().max(1);
        a.values[i] = match (b % 4, question.kind) {
            (0, _) => None,
            (_, Kind::Single) => Some(Value::Choice(b as usize % n)),
            (_, Kind::Multiple) => Some(Value::Choices(u64::from(b) & ((1u64 << n) - 1))),
            (_, Kind::YesNo) => Some(Value::Bool(b & 1 == 1)),
            (_, Kind::Duration) => Some(Value::Duration(Duration(u64::from(b).pow(4)))),
            (_, Kind::Number) => Some(Value::Number(f64::from(b) - 10.0)),
            (_, Kind::Text) => Some(Value::Text(text(&data[i..]))),
        };
    }
    let v = classify(q, &a);
    assert!((0.0..=1.0).contains(&v.confidence));
}

/// A system file: parsed, resolved with a record reader that serves one fixed record for any path
/// (so record parts are exercised without files), checked, and drawn in every map format.
pub fn system(data: &[u8]) {
    use crate::core::system::{check, load, map};
    let t = text(data);
    // Read in pieces (every header a cut), it must read exactly as a whole parse does.
    if let Some(pieces) = crate::core::system::chunked::parse_in(&t, 0, 0) {
        let whole: crate::core::system::raw::RawSystemFile =
            toml::from_str(&t).expect("pieces read a file a whole parse refuses");
        assert_eq!(format!("{pieces:?}"), format!("{whole:?}"), "pieces and whole differ");
    }
    let raw = match load::parse_system("fuzz.toml", &t) {
        Ok(raw) => raw,
        Err(report) => {
            let _ = report.render(false);
            return;
        }
    };
    let read = |_: &str| -> Result<String, crate::core::system::load::Unavailable> { Ok(SYSTEM_RECORD.to_string()) };
    let choose = |_: Option<&str>, _: Option<&crate::core::record::QuestionnaireRef>| Ok(builtin().clone());
    match load::resolve("fuzz.toml", &t, raw, &read, &choose) {
        Ok(s) => {
            let findings = check(&s);
            let m = map::mermaid(&s, &findings);
            let _ = map::mermaid_limits(&s, &m);
            let _ = map::dot(&s, &findings);
            let _ = map::text(&s, &findings);
        }
        Err(report) => {
            let _ = report.render(false);
        }
    }
}

/// The record every record part of a fuzzed system reads.
const SYSTEM_RECORD: &str = include_str!("../questionnaires/examples/systems/decisions/0005-nightly-billing.toml");

/// A session file: parsed as the sessions folder reads it, checked, listed and restored against the
/// built-in questionnaire.
pub fn session(data: &[u8]) {
    use crate::store::session::SessionFile;
    let Ok(s) = toml::from_str::<SessionFile>(&text(data)) else { return };
    let _ = s.problem();
    let _ = s.last_change();
    let _ = s.about();
    let _ = s.answered();
    let _ = s.restore(builtin());
}

/// A Well-Architected custom lens: read and checked, imported, the questionnaire it makes loaded
/// and classified; a questionnaire that loads is exported back as a lens.
pub fn lens(data: &[u8]) {
    let t = text(data);
    match crate::core::lens::import("fuzz.json", &t) {
        Ok(toml) => match load("fuzz.toml", &toml) {
            Ok((q, _)) => {
                let v = classify(&q, &Answers::empty(&q));
                let _ = crate::core::lens::question_counts(&q, &v);
                let _ = crate::core::lens::export(&q);
            }
            Err(report) => {
                let _ = report.render(false);
            }
        },
        Err(report) => {
            let _ = report.render(false);
        }
    }
}
