//! Decision records: round trip, byte-stable re-writes, and refusals with clear messages.

use syskind::core::answers::{Answers, Value};
use syskind::core::questionnaire::default_questionnaire;
use syskind::core::record::{Link, Meta, Record, Status, check_record, parse_record, record_answers};

fn sample() -> (syskind::core::questionnaire::Questionnaire, Answers, Record) {
    let q = default_questionnaire();
    let mut a = Answers::empty(&q);
    for (id, text) in [
        ("caller", "person_sync"),
        ("response_window", "800ms"),
        ("volume", "1200"),
        ("interaction", "Checkout \"v2\"\nsecond line"),
    ] {
        let i = q.question_index(id).unwrap();
        a.values[i] = Some(Value::parse(&q.questions[i], text).unwrap());
    }
    a.notes[q.question_index("caller").unwrap()] = "measured at p99".into();
    let meta = Meta {
        title: "Checkout is request/reply".into(),
        date: "2026-11-26".into(),
        status: Status::Accepted,
        deciders: vec!["Ana".into(), "Bo".into()],
        context: "We are splitting the monolith.\nThe checkout goes first.".into(),
        links: vec![Link { kind: "relates_to".into(), target: "0001-record.toml".into(), title: String::new() }],
        ..Meta::default()
    };
    let r = Record::new(&q, &a, meta);
    (q, a, r)
}

#[test]
fn write_read_write_is_byte_identical() {
    let (q, a, r) = sample();
    let text = r.to_toml();
    let back = parse_record("r.toml", &text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.to_toml(), text);
    let answers = record_answers("r.toml", &text, &back, &q).unwrap();
    assert_eq!(answers, a);
    assert!(check_record(&back, &answers, &q).problems.is_empty());
}

#[test]
fn record_holds_every_documented_field() {
    let (q, _, r) = sample();
    let text = r.to_toml();
    for key in [
        "schema = 1",
        "id = \"2026-11-26-checkout-is-request-reply\"",
        "status = \"accepted\"",
        "deciders = [",
        "[questionnaire]",
        "digest = \"sha256:",
        "[answers]",
        "[notes]",
        "[verdict]",
        "class = \"hard_real_time\"",
        "[[verdict.reasons]]",
        "[[practices]]",
        "[[links]]",
    ] {
        assert!(text.contains(key), "missing {key} in\n{text}");
    }
    assert_eq!(r.practices.len(), q.classes[2].practices.len());
}

#[test]
fn a_newer_schema_is_refused() {
    let (_, _, r) = sample();
    let text = r.to_toml().replace("schema = 1", "schema = 9\nfuture_key = 1");
    let e = parse_record("r.toml", &text).unwrap_err();
    assert!(e.short().contains("r.toml:3:10: error: record schema 9 is newer"), "{}", e.short());
}

#[test]
fn a_question_the_questionnaire_lacks_is_refused() {
    let (q, _, r) = sample();
    let text = r.to_toml().replace("caller = \"person_sync\"", "callr = \"person_sync\"");
    let rec = parse_record("r.toml", &text).unwrap();
    let e = record_answers("r.toml", &text, &rec, &q).unwrap_err();
    let short = e.short();
    assert!(short.contains("error: unknown question `callr`"), "{short}");
    assert!(e.diagnostics[0].help.as_ref().unwrap().contains("did you mean `caller`?"));
}

#[test]
fn an_edited_answer_is_caught_by_check() {
    let (q, _, r) = sample();
    let text = r.to_toml().replace("caller = \"person_sync\"", "caller = \"schedule\"");
    let rec = parse_record("r.toml", &text).unwrap();
    let answers = record_answers("r.toml", &text, &rec, &q).unwrap();
    let drift = check_record(&rec, &answers, &q);
    assert!(drift.problems[0].contains("stored verdict is `hard_real_time`"), "{:?}", drift.problems);
}

#[test]
fn bad_dates_and_unknown_keys_are_refused() {
    let (_, _, r) = sample();
    let e = parse_record("r.toml", &r.to_toml().replace("2026-11-26\"", "26/11/2026\"")).unwrap_err();
    assert!(e.short().contains("is not a date"), "{}", e.short());
    let e = parse_record("r.toml", &r.to_toml().replace("status = ", "stat = ")).unwrap_err();
    assert!(e.short().contains("unknown field `stat`"), "{}", e.short());
}
