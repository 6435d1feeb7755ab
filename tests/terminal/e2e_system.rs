//! End-to-end: the system screen in a real pseudo-terminal. A part is revised in the wizard (its
//! record saved back), a call and a part are added by keys, and afterwards the system file and every
//! record are valid and re-check with only the web shop's intended finding.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Tmux;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_syskind"))
}

fn copy_webshop(to: &Path) {
    fs::create_dir_all(to.join("decisions")).unwrap();
    fs::create_dir(to.join(".git")).unwrap();
    fs::copy("questionnaires/examples/systems/webshop.toml", to.join("webshop.toml")).unwrap();
    fs::copy(
        "questionnaires/examples/systems/decisions/0005-nightly-billing.toml",
        to.join("decisions/0005-nightly-billing.toml"),
    )
    .unwrap();
}

#[test]
fn revise_a_part_add_a_call_and_a_part_by_keys() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_webshop(d);
    let Some(t) = Tmux::start(d, 120, 40, &[("XDG_STATE_HOME", d.join("state").display().to_string())]) else { return };
    t.text(&format!("{} system webshop.toml; echo SYSTEM-\"\"EXITED", bin().display()));
    t.keys(&["Enter"]);
    t.wait_for("Parts (5)");
    // Revise the product page (inline answers): the wizard opens with them and its title.
    t.keys(&["Enter"]);
    t.wait_for("Questions 15/16");
    t.keys(&["C-s"]);
    let s = t.wait_for("Review and export");
    assert!(s.contains("Product page"), "the part's title is the record's: {s}");
    t.keys(&["C-s"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    t.wait_for("saved ");
    // Add a call from the product page to the checkout accept (the form's defaults), asynchronously.
    t.keys(&["c"]);
    t.wait_for("Add a call");
    t.keys(&["Enter"]);
    t.wait_for("added the call product_page → checkout_accept (async)");
    // Add a part: the wizard runs for it.
    t.keys(&["a"]);
    t.wait_for("Which part or interaction");
    t.text("Fraud scoring");
    t.keys(&["Enter"]);
    t.wait_for("Who is waiting");
    t.keys(&["Down", "Enter"]); // service_sync
    t.wait_for("How long does the caller hold");
    t.text("200ms");
    t.keys(&["Enter", "C-s"]);
    t.wait_for("Review and export");
    t.text("Fraud scoring");
    t.keys(&["C-s"]);
    // Few answers: the wizard asks before writing a weak verdict.
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    t.wait_for("added the part fraud_scoring");
    let s = t.wait_for("Parts (6)");
    assert!(s.contains("fraud_scoring"), "{s}");
    t.keys(&["q"]);
    t.wait_for("SYSTEM-EXITED");

    let system = fs::read_to_string(d.join("webshop.toml")).unwrap();
    assert!(system.starts_with("# The web shop"), "comments kept");
    assert!(
        system
            .contains("id = \"product_page\"\ntitle = \"Product page\"\nrecord = \"decisions/0006-product-page.toml\""),
        "{system}"
    );
    assert!(
        system.contains("[[call]]\nfrom = \"product_page\"\nto = \"checkout_accept\"\nmode = \"async\""),
        "{system}"
    );
    assert!(
        system.contains(
            "id = \"fraud_scoring\"\ntitle = \"Fraud scoring\"\nrecord = \"decisions/0007-fraud-scoring.toml\""
        ),
        "{system}"
    );
    let ok = Command::new(bin()).current_dir(d).args(["record", "check", "decisions"]).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let check = Command::new(bin())
        .current_dir(d)
        .args(["system", "check", "--format", "json", "webshop.toml"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", String::from_utf8_lossy(&check.stderr));
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let ids: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["sync_call_into_less_stringent"], "only the intended finding");
    assert_eq!(v["parts"].as_array().unwrap().len(), 6);
}

#[test]
fn an_accepting_part_is_offered_the_part_behind_its_queue() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::write(
        d.join("shop.toml"),
        "[system]\nid = \"shop\"\ntitle = \"Shop\"\n\n[[part]]\nid = \"accept\"\ntitle = \"Order accept\"\n\n[part.answers]\n\
         caller = \"person_sync\"\nresponse_window = \"1s\"\nvolume = 300\nqueueing = \"accept_enqueue\"\nmutates_state = true\n\
         idempotency = \"tokens\"\n",
    )
    .unwrap();
    let Some(t) = Tmux::start(d, 120, 40, &[("XDG_STATE_HOME", d.join("state").display().to_string())]) else { return };
    t.text(&format!("{} system shop.toml; echo SYSTEM-\"\"EXITED", bin().display()));
    t.keys(&["Enter"]);
    t.wait_for("Parts (1)");
    t.keys(&["Enter"]);
    t.wait_for("Questions ");
    t.keys(&["C-s"]);
    t.wait_for("Review and export");
    t.keys(&["C-s"]);
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    t.wait_for("The part behind the queue");
    t.keys(&["y"]);
    // The wizard opens prefilled with what carries over: volume, state change, idempotency, and the
    // arrival and decoupling that being behind a queue implies.
    let s = t.wait_for("Questions 5/");
    assert!(s.contains("✓ arrival") && s.contains("✓ volume") && s.contains("✓ idempotency"), "{s}");
    t.keys(&["C-s"]);
    let s = t.wait_for("Review and export");
    assert!(s.contains("Order accept — the work behind the queue"), "{s}");
    t.keys(&["C-s"]);
    t.wait_for("Export with few answers?");
    t.keys(&["y"]);
    t.wait_for("Decision record written");
    t.keys(&["q"]);
    t.wait_for("Parts (2)");
    t.keys(&["q"]);
    t.wait_for("SYSTEM-EXITED");
    let system = fs::read_to_string(d.join("shop.toml")).unwrap();
    assert!(
        system
            .contains("[[call]]\nfrom = \"accept\"\nto = \"order_accept_the_work_behind_the_queue\"\nmode = \"async\""),
        "{system}"
    );
    let check =
        Command::new(bin()).current_dir(d).args(["system", "check", "--format", "json", "shop.toml"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert!(
        !v["findings"].as_array().unwrap().iter().any(|f| f["id"] == "queue_without_consumer"),
        "the queue has its consumer now: {v}"
    );
}

#[test]
fn the_wizards_start_offers_the_repositorys_systems() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_webshop(d);
    let Some(t) = Tmux::start(d, 100, 30, &[("XDG_STATE_HOME", d.join("state").display().to_string())]) else { return };
    t.text(&format!("{}; echo SYSTEM-\"\"EXITED", bin().display()));
    t.keys(&["Enter"]);
    let s = t.wait_for("This repository has system files");
    assert!(s.contains("open webshop.toml"), "{s}");
    t.keys(&["1"]);
    t.wait_for("Parts (5)");
    t.keys(&["q"]);
    t.wait_for("SYSTEM-EXITED");
}

/// Issue 21.5 at 80x24: `x` with no ADR folder offers to create it and writes the system ADR; the
/// map scrolls; a call is added with a timeout and a note; the findings pane labels the selected
/// part's findings apart from the system's.
#[test]
fn the_system_screen_at_eighty_by_twenty_four() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_webshop(d);
    let Some(t) = Tmux::start(d, 80, 24, &[("XDG_STATE_HOME", d.join("state").display().to_string())]) else { return };
    t.text(&format!("{} system webshop.toml; echo SYSTEM-\"\"EXITED", bin().display()));
    t.keys(&["Enter"]);
    let s = t.wait_for("Parts (5)");
    assert!(s.contains("This part · product_page") && s.contains("The system"), "{s}");
    // The map: nothing cut (long lines wrap), and when longer than the screen it scrolls.
    t.keys(&["m"]);
    let first = t.wait_for("Map (");
    assert!(first.contains("order_processing ══sched═▶ nightly_billing"), "{first}");
    // The ends of its longest lines are there: they wrapped rather than being cut.
    assert!(first.contains("customer's request") && first.contains("billed by the nightly run"), "{first}");
    if first.contains("scroll") {
        t.keys(&["PageDown"]);
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert_ne!(first, t.screen(), "the map moved");
    }
    t.keys(&["Escape"]);
    // A call with a timeout and a note.
    t.keys(&["c"]);
    t.wait_for("Add a call");
    t.keys(&["Down", "Down", "Down"]);
    t.text("2s");
    t.keys(&["Down"]);
    t.text("stock lookup");
    t.keys(&["Enter"]);
    t.wait_for("added the call product_page → checkout_accept (async)");
    let file = fs::read_to_string(d.join("webshop.toml")).unwrap();
    assert!(file.contains("timeout = \"2s\"") && file.contains("note = \"stock lookup\""), "{file}");
    // No ADR folder: offered, created, and the ADR written.
    t.keys(&["x"]);
    t.wait_for("There is no ADR folder yet");
    t.keys(&["y"]);
    t.wait_for("ADR written: doc/adr/0002-");
    t.keys(&["q"]);
    t.wait_for("SYSTEM-EXITED");
    assert!(d.join("doc/adr/0001-record-architecture-decisions.md").exists());
}
