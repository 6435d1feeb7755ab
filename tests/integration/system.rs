//! Systems of parts: the web shop example checked and mapped, the file's diagnostics, the checks'
//! independence from the order of parts and calls, and the Mermaid map parsed by Mermaid itself.

use std::fs;
use std::path::Path;
use std::process::Command as Proc;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;

use syskind::core::system::{self, Call, Mode, System};
use syskind::store::system::load;

const WEBSHOP: &str = "questionnaires/examples/systems/webshop.toml";

fn syskind() -> Command {
    let mut c = Command::cargo_bin("syskind").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn the_web_shop_check_names_the_hard_to_soft_synchronous_call() {
    syskind()
        .args(["system", "check", WEBSHOP])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("HIGH   REL04-BP02 [sync_call_into_less_stringent] `checkout_accept` (Hard real-time) waits synchronously on `confirmation_email` (Soft real-time)"))
        .stdout(predicate::str::contains("call: checkout_accept → confirmation_email (sync)"))
        .stderr(predicate::str::contains("1 finding(s) at or above high"));
    let l = load(None, Path::new(WEBSHOP)).unwrap();
    let kinds: Vec<(&str, &str)> = l.system.parts.iter().map(|p| (p.id.as_str(), p.verdict.class.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("product_page", "hard_real_time"),
            ("checkout_accept", "hard_real_time"),
            ("order_processing", "soft_real_time"),
            ("confirmation_email", "soft_real_time"),
            ("nightly_billing", "offline"),
        ]
    );
    let findings = system::check(&l.system);
    assert_eq!(findings.len(), 1, "only the deliberate mistake: {findings:#?}");
    assert_eq!(findings[0].parts, ["checkout_accept", "confirmation_email"]);
}

#[test]
fn json_check_and_the_fail_on_threshold() {
    let out = syskind().args(["system", "check", "--format", "json", WEBSHOP]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["parts"].as_array().unwrap().len(), 5);
    assert_eq!(v["parts"][4]["record"], "decisions/0005-nightly-billing.toml");
    assert_eq!(v["findings"][0]["risk"], "high");
    assert_eq!(v["findings"][0]["calls"][0], "checkout_accept → confirmation_email (sync)");
    // Fixed by making the e-mail asynchronous, the system checks clean.
    let dir = tempfile::tempdir().unwrap();
    copy_webshop(dir.path());
    let file = dir.path().join("webshop.toml");
    let text = fs::read_to_string(&file).unwrap().replace("mode = \"sync\"\ntimeout = \"5s\"", "mode = \"async\"");
    fs::write(&file, text).unwrap();
    syskind().args(["system", "check"]).arg(&file).assert().success().stdout(predicate::str::contains("No findings"));
}

fn copy_webshop(to: &Path) {
    fs::create_dir_all(to.join("decisions")).unwrap();
    fs::copy(WEBSHOP, to.join("webshop.toml")).unwrap();
    fs::copy(
        "questionnaires/examples/systems/decisions/0005-nightly-billing.toml",
        to.join("decisions/0005-nightly-billing.toml"),
    )
    .unwrap();
}

#[test]
fn the_maps_in_three_formats() {
    let mermaid = syskind().args(["system", "map", WEBSHOP]).output().unwrap();
    assert!(mermaid.status.success());
    let text = String::from_utf8(mermaid.stdout).unwrap();
    insta::assert_snapshot!("webshop_mermaid", text);
    let dot = syskind().args(["system", "map", "--format", "dot", WEBSHOP]).output().unwrap();
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("digraph \"webshop\" {") && dot.contains("p_checkout_accept -> p_confirmation_email [label=\"! sync\", style=solid, color=\"#d92d20\", penwidth=3];"), "{dot}");
    syskind()
        .args(["system", "map", "--format", "text", WEBSHOP])
        .assert()
        .success()
        .stdout(predicate::str::contains(" ! checkout_accept ──sync──▶ confirmation_email, timeout 5s"));
}

/// Mermaid's own parser, installed by .ci/run into target/interop; required under CI.
#[test]
fn the_mermaid_map_parses_with_mermaid() {
    let dir = Path::new("target/interop");
    if !dir.join("node_modules/mermaid").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "mermaid (npm) is required in CI: .ci/run installs it into target/interop"
        );
        eprintln!("notice: mermaid not installed in target/interop; run .ci/run once to install it");
        return;
    }
    fs::copy("tests/interop/mermaid-check.mjs", dir.join("mermaid-check.mjs")).unwrap();
    let map = syskind().args(["system", "map", WEBSHOP]).output().unwrap().stdout;
    let parse = |input: &[u8]| {
        use std::io::Write;
        let mut child = Proc::new("node")
            .arg("mermaid-check.mjs")
            .current_dir(dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("node is installed");
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).to_string())
    };
    let (ok, said) = parse(&map);
    assert!(ok, "Mermaid refused the map: {said}");
    assert!(said.starts_with("ok flowchart"), "{said}");
    // Hostile ids and titles (markup, quotes, `#`, line breaks) still make a map Mermaid reads.
    let tmp = tempfile::tempdir().unwrap();
    let hostile = tmp.path().join("h.toml");
    fs::write(
        &hostile,
        system_file(
            &[("a-b", "T <br/> \"q\" # x\ny"), ("a_b", "B <script>"), ("end", "end"), ("1", "%% not a comment")],
            &[("a-b", "a_b", "sync"), ("a_b", "a-b", "sync"), ("end", "1", "async")],
        ),
    )
    .unwrap();
    let map = syskind().args(["system", "map"]).arg(&hostile).output().unwrap().stdout;
    let (ok, said) = parse(&map);
    assert!(ok, "Mermaid refused the hostile map: {said}\n{}", String::from_utf8_lossy(&map));
    // The checker can fail: a broken diagram is refused.
    let (ok, said) = parse(b"flowchart LR\n  a -->|x| b -->\n");
    assert!(!ok, "{said}");
}

#[test]
fn system_file_problems_name_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    copy_webshop(dir.path());
    let base = fs::read_to_string(dir.path().join("webshop.toml")).unwrap();
    let cases: &[(&str, &str, &str)] = &[
        ("to = \"order_processing\"", "to = \"order_procesing\"", "call names unknown part `order_procesing`"),
        ("to = \"order_processing\"", "to = \"checkout_accept\"", "part `checkout_accept` calls itself"),
        ("id = \"order_processing\"", "id = \"product_page\"", "duplicate part id `product_page`"),
        (
            "record = \"decisions/0005-nightly-billing.toml\"",
            "record = \"decisions/0009-missing.toml\"",
            "cannot read record `decisions/0009-missing.toml`",
        ),
        (
            "mode = \"async\"\nnote = \"the order queue\"",
            "mode = \"queue\"\nnote = \"the order queue\"",
            "unknown variant `queue`",
        ),
        (
            "record = \"decisions/0005-nightly-billing.toml\"\n",
            "record = \"decisions/0005-nightly-billing.toml\"\n\n[part.answers]\ncaller = \"schedule\"\n",
            "has both a record and inline answers",
        ),
        (
            "caller = \"person_sync\"\ncaller_timeout = \"10s\"\ncan_continue = false\nresponse_window = \"1s\"\narrival = \"bursty\"",
            "caller = \"person_synch\"\ncaller_timeout = \"10s\"\ncan_continue = false\nresponse_window = \"1s\"\narrival = \"bursty\"",
            "`person_synch` is not a choice of `caller`",
        ),
        ("timeout = \"5s\"", "timeout = \"5 parsecs\"", "timeout: "),
    ];
    for (from, to, expect) in cases {
        assert!(base.contains(from), "fixture drifted: {from}");
        let file = dir.path().join("broken.toml");
        fs::write(&file, base.replacen(from, to, 1)).unwrap();
        syskind()
            .args(["system", "check"])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::is_match(r"error: .*broken\.toml:[0-9]+:[0-9]+: ").unwrap())
            .stderr(predicate::str::contains(*expect))
            .stderr(predicate::str::contains("help:"));
    }
    // A broken record and a record of another questionnaire version are named at their `record =` line.
    fs::write(dir.path().join("decisions/bad.toml"), "schema = 1\ntitle = [\n").unwrap();
    let file = dir.path().join("broken.toml");
    fs::write(&file, base.replace("decisions/0005-nightly-billing.toml", "decisions/bad.toml")).unwrap();
    syskind()
        .args(["system", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("record `decisions/bad.toml` is broken"));
    let old = dir.path().join("decisions/old.toml");
    syskind()
        .args([
            "-q",
            "system-kind@1.0.0",
            "record",
            "new",
            "--title",
            "Billing",
            "-a",
            "questionnaires/examples/nightly-billing.toml",
            "-o",
        ])
        .arg(&old)
        .assert()
        .success();
    fs::write(&file, base.replace("decisions/0005-nightly-billing.toml", "decisions/old.toml")).unwrap();
    syskind()
        .args(["system", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("answers system-kind 1.0.0, but this system uses system-kind 3.0.0"))
        .stderr(predicate::str::contains("syskind record upgrade --write decisions/old.toml"));
}

#[test]
fn system_new_writes_a_file_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.toml");
    syskind().args(["system", "new", "--title", "Payments"]).arg(&f).assert().success();
    syskind().args(["system", "check"]).arg(&f).assert().success();
    syskind().args(["system", "new"]).arg(&f).assert().code(2).stderr(predicate::str::contains("--force"));
}

#[test]
fn a_stale_record_and_a_queue_nobody_reads_are_found() {
    let dir = tempfile::tempdir().unwrap();
    copy_webshop(dir.path());
    let rec = dir.path().join("decisions/0005-nightly-billing.toml");
    // Someone edits the record's answers by hand: the stored verdict is now stale.
    let text = fs::read_to_string(&rec).unwrap().replace("caller = \"schedule\"", "caller = \"person_sync\"");
    let text = text.replace("response_window = \"8h\"", "response_window = \"1s\"");
    fs::write(&rec, text).unwrap();
    let file = dir.path().join("webshop.toml");
    let s = fs::read_to_string(&file).unwrap().replace(
        "from = \"checkout_accept\"\nto = \"order_processing\"\nmode = \"async\"",
        "from = \"checkout_accept\"\nto = \"order_processing\"\nmode = \"schedule\"",
    );
    fs::write(&file, s).unwrap();
    let out = syskind().args(["system", "check", "--format", "json"]).arg(&file).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"stale_record"), "{ids:?}");
    assert!(ids.contains(&"queue_without_consumer"), "{ids:?}");
}

/// A system of `n` parts of random kinds and random calls, built from the web shop's parts.
fn arb_system() -> impl Strategy<Value = System> {
    let base = load(None, Path::new(WEBSHOP)).unwrap().system;
    let n = base.parts.len();
    (proptest::collection::vec(0..n, 2..9), proptest::collection::vec((0usize..9, 0usize..9, 0usize..3), 0..20))
        .prop_map(move |(kinds, calls)| {
            let mut s = base.clone();
            s.parts = kinds
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    let mut p = base.parts[*k].clone();
                    p.id = format!("part{i}");
                    p
                })
                .collect();
            let m = s.parts.len();
            let mut seen = std::collections::HashSet::new();
            s.calls = calls
                .into_iter()
                .map(|(a, b, mode)| (a % m, b % m, mode))
                .filter(|(a, b, _)| a != b && seen.insert((*a, *b)))
                .map(|(from, to, mode)| Call {
                    from,
                    to,
                    mode: [Mode::Sync, Mode::Async, Mode::Schedule][mode],
                    timeout: None,
                    note: String::new(),
                })
                .collect();
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn findings_do_not_depend_on_the_order_of_parts_and_calls(s in arb_system(), seed in any::<u64>()) {
        let before = system::check(&s);
        // Shuffle parts (remapping the calls) and calls.
        let n = s.parts.len();
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, (seed as usize).wrapping_mul(2654435761).wrapping_add(i * 7) % (i + 1));
        }
        let mut t = s.clone();
        t.parts = order.iter().map(|i| s.parts[*i].clone()).collect();
        let new_index = |old: usize| order.iter().position(|x| *x == old).unwrap();
        t.calls = s.calls.iter().rev().map(|c| Call { from: new_index(c.from), to: new_index(c.to), ..c.clone() }).collect();
        prop_assert_eq!(before, system::check(&t));
    }
}

#[test]
fn one_adr_for_the_system_in_both_layouts() {
    let dir = tempfile::tempdir().unwrap();
    copy_webshop(dir.path());
    fs::create_dir_all(dir.path().join("doc/adr")).unwrap();
    let run = |args: &[&str]| {
        let out = syskind().current_dir(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let nygard = run(&["adr", "new", "--from-system", "webshop.toml"]);
    assert_eq!(nygard, "doc/adr/0001-kinds-of-the-parts-of-web-shop.md");
    let text = fs::read_to_string(dir.path().join(&nygard)).unwrap();
    assert!(text.starts_with("# 1. Kinds of the parts of Web shop\n"), "{text}");
    assert!(
        text.contains(
            "| Checkout accept (`checkout_accept`) | Hard real-time (synchronous) | 100% | inline in the system file |"
        ),
        "{text}"
    );
    assert!(text.contains("| Nightly billing (`nightly_billing`) | Offline (batch) | 100% | [decisions/0005-nightly-billing.toml](../../decisions/0005-nightly-billing.toml) |"), "{text}");
    assert!(
        text.contains("```mermaid\nflowchart LR\n")
            && text.contains("p_checkout_accept -->|⚠ sync| p_confirmation_email"),
        "{text}"
    );
    assert!(text.contains("* **HIGH risk, REL04-BP02** (sync_call_into_less_stringent)"), "{text}");
    let madr = run(&["adr", "new", "--from-system", "webshop.toml", "--format", "madr"]);
    let text = fs::read_to_string(dir.path().join(&madr)).unwrap();
    let front = text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
    let yaml: serde_norway::Value = serde_norway::from_str(front).unwrap();
    assert_eq!(yaml["status"].as_str(), Some("proposed"));
    assert!(text.contains("## Decision Outcome") && text.contains("```mermaid"), "{text}");
    assert!(
        text.contains("* Bad, because of a high risk against REL04-BP02 (sync_call_into_less_stringent)"),
        "{text}"
    );
    // adr-tools reads the Nygard one among its own.
    if Proc::new("adr").arg("help").output().is_ok() {
        let list = Proc::new("adr").arg("list").current_dir(dir.path()).output().unwrap();
        assert!(String::from_utf8_lossy(&list.stdout).contains("doc/adr/0001-kinds-of-the-parts-of-web-shop.md"));
    } else {
        assert!(std::env::var_os("CI").is_none(), "adr-tools is required in CI");
    }
}

#[test]
fn the_line_mode_lists_parts_and_findings() {
    syskind()
        .args(["system", WEBSHOP, "--plain"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains("  checkout_accept     Hard real-time (synchronous)   100%  Checkout accept"))
        .stdout(predicate::str::contains("Findings:\nHIGH   REL04-BP02 [sync_call_into_less_stringent]"));
    syskind().args(["system"]).assert().code(2).stderr(predicate::str::contains("name a system file"));
}

/// A system file of parts with inline answers (`caller = "nobody"`) and the given calls.
fn system_file(parts: &[(&str, &str)], calls: &[(&str, &str, &str)]) -> String {
    let mut t = String::from("[system]\nid = \"hostile\"\ntitle = \"Hostile\"\n");
    for (id, title) in parts {
        t += &format!("\n[[part]]\nid = {id:?}\ntitle = {title:?}\n\n[part.answers]\ncaller = \"nobody\"\n");
    }
    for (from, to, mode) in calls {
        t += &format!("\n[[call]]\nfrom = {from:?}\nto = {to:?}\nmode = {mode:?}\n");
    }
    t
}

/// Issue 20.11: ids that clean to the same text stay distinct nodes (no self-loops), titles are
/// escaped for each format, and a synchronous cycle's calls are marked on the map.
#[test]
fn maps_of_hostile_ids_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let parts = [
        ("a-b", "Title <br/> with \"quotes\" # and\nnew line"),
        ("a_b", "B <script>"),
        ("café", "Café"),
        ("caf_", "Caf"),
    ];
    let calls = [("a-b", "a_b", "sync"), ("a_b", "a-b", "sync"), ("café", "caf_", "async")];
    fs::write(&file, system_file(&parts, &calls)).unwrap();
    let run = |format: &str| {
        let out = syskind().args(["system", "map", "--format", format]).arg(&file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let mermaid = run("mermaid");
    let node_ids: Vec<&str> =
        mermaid.lines().filter(|l| l.contains(":::")).map(|l| l.trim().split(['[', '(']).next().unwrap()).collect();
    let mut distinct = node_ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "four distinct nodes: {node_ids:?}\n{mermaid}");
    for edge in mermaid.lines().filter(|l| l.contains("-->") || l.contains("-.->")) {
        let words: Vec<&str> = edge.split_whitespace().collect();
        assert_ne!(words[0], words[words.len() - 1], "no self-loop: {edge}");
    }
    let first = mermaid.lines().find(|l| l.contains("Title")).unwrap();
    assert_eq!(first.matches("<br/>").count(), 1, "only the caption's own line break: {first}");
    assert!(first.contains("#lt;br/#gt;") && first.contains("#quot;quotes#quot;") && first.contains("#35;"), "{first}");
    assert!(mermaid.contains("#lt;script#gt;"), "{mermaid}");
    assert!(mermaid.contains("linkStyle 0,1 stroke:#d92d20"), "the cycle's two sync calls are marked:\n{mermaid}");
    let dot = run("dot");
    let dot_nodes: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("[label=") && !l.contains("->"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let mut d2 = dot_nodes.clone();
    d2.sort();
    d2.dedup();
    assert_eq!(d2.len(), 4, "{dot}");
    assert!(dot.contains("\\\"quotes\\\"") && !dot.contains("and\nnew"), "{dot}");
    assert_eq!(dot.matches("color=\"#d92d20\"").count(), 2, "{dot}");
}

/// `system check`'s text is written a piece at a time (issue 25's memory budget): escape sequences and
/// bidirectional overrides in ids and titles still never reach the terminal, in the map or in the
/// findings.
#[test]
fn system_check_text_is_made_safe_as_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let evil = r#"a\u001b[31m\u202e"#;
    let mut t = String::from("[system]\nid = \"hostile\"\ntitle = \"Hostile\"\n");
    for (id, title) in [(evil, r#"Evil \u001b[31mred\u001b[0m \u202eabc"#), ("b", r#"Bee \u001b]8;;http://x\u001b\\"#)]
    {
        t += &format!("\n[[part]]\nid = \"{id}\"\ntitle = \"{title}\"\n\n[part.answers]\ncaller = \"nobody\"\n");
    }
    for (from, to) in [(evil, "b"), ("b", evil)] {
        t += &format!("\n[[call]]\nfrom = \"{from}\"\nto = \"{to}\"\nmode = \"sync\"\n");
    }
    fs::write(&file, t).unwrap();
    let out = syskind().args(["system", "check"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a sync cycle is a high finding: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Findings:\nHIGH   REL04-BP02 [sync_cycle]"), "{text}");
    assert!(text.contains("Evil") && text.contains("call: a"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text:?}");
}

/// Issue 20.11: a map past Mermaid's default limits says so; a system with no parts is refused.
#[test]
fn large_maps_warn_and_empty_systems_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..26).map(|i| format!("p{i}")).collect();
    let parts: Vec<(&str, &str)> = ids.iter().map(|i| (i.as_str(), "Part")).collect();
    let mut calls = Vec::new();
    for a in &ids {
        for b in &ids {
            if a != b && calls.len() < 501 {
                calls.push((a.as_str(), b.as_str(), "async"));
            }
        }
    }
    let big = dir.path().join("big.toml");
    fs::write(&big, system_file(&parts, &calls)).unwrap();
    syskind()
        .args(["system", "map"])
        .arg(&big)
        .assert()
        .success()
        .stderr(predicate::str::contains("the map has 501 calls; a default Mermaid draws at most 500 edges"));
    let empty = dir.path().join("empty.toml");
    fs::write(&empty, system_file(&[], &[])).unwrap();
    syskind()
        .args(["system", "check"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the system has no parts"));
}

/// Issue 21.5: a part's own risk review is carried into `system check`, as the part's.
#[test]
fn a_parts_own_findings_are_the_systems_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let text = system_file(&[("feed", "Feed"), ("store", "Store")], &[("feed", "store", "async")]).replacen(
        "caller = \"nobody\"\n",
        "caller = \"nobody\"\nretries = \"immediate\"\n",
        1,
    );
    fs::write(&file, text).unwrap();
    let out = syskind().args(["system", "check"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a high finding fails the check");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("HIGH   REL05-BP03 [immediate_retries] Part `feed`: Callers retry immediately"),
        "{stdout}"
    );
    let json = syskind().args(["system", "check", "--format", "json"]).arg(&file).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["id"] == "immediate_retries").unwrap();
    assert_eq!(f["parts"][0], "feed");
    assert_eq!(f["answers"][0], "retries=immediate");
}

/// A system file over the size that is read a piece at a time (issue 25): `parts` parts with
/// answers and notes, each calling the next three, with `extra` appended.
fn large_system(parts: usize, extra: &str) -> String {
    use std::fmt::Write as _;
    let mut s = String::from("# grown\n[system]\nid = \"big\"\ntitle = \"Big\"\n");
    for i in 0..parts {
        let _ = write!(
            s,
            "\n[[part]]\nid = \"p{i}\"\ntitle = \"P {i}\" # a comment\n[part.answers]\ncaller = \"person_sync\"\nresponse_window = \"1s\"\n[part.notes]\ncaller = \"note {i}\"\n"
        );
    }
    for i in 0..parts {
        for k in 1..=3 {
            let _ = write!(
                s,
                "\n[[call]]\nfrom = \"p{i}\"\nto = \"p{}\"\nmode = \"sync\"\ntimeout = \"2s\"\n",
                (i + k) % parts
            );
        }
    }
    s.push_str(extra);
    s
}

#[test]
fn a_large_system_read_in_pieces_is_read_as_a_whole_parse_reads_it() {
    use syskind::core::system::chunked;
    let text = large_system(6_000, "");
    assert!(text.len() > chunked::SMALLEST);
    let pieces = chunked::parse(&text).expect("read in pieces");
    let whole: system::raw::RawSystemFile = toml::from_str(&text).unwrap();
    // Spans included: every caret points where a whole parse would.
    assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
    // Anything a whole parse refuses, pieces refuse too, and the whole parse says why.
    for bad in [
        "\n[system]\nid = \"again\"\ntitle = \"T\"\n",
        "\n[[call]]\nfrom = \"p1\"\nmode = \"sync\"\n",
        "\n[[part]]\nid = 3\n",
        "\n[oops]\n",
    ] {
        let text = large_system(6_000, bad);
        assert!(chunked::parse(&text).is_none(), "{bad}");
        let err = system::parse_system("big.toml", &text).unwrap_err();
        let whole = toml::from_str::<system::raw::RawSystemFile>(&text).unwrap_err();
        assert_eq!(err.diagnostics[0].span, whole.span(), "{bad}");
    }
}

#[test]
fn an_unknown_answer_in_a_large_system_is_shown_under_its_key() {
    let text = large_system(6_000, "").replacen(
        "response_window = \"1s\"\n[part.notes]",
        "respons_window = \"1s\"\n[part.notes]",
        1,
    );
    let raw = system::parse_system("big.toml", &text).unwrap();
    let q = syskind::core::questionnaire::default_questionnaire();
    let read = |_: &str| Err(system::load::Unavailable("none".into()));
    let choose = |_: Option<&str>, _: Option<&syskind::core::record::QuestionnaireRef>| Ok(q.clone());
    let report = system::resolve("big.toml", &text, raw, &read, &choose).unwrap_err();
    let d = &report.diagnostics[0];
    assert!(d.message.contains("unknown question `respons_window`"), "{}", d.message);
    let span = d.span.clone().unwrap();
    assert_eq!(&report.source[span], "respons_window", "the caret is under the key");
}
