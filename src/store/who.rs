//! Who is at the keyboard: the one source of "who" for revision histories and ADRs.

use std::path::PathBuf;

/// Who is at the keyboard, for revision histories: git's `user.name` (the name the commit of the
/// record will carry), else `$USER`, else `$USERNAME`, else "unknown". Git's config files are read
/// directly (repository, then global): no process is started, so the wizard's first frame is not
/// delayed.
pub fn user() -> String {
    git_user_name()
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// `user.name` from the repository's `.git/config`, then `$XDG_CONFIG_HOME/git/config`, then
/// `~/.gitconfig` (the order git reads them in, most specific first).
fn git_user_name() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg =
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".config")));
    let files = [
        Some(super::repo_root(&cwd).join(".git/config")),
        xdg.map(|x| x.join("git/config")),
        home.map(|h| h.join(".gitconfig")),
    ];
    files.into_iter().flatten().find_map(|f| {
        let text = std::fs::read_to_string(f).ok()?;
        let mut in_user = false;
        for line in text.lines() {
            let l = line.trim();
            if l.starts_with('[') {
                in_user = l.eq_ignore_ascii_case("[user]");
            } else if in_user
                && let Some((k, v)) = l.split_once('=')
                && k.trim().eq_ignore_ascii_case("name")
            {
                let v = v.trim().trim_matches('"').trim();
                if !v.is_empty() {
                    return Some(v.to_string());
                }
            }
        }
        None
    })
}
