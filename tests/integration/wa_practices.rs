//! Citations cannot drift: every practice id and framework URL in the shipped questionnaires, every
//! finding's `wa_risk`, and the code's own table (`src/core/wa.rs`) agree with `docs/wa-practices.md`.

use std::collections::BTreeMap;

use syskind::core::questionnaire::{Risk, load};
use syskind::core::wa::{PRACTICES, WaLevel, url};

/// (title, level, page) by id, read from the docs table.
fn docs_table() -> BTreeMap<String, (String, String, String)> {
    let doc = std::fs::read_to_string("docs/wa-practices.md").unwrap();
    doc.lines()
        .filter(|l| l.starts_with("| REL"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), (cells[1].to_string(), cells[2].to_string(), cells[3].to_string()))
        })
        .collect()
}

fn level_word(r: Risk) -> &'static str {
    match r {
        Risk::High => "High",
        Risk::Medium => "Medium",
        Risk::Low => "Low",
    }
}

const FRAMEWORK: &str = "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel";

/// The practice id a framework page URL is for: `…/framework/rel05-bp04.html` → `REL05-BP04`.
fn id_of(u: &str) -> Option<String> {
    let rest = u.strip_prefix(FRAMEWORK)?.strip_suffix(".html")?;
    Some(format!("REL{}", rest.to_uppercase()))
}

#[test]
fn the_code_table_is_the_docs_table() {
    let docs = docs_table();
    assert_eq!(docs.len(), PRACTICES.len(), "one row per practice: {:?}", docs.keys());
    for p in PRACTICES {
        let (title, level, page) = docs.get(p.id).unwrap_or_else(|| panic!("{} is not in docs/wa-practices.md", p.id));
        assert_eq!(title, p.title, "{}", p.id);
        assert_eq!(level, p.level.name(), "{}", p.id);
        assert_eq!(page, &url(p.id), "{}", p.id);
    }
}

#[test]
fn every_citation_in_the_shipped_questionnaires_is_in_the_table() {
    let docs = docs_table();
    let mut checked = 0;
    for path in ["questionnaires/system-kind.toml"] {
        let text = std::fs::read_to_string(path).unwrap();
        let (q, _) = load(path, &text).unwrap_or_else(|r| panic!("{}", r.short()));
        let mut links: Vec<(String, Option<String>, String)> = Vec::new(); // (where, id, url)
        for c in &q.classes {
            for p in &c.practices {
                for u in [&p.source, &p.see_also].into_iter().flatten() {
                    links.push((format!("practice {} of {}", p.id, c.id), Some(p.id.to_string()), u.to_string()));
                }
                if p.id.starts_with("REL") {
                    assert!(docs.contains_key(&*p.id), "{path}: practice {} is not in the table", p.id);
                    assert_eq!(p.source.as_deref(), Some(url(&p.id).as_str()), "{path}: practice {}'s source", p.id);
                }
            }
        }
        for f in &q.findings {
            assert!(docs.contains_key(&*f.practice), "{path}: finding {} cites {}", f.id, f.practice);
            assert_eq!(f.source.as_deref(), Some(url(&f.practice).as_str()), "{path}: finding {}'s source", f.id);
            let wa = f.wa_risk.unwrap_or_else(|| panic!("{path}: finding {} has no wa_risk", f.id));
            assert_eq!(level_word(wa), docs[&*f.practice].1, "{path}: finding {}'s wa_risk", f.id);
            if f.risk != wa {
                // A finding rated otherwise says so in its own text.
                assert!(
                    f.text.contains("syskind rates this") && f.text.contains(&*f.practice),
                    "{path}: finding {} is {:?} against WA's {:?} without saying why",
                    f.id,
                    f.risk,
                    wa
                );
            }
            checked += 1;
        }
        for question in &q.questions {
            if let Some(u) = &question.source {
                links.push((format!("question {}", question.id), None, u.to_string()));
            }
        }
        for r in &q.rules {
            if let Some(u) = &r.source {
                links.push((format!("rule {}", r.id), None, u.to_string()));
            }
        }
        // Every framework page cited anywhere is a practice in the table.
        for (at, _, u) in &links {
            if let Some(id) = id_of(u) {
                assert!(docs.contains_key(&id), "{path}: {at} links {u}, not in the table");
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "the test read the citations ({checked})");
}

/// The pairings issue 24 found wrong, each pinned.
#[test]
fn the_corrected_citations_hold() {
    let text = std::fs::read_to_string("questionnaires/system-kind.toml").unwrap();
    let (q, _) = load("q", &text).unwrap();
    let finding = |id: &str| q.findings.iter().find(|f| f.id == id).unwrap();
    assert_eq!(finding("hard_work_behind_decoupled_queue").practice, "REL05-BP04");
    for (id, risk) in [
        ("default_timeouts", Risk::High),
        ("dependencies_no_degradation", Risk::High),
        ("unbounded_backlog", Risk::High),
        ("request_path_not_required", Risk::High),
    ] {
        assert_eq!(finding(id).risk, risk, "{id}");
    }
    assert_eq!(finding("retried_not_idempotent").wa_risk, Some(WaLevel::Medium.risk()));
    let all: Vec<_> = q.classes.iter().flat_map(|c| &c.practices).collect();
    assert!(all.iter().all(|p| p.id != "STATIC-STABILITY"), "static stability is REL11-BP05");
    assert!(all.iter().any(|p| p.id == "REL11-BP05"));
    for p in all.iter().filter(|p| p.id == "REL05-BP03") {
        assert!(!p.title.to_lowercase().contains("dead-letter"), "DLQs belong to REL05-BP04: {}", p.title);
    }
    let hard = &q.classes[q.class_index("hard_real_time").unwrap()];
    assert_eq!(hard.full_label(), "Hard real-time (synchronous)");
}
