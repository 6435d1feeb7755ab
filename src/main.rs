//! The `syskind` binary: parse arguments, hand them to the library, exit with its code.

fn main() -> std::process::ExitCode {
    // A closed output pipe (`syskind … | head`) ends the program quietly, as it does for git and
    // ripgrep, instead of a "Broken pipe" panic: restore the default SIGPIPE action Rust ignores.
    // SAFETY: called first thing, before any thread exists; SIG_DFL is always a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // The local date, as adr-tools writes it. The offset can only be read safely while the process
    // has one thread, so it is read now, before any watcher thread starts.
    syskind::core::record::init_local_offset();
    syskind::app::run(syskind::cli::args::Cli::from_env())
}

// Two C maths functions the dependencies call (minijinja's `**`, ratatui-textarea's line-number
// width), given here so the dynamic loader does not map and relocate all of libm.so at every start
// for them (~25 µs of a ~1.4 ms first frame; docs/performance.md). Same functions, pure Rust.
/// `pow(3)`, for the dependencies' calls (Linux with glibc, where the loader's cost was measured).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}
/// `log10(3)`, for the dependencies' calls.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn log10(x: f64) -> f64 {
    libm::log10(x)
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    /// ratatui-textarea counts a line number's digits as `log10(n) as u8 + 1`: at and just below a
    /// power of ten the count must be exact, or line 1000 would be drawn in a three-digit gutter.
    #[test]
    fn log10_counts_digits_exactly_and_pow_is_exact_at_integer_powers() {
        for k in 1..=12 {
            let n = 10f64.powi(k);
            assert_eq!(super::log10(n), f64::from(k), "log10(1e{k})");
            assert_eq!(super::log10(n - 1.0) as i32, k - 1, "log10(1e{k} - 1)");
            assert_eq!(super::pow(10.0, f64::from(k)), n, "pow(10, {k})");
        }
        assert_eq!(super::log10(1.0), 0.0);
        assert_eq!(super::pow(2.0, 0.5), std::f64::consts::SQRT_2);
        assert_eq!(super::pow(-2.0, 3.0), -8.0);
        assert!(super::pow(-2.0, 0.5).is_nan());
        assert_eq!(super::pow(0.0, 0.0), 1.0);
    }
}
