//! The line mode's prompts, drawn by dialoguer: Select, MultiSelect, Confirm and Input.
//!
//! Going back and stopping: at a choice prompt press Esc (or q) for a small menu — back, stop and
//! keep the answers, or carry on; at a typed prompt type `<` to go back or `.` to stop.

use std::io;

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::flow::{Prompter, Reply};
use crate::core::text::width;

/// dialoguer on the terminal; words carry the meaning, colour only when allowed.
pub struct Dialog {
    theme: Box<dyn Theme>,
}

impl Dialog {
    /// Colour unless `NO_COLOR` is set.
    pub fn new(color: bool) -> Dialog {
        let theme: Box<dyn Theme> = if color { Box::new(ColorfulTheme::default()) } else { Box::new(SimpleTheme) };
        Dialog { theme }
    }

    fn menu(&mut self) -> io::Result<Option<Reply<()>>> {
        let items = ["Go back to the previous question", "Stop and keep my answers", "Carry on with this question"];
        let pick = Select::with_theme(self.theme.as_ref())
            .with_prompt("What now?")
            .items(items)
            .default(2)
            .interact_opt()
            .map_err(to_io)?;
        Ok(match pick {
            Some(0) => Some(Reply::Back),
            Some(1) => Some(Reply::Stop),
            _ => None,
        })
    }
}

/// The terminal's width; 80 columns when it is unknown.
fn terminal_width() -> usize {
    dialoguer::console::Term::stderr().size_checked().map_or(80, |(_, w)| w as usize).max(20)
}

fn to_io(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

/// Turns an Esc at a choice prompt into back / stop / ask again.
fn escape<T>(d: &mut Dialog, got: Option<T>) -> io::Result<Option<Reply<T>>> {
    match got {
        Some(v) => Ok(Some(Reply::Value(v))),
        None => Ok(match d.menu()? {
            Some(Reply::Back) => Some(Reply::Back),
            Some(Reply::Stop) => Some(Reply::Stop),
            _ => None,
        }),
    }
}

impl Prompter for Dialog {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Reply<usize>> {
        let items: Vec<String> = items.iter().map(|i| crate::core::text::safe(i)).collect();
        loop {
            let got = Select::with_theme(self.theme.as_ref())
                .with_prompt(format!("{prompt} (Esc: back or stop)"))
                .items(&items)
                .default(default)
                .interact_opt()
                .map_err(to_io)?;
            if let Some(r) = escape(self, got)? {
                return Ok(r);
            }
        }
    }

    fn multi(&mut self, prompt: &str, items: &[String], checked: &[bool]) -> io::Result<Reply<Vec<usize>>> {
        let items: Vec<String> = items.iter().map(|i| crate::core::text::safe(i)).collect();
        loop {
            let got = MultiSelect::with_theme(self.theme.as_ref())
                .with_prompt(format!("{prompt} (Esc: back or stop)"))
                .items(&items)
                .defaults(checked)
                .interact_opt()
                .map_err(to_io)?;
            if let Some(r) = escape(self, got)? {
                return Ok(r);
            }
        }
    }

    fn yes_no(&mut self, prompt: &str, default: Option<bool>) -> io::Result<Reply<bool>> {
        loop {
            // Not reported by dialoguer: on Esc it would leave "✔ Yes or no" with no answer behind;
            // the answer is said here instead, once there is one.
            let mut c = Confirm::with_theme(self.theme.as_ref())
                .with_prompt(format!("{prompt} (Esc: back or stop)"))
                .report(false);
            if let Some(d) = default {
                c = c.default(d);
            }
            let got = c.interact_opt().map_err(to_io)?;
            if let Some(b) = got {
                self.say(&format!("{prompt}: {}", if b { "yes" } else { "no" }));
            }
            if let Some(r) = escape(self, got)? {
                return Ok(r);
            }
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Reply<String>> {
        let head = format!("{prompt} (< back, . stop)");
        let initial = crate::core::text::safe(initial);
        // dialoguer redraws only the prompt's last line, so a pre-filled value that wraps would leave
        // its first line behind: a long value is shown above the prompt and kept by a bare Enter.
        let long = !initial.is_empty() && width(&head) + width(&initial) > terminal_width().saturating_sub(6);
        if long {
            self.say(&format!("Now: {initial}"));
            self.say("Enter keeps it; or type a new one.");
        }
        let mut input = Input::with_theme(self.theme.as_ref())
            .with_prompt(head.clone())
            .allow_empty(true)
            .validate_with(|s: &String| -> Result<(), String> {
                match s.trim() {
                    "<" | "." => Ok(()),
                    // One line: dialoguer clears one line of error when it asks again, so a wrapped
                    // message would leave its first half behind.
                    other => check(other).map_err(|e| crate::core::text::clip(&e, terminal_width().saturating_sub(4))),
                }
            });
        if long {
            input = input.default(initial).show_default(false);
        } else {
            input = input.with_initial_text(initial);
        }
        let got: String = input.interact_text().map_err(to_io)?;
        Ok(match got.trim() {
            "<" => Reply::Back,
            "." => Reply::Stop,
            _ => Reply::Value(got),
        })
    }

    fn say(&mut self, line: &str) {
        // Wrapped on word boundaries to the terminal's width (a word is never split mid-way, as the
        // terminal's own wrapping would do).
        for l in crate::core::text::wrap(&crate::core::text::safe(line), terminal_width()) {
            eprintln!("{l}");
        }
    }
}
