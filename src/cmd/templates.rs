//! `bilan templates export DIR`: the built-in Typst templates written out for
//! customisation.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use bilan::msg;

use crate::cli::Common;

pub fn export(common: &Common, dir: &Path, force: bool) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("failed to create \"{}\"", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in bilan::render::templates::BUILTIN {
        let path = dir.join(name);
        if path.exists() && !force {
            bail!(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                msg!("templates-exists", path = path.display().to_string())
                    .render(super::ui_lang()),
            ));
        }
        std::fs::write(&path, text)
            .with_context(|| format!("failed to write \"{}\"", path.display()))?;
        written.push(path);
    }
    if !common.quiet {
        for path in written {
            super::say(msg!("templates-wrote", path = path.display().to_string()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
