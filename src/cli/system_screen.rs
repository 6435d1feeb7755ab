//! Opening a system file interactively (the full screen, or the line mode). Filled in below.

use std::path::Path;

use super::CliError;
use super::args::WizardArgs;

/// Opens the system screen on `file`.
pub fn open(w: &WizardArgs, file: &Path, plain: bool) -> Result<(), CliError> {
    let _ = (w, file, plain);
    Err(CliError::Usage("the system screen is not built yet".into()))
}
