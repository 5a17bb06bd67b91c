//! The edition's layout: every file a build writes, by its path relative to the
//! edition's folder (`reports/<edition>/`), and the fact sheets' file names. The one
//! place where an output's name is written; a rename touches one line here.
//! A leaf: it computes names and never touches the disk.

use crate::config::Lang;
use crate::hash::sha256_hex;

/// One file a build produced, by its path relative to the edition's folder (`/`
/// separated), with its bytes.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub path: String,
    pub bytes: Vec<u8>,
}

// French and English outputs live side by side in one edition's folder: the French
// ones keep the plain names, the English ones carry `.en` (`-en` for the folder),
// so that a build in one language never replaces the other's files.

/// The statistics as JSON: `data.json`, `data.en.json`.
pub fn data_json(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "data.json",
        Lang::En => "data.en.json",
    }
}

/// Every input and every output of one language with its SHA-256: `manifest.json`,
/// `manifest.en.json`.
pub fn manifest(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "manifest.json",
        Lang::En => "manifest.en.json",
    }
}

/// The Excel workbook: `synthese.xlsx`, `synthese.en.xlsx`.
pub fn workbook(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "synthese.xlsx",
        Lang::En => "synthese.en.xlsx",
    }
}

/// The note: `note-executif.pdf`, `note-executif.en.pdf`.
pub fn note_file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "note-executif.pdf",
        Lang::En => "note-executif.en.pdf",
    }
}

/// The folder of the fact sheets: `fiches`, `fiches-en`.
pub fn fiches_dir(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fiches",
        Lang::En => "fiches-en",
    }
}

/// The fact sheets' folders of every language; the output stage replaces each as a
/// whole, so that the sheets of proposals gone from the register disappear.
pub const FICHES_DIRS: [&str; 2] = ["fiches", "fiches-en"];

/// A fact sheet's path relative to the edition's folder: `fiches/<file name>`.
pub fn fiche_path(lang: Lang, file_name: &str) -> String {
    format!("{}/{file_name}", fiches_dir(lang))
}

/// Whether `path` (relative to the edition's folder) is a fact sheet, of either
/// language.
pub fn is_fiche(path: &str) -> bool {
    FICHES_DIRS.iter().any(|dir| {
        path.strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The prefix of the folders a build stages its outputs in (beside the edition's
/// folder, or inside it when it cannot be swapped); one left by an interrupted build
/// is removed by the next.
pub const STAGING_PREFIX: &str = ".bilan-staging-";

/// The lock file of the edition folder `name`, beside it.
pub fn lock_file_name(name: &str) -> String {
    format!(".bilan-{name}.lock")
}

/// Whether `name`, an entry of an edition's folder, is one bilan writes (or stages):
/// anything else there is the user's own.
pub fn is_edition_entry(name: &str) -> bool {
    Lang::ALL.iter().any(|&lang| entries(lang).contains(&name)) || name.starts_with(STAGING_PREFIX)
}

/// The entries of an edition's folder that a build in `lang` writes: its note, data,
/// manifest, workbook and fact sheets' folder. A build replaces these, and only these.
pub fn entries(lang: Lang) -> [&'static str; 5] {
    [
        note_file_name(lang),
        data_json(lang),
        manifest(lang),
        workbook(lang),
        fiches_dir(lang),
    ]
}

/// Windows device names that cannot be file names, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The fact sheet's file name for a proposal id: the id itself when it is a safe,
/// portable name (`EDU-01.pdf`), else a cleaned form followed by a short hash of
/// the id, so that distinct ids never share a file and the name is stable.
pub fn fiche_file_name(id: &str) -> String {
    let mut clean = String::new();
    for c in deunicode::deunicode(id).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            clean.push(c);
        } else if !clean.ends_with('-') {
            clean.push('-');
        }
    }
    let clean: String = clean.trim_matches(['-', '.']).chars().take(60).collect();
    let stem = clean.split('.').next().unwrap_or("").to_ascii_lowercase();
    let safe = !clean.is_empty() && clean == id && !RESERVED.contains(&stem.as_str());
    if safe {
        format!("{clean}.pdf")
    } else {
        let hash = &sha256_hex(id.as_bytes())[..8];
        if clean.is_empty() {
            format!("fiche-{hash}.pdf")
        } else if RESERVED.contains(&stem.as_str()) {
            // Windows reads the part before the first dot: `con.txt-…` is still CON.
            format!("_{clean}-{hash}.pdf")
        } else {
            format!("{clean}-{hash}.pdf")
        }
    }
}

/// The fact sheets' file names for a whole register, in the order of `ids`: each
/// [`fiche_file_name`], except where two would share a file (a crafted id such as
/// `_CON-a3dbc4b6` beside `CON`, ids equal but for case on a case-insensitive disk,
/// a repeated id). Within such a group the id whose name is itself keeps it (else
/// the first in id order), and the others get `-2`, `-3`… after the stem, in id
/// order: the same register always gives the same names.
pub fn fiche_file_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut names: Vec<String> = ids.iter().map(|id| fiche_file_name(id)).collect();
    // Each round only lengthens names that collide: a few rounds settle any set.
    for _ in 0..=ids.len() {
        let mut groups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, name) in names.iter().enumerate() {
            groups.entry(name.to_lowercase()).or_default().push(i);
        }
        let mut changed = false;
        for mut group in groups.into_values().filter(|g| g.len() > 1) {
            // The id that is its own file name first, then by id, then by row.
            group.sort_by_key(|&i| (names[i] != format!("{}.pdf", ids[i]), ids[i], i));
            for (n, &i) in group.iter().enumerate().skip(1) {
                let stem = names[i]
                    .strip_suffix(".pdf")
                    .unwrap_or(&names[i])
                    .to_string();
                names[i] = format!("{stem}-{}.pdf", n + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_keep_their_name_and_others_get_a_stable_unique_one() {
        assert_eq!(fiche_file_name("EDU-01"), "EDU-01.pdf");
        let hostile = [
            "../../x",
            "a/b",
            "a\\b",
            "CON",
            "con.txt",
            "LPT1.x",
            "",
            "é",
            &"x".repeat(300),
        ];
        let names: Vec<String> = hostile.iter().map(|id| fiche_file_name(id)).collect();
        for (id, name) in hostile.iter().zip(&names) {
            assert!(!name.contains(['/', '\\']), "{id:?} -> {name}");
            assert!(!name.starts_with('.'), "{id:?} -> {name}");
            let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
            assert!(!RESERVED.contains(&stem.as_str()), "{id:?} -> {name}");
            assert!(name.len() <= 80, "{id:?} -> {name}");
            assert_eq!(name, &fiche_file_name(id), "stable");
        }
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_ne!(fiche_file_name("a/b"), fiche_file_name("a-b"));
    }

    #[test]
    fn ids_whose_names_meet_get_distinct_stable_files() {
        let crafted = fiche_file_name("CON");
        assert_eq!(fiche_file_name(crafted.trim_end_matches(".pdf")), crafted);
        let ids = [
            "CON",
            crafted.trim_end_matches(".pdf"),
            "EDU-01",
            "edu-01",
            "EDU-01-2",
        ];
        let names = fiche_file_names(ids);
        let unique: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(unique.len(), ids.len(), "{names:?}");
        // The id that is its own name keeps it; the crafted one does not take CON's.
        assert_eq!(names[1], crafted);
        assert_ne!(names[0], crafted);
        assert_eq!(names[2], "EDU-01.pdf");
        assert_eq!(names[4], "EDU-01-2.pdf");
        // Stable: the same register gives the same names, whatever its order.
        let mut reversed = ids;
        reversed.reverse();
        let mut again = fiche_file_names(reversed);
        again.reverse();
        assert_eq!(again, names);
        // A repeated id (an error of the register) still gets two files.
        let repeated = fiche_file_names(["A", "A"]);
        assert_eq!(repeated, ["A.pdf", "A-2.pdf"]);
        // Names without a collision are untouched.
        assert_eq!(fiche_file_names(["A", "B"]), ["A.pdf", "B.pdf"]);
    }

    #[test]
    fn fiche_paths_are_recognised() {
        for lang in [Lang::Fr, Lang::En] {
            assert!(is_fiche(&fiche_path(lang, "EDU-01.pdf")));
            assert!(FICHES_DIRS.contains(&fiches_dir(lang)));
            assert!(!is_fiche(data_json(lang)));
        }
        assert!(!is_fiche("fiches.pdf"));
        assert!(!is_fiche("fiches-en.pdf"));
    }

    #[test]
    fn french_and_english_outputs_never_share_a_name() {
        let names = |lang| {
            [
                data_json(lang),
                manifest(lang),
                workbook(lang),
                note_file_name(lang),
                fiches_dir(lang),
            ]
        };
        let (fr, en) = (names(Lang::Fr), names(Lang::En));
        for name in fr {
            assert!(!en.contains(&name), "{name} is written by both languages");
        }
    }
}
