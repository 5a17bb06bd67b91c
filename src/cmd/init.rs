//! `bilan init DIR`: a new project that builds as is, with the CENR 2025 sample
//! as its inputs, ready to be replaced by the user's own files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use bilan::msg;

use crate::cli::Common;

/// The files of a new project, relative to its folder.
const FILES: [(&str, &[u8]); 5] = [
    ("bilan.toml", include_bytes!("../../bilan.toml")),
    (
        "inputs/propositions-2025.xlsx",
        include_bytes!("../../inputs/propositions-2025.xlsx"),
    ),
    (
        "inputs/debat-mouvant-2025.csv",
        include_bytes!("../../inputs/debat-mouvant-2025.csv"),
    ),
    (
        "inputs/suggestions-2025.csv",
        include_bytes!("../../inputs/suggestions-2025.csv"),
    ),
    ("README.md", README.as_bytes()),
];

const README: &str = "# Bilan du conseil citoyen

Ce dossier est un projet [bilan](https://crates.io/crates/bilan) : `bilan.toml` décrit le
rapport, `inputs/` contient le registre des propositions et les réponses au questionnaire.

- `bilan check` vérifie les fichiers et signale chaque problème (fichier, feuille, ligne, colonne) ;
- `bilan build` écrit la note, les fiches et le classeur dans `reports/<édition>/` ;
- `bilan stats` affiche les chiffres ;
- `bilan templates export templates` copie les modèles Typst pour les personnaliser.

Les fichiers d'exemple reprennent le registre du CENR 2025 (Eurométropole de Strasbourg) ;
les réponses au débat mouvant et les suggestions sont **illustratives**. Remplacez-les par
les vôtres et adaptez `bilan.toml`.
";

/// `bilan init DIR`.
pub fn run(common: &Common, dir: &Path) -> anyhow::Result<ExitCode> {
    let written = scaffold(dir)?;
    if !common.quiet {
        super::say(msg!(
            "init-created",
            dir = dir.display().to_string(),
            count = written.len(),
            config = dir.join("bilan.toml").display().to_string(),
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a new project into `dir`; refuses to overwrite an existing project.
fn scaffold(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let config = dir.join("bilan.toml");
    if config.exists() {
        bail!(bilan::config::ConfigError::invalid(
            config,
            msg!("init-exists")
        ));
    }
    let mut written = Vec::new();
    for (name, bytes) in FILES {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("failed to create \"{}\"", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("failed to write \"{}\"", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
