//! Writes the CENR 2025 sample inputs into `inputs/`:
//!
//! - `propositions-2025.xlsx` — the register of the council's 20 proposals,
//!   transcribed from the slides of the session of Saturday 15 November 2025
//!   (`/work/shared/seed/000_4e1614db78395368.txt`), laid out the way a person
//!   keeps such a register (title, subtitle, blank row, header on row 4);
//! - `debat-mouvant-2025.csv` — ILLUSTRATIVE answers to the five statements of
//!   the "débat mouvant" (the slides give the statements, not the answers);
//! - `suggestions-2025.csv` — ILLUSTRATIVE world-café post-its.
//!
//! Run with `cargo run --release --example make_sample [OUT_DIR]`
//! (default: `inputs/` of this crate). The output is deterministic: the
//! workbook has a fixed creation date, so regenerating gives identical bytes.
//!
//! This example depends on `rust_xlsxwriter` only, never on the `bilan` crate.

use std::fs;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

// ---------------------------------------------------------------------------
// The register
// ---------------------------------------------------------------------------

const EDU: &str = "Éducation et cultures numériques";
const INC: &str = "Inclusion numérique";
const ENV: &str = "Impact environnemental du numérique";

// French labels of the status vocabulary (spec § 4.1).
const ACCEPTEE: &str = "acceptée";
const MODIFIEE: &str = "acceptée mais modifiée";
const DGA: &str = "acceptée, transversale, remontée à la DGA";
const A_ECLAIRCIR: &str = "à éclaircir";
const NON_RETENUE: &str = "non retenue";
const HORS_PERIMETRE: &str = "hors périmètre";

/// One row of the register. Empty strings are left as empty cells: a field is
/// filled only where the slides say something about it.
struct Proposal {
    id: &'static str,
    theme: &'static str,
    /// Short title: the slide's own title where it gives one, otherwise the
    /// first words of the proposal.
    title: &'static str,
    /// The proposal as written on the slide.
    description: &'static str,
    status: &'static str,
    /// The administration's answer, verbatim from the slide.
    answer: &'static str,
    owner: &'static str,
    due: &'static str,
    condition: &'static str,
}

/// The 20 proposals, in the order of the slides.
const PROPOSALS: &[Proposal] = &[
    // --- Éducation et cultures numériques — propositions acceptées ---------
    Proposal {
        id: "EDU-01",
        theme: EDU,
        title: "Appel à projets pour l'éducation au numérique",
        description: "Lancer un appel à projets incitant à des actions croisées entre structures de \
                      médiation numérique, éducatives et sociales. Un comité de sélection pourrait \
                      inclure des citoyen·nes du CENR.",
        status: ACCEPTEE,
        answer: "Un tel appel à projet pourra être lancé en 2026, sous réserve de l'obtention des \
                 crédits nécessaires.",
        owner: "",
        due: "2026",
        condition: "sous réserve de l'obtention des crédits nécessaires",
    },
    Proposal {
        id: "EDU-02",
        theme: EDU,
        title: "Gouvernance et coordination transversale",
        description: "Créer un groupe de travail inter-services piloté par la DNSI (Direction du \
                      Numérique et des Systèmes d'Information), impliquant les services Jeunesse, \
                      Éducation, Petite enfance, Culture, etc.",
        status: ACCEPTEE,
        answer: "Ce groupe de travail est tout à fait pertinent et permettra de travailler \
                 davantage en transversalité, tout en continuant le travail interne de \
                 sensibilisation des agents aux enjeux du numérique. Une note est en cours de \
                 rédaction pour proposer les perspectives sur l'inclusion et l'éducation au \
                 numérique pour le prochain exécutif.",
        owner: "DNSI",
        due: "",
        condition: "",
    },
    // --- Éducation et cultures numériques — non retenue --------------------
    Proposal {
        id: "EDU-03",
        theme: EDU,
        title: "Encourager la création de contenus médias locaux",
        description: "Lancer un appel à candidatures pour soutenir des créateur·ices de contenus \
                      locaux (podcasts, vidéos, BD numériques) sur les thèmes : éducation aux \
                      médias, réseaux sociaux, prévention des risques.",
        status: NON_RETENUE,
        answer: "Il y a déjà de nombreuses ressources qui existent et cela ne semble donc pas \
                 prioritaire.",
        owner: "",
        due: "",
        condition: "",
    },
    // --- Éducation et cultures numériques — à éclaircir --------------------
    // One proposal with three facets (the slide shows one title; the slides'
    // "Deux propositions nécessitent un petit éclaircissement" counts this one
    // and ENV-05).
    Proposal {
        id: "EDU-04",
        theme: EDU,
        title: "Mobilisation citoyenne",
        description: "Favoriser l'expression des habitant·es sur leurs expériences numériques en \
                      leur offrant des espaces de visibilité (événements, plateformes locales).\n\
                      S'appuyer sur un réseau de structures (centres sociaux, écoles, associations) \
                      pour mobiliser des publics souvent éloignés des démarches institutionnelles.\n\
                      Créer un réseau d'ambassadeur·ices du numérique, éventuellement indemnisé·es.",
        status: A_ECLAIRCIR,
        answer: "",
        owner: "",
        due: "",
        condition: "",
    },
    // --- Inclusion numérique — propositions acceptées -----------------------
    Proposal {
        id: "INC-01",
        theme: INC,
        title: "Former les développeurs et développeuses de l'EMS aux enjeux de l'accessibilité",
        description: "Former les développeurs et développeuses de l'EMS aux enjeux de \
                      l'accessibilité pour que cela soit intégré dès le départ dans tout nouveau \
                      développement.",
        status: ACCEPTEE,
        answer: "Une demande de financement a été faite à la DRH pour proposer en 2026 aux \
                 développeurs et contributeurs.",
        owner: "",
        due: "2026",
        condition: "demande de financement faite à la DRH",
    },
    Proposal {
        id: "INC-02",
        theme: INC,
        title: "Disposer d'un réseau des personnes en soutien numérique",
        description: "Disposer, en plus du réseau des conseillers numériques, d'un réseau des \
                      personnes en soutien numérique (CSC, associations de personnes concernées) \
                      afin de faire remonter les difficultés à l'EMS et aider les personnes en \
                      soutien dans leur travail en partageant des ressources et des informations.",
        status: ACCEPTEE,
        answer: "Un tel réseau a existé et sera réactivé au printemps 2026, sous l'animation \
                 opérationnelle de Sam DANTZER",
        owner: "Sam DANTZER (animation opérationnelle)",
        due: "printemps 2026",
        condition: "",
    },
    Proposal {
        id: "INC-03",
        theme: INC,
        title: "Demander à la CTS de respecter le RGAA",
        description: "Demander à la CTS de respecter le RGAA",
        status: ACCEPTEE,
        answer: "un courrier demandant des informations sur leurs engagements à ce sujet sera \
                 envoyé.",
        owner: "",
        due: "",
        condition: "",
    },
    // --- Inclusion numérique — acceptée mais modifiée -----------------------
    Proposal {
        id: "INC-04",
        theme: INC,
        title: "Conditionner les subventions publiques au respect du RGAA",
        description: "Conditionner les subventions publiques, à partir d'un certain montant, au \
                      respect du RGAA sur le site de l'association.",
        status: MODIFIEE,
        answer: "plutôt que conditionner, nous préférons inciter et outiller, et un travail peut \
                 être réalisé en ce sens en lien avec la mission vie associative.",
        owner: "mission vie associative",
        due: "",
        condition: "",
    },
    // --- Inclusion numérique — transversales, remontées à la DGA ------------
    Proposal {
        id: "INC-05",
        theme: INC,
        title: "Simplifier le langage administratif",
        description: "Simplifier le langage administratif, particulièrement pour l'accès aux \
                      droits",
        status: DGA,
        answer: "",
        owner: "DGA",
        due: "",
        condition: "",
    },
    Proposal {
        id: "INC-06",
        theme: INC,
        title: "Inclure dans chaque formulaire le numéro de téléphone de la personne à joindre",
        description: "Dans chaque formulaire, inclure le numéro de téléphone de la personne à \
                      joindre en cas de difficulté avec le formulaire.",
        status: DGA,
        answer: "",
        owner: "DGA",
        due: "",
        condition: "",
    },
    Proposal {
        id: "INC-07",
        theme: INC,
        title: "Mentionner les alternatives non numériques dans toute communication",
        description: "Toute communication sur des démarches numériques doit inclure une mention \
                      des alternatives non numériques (ex : communication de l'EMS par poster).",
        status: DGA,
        answer: "",
        owner: "DGA",
        due: "",
        condition: "",
    },
    Proposal {
        id: "INC-08",
        theme: INC,
        title: "Traduire les formulaires au moins en anglais",
        description: "Traduire les formulaires au moins en anglais",
        status: DGA,
        answer: "",
        owner: "DGA",
        due: "",
        condition: "",
    },
    // --- Inclusion numérique — hors périmètre -------------------------------
    Proposal {
        id: "INC-09",
        theme: INC,
        title: "Assurer des formations de français pour les parents d'élèves",
        description: "Assurer des formations de français pour les parents d'élèves et soutenir \
                      les associations qui proposent des formations en langues.",
        status: HORS_PERIMETRE,
        answer: "",
        owner: "",
        due: "",
        condition: "",
    },
    Proposal {
        id: "INC-10",
        theme: INC,
        title: "Produire des ressources adaptées pour des formations d'adultes",
        description: "Produire des ressources adaptées pour des formations d'adultes, des \
                      formations en langue étrangère, etc.",
        status: HORS_PERIMETRE,
        answer: "",
        owner: "",
        due: "",
        condition: "",
    },
    // --- Inclusion numérique — non retenue -----------------------------------
    Proposal {
        id: "INC-11",
        theme: INC,
        title: "Former les médiateurs et les médiatrices numériques aux langues étrangères",
        description: "Former les médiateurs et les médiatrices numériques aux langues étrangères \
                      et à l'anglais au minimum",
        status: NON_RETENUE,
        answer: "Après échange avec la coordinatrice des conseillers numériques, la plupart des \
                 médiateurs et médiatrices ont un niveau correct en anglais et en cas de \
                 difficulté, les personnes utilisent des outils de traduction.",
        owner: "",
        due: "",
        condition: "",
    },
    // --- Impact environnemental du numérique — propositions acceptées -------
    Proposal {
        id: "ENV-01",
        theme: ENV,
        title: "Récolte de la chaleur produite par les data centers",
        description: "Recommandations liées à la récolte de la chaleur produite par les data \
                      centers pour le chauffage urbain et les logements (installation de panneaux \
                      solaires en toiture, optimisation des équipements, maîtrise du \
                      refroidissement et valorisation de la chaleur)",
        status: ACCEPTEE,
        answer: "",
        owner: "",
        due: "",
        condition: "",
    },
    Proposal {
        id: "ENV-02",
        theme: ENV,
        title: "Sensibilisation des citoyens aux impacts écologiques du smartphone",
        description: "Sensibilisation des citoyens aux impacts écologiques du smartphone",
        status: ACCEPTEE,
        answer: "nous pourrions nous appuyer sur des ressources existantes pour les communiquer \
                 vers le grand public, via différents moyens : panneaux d'affichage dans la \
                 ville, site internet, accueil du centre administratif et des mairies de \
                 quartier...",
        owner: "",
        due: "",
        condition: "",
    },
    Proposal {
        id: "ENV-03",
        theme: ENV,
        title: "Sensibilisation auprès des agents sur les bonnes pratiques à adopter",
        description: "Sensibilisation auprès des agents sur les bonnes pratiques à adopter",
        status: ACCEPTEE,
        answer: "le travail mené lors de la SENR mérite d'être amplifié tout au long de l'année \
                 et nous souhaitons aller dans ce sens par différents moyens : mise en place \
                 d'un tableau de bord sur son impact environnemental, formations et \
                 sensibilisation tout au long de l'année...",
        owner: "",
        due: "",
        condition: "",
    },
    Proposal {
        id: "ENV-04",
        theme: ENV,
        title: "Recensement des points de collecte sur Stras'App et le site de l'EMS",
        description: "Recensement des points de collecte sur Stras'App et le site de l'EMS",
        status: ACCEPTEE,
        answer: "En lien avec la communication numérique, ces points seront ajoutés.",
        owner: "Communication numérique",
        due: "",
        condition: "",
    },
    // --- Impact environnemental du numérique — à éclaircir ------------------
    Proposal {
        id: "ENV-05",
        theme: ENV,
        title: "Développer une mutualisation des services de recyclage et de revalorisation",
        description: "Développer une mutualisation des services proposés par les associations et \
                      entreprises de recyclage et revalorisation pour optimiser le recyclage",
        status: A_ECLAIRCIR,
        answer: "",
        owner: "",
        due: "",
        condition: "",
    },
];

/// Columns of the "Propositions" sheet: header and width (in characters).
const COLUMNS: &[(&str, f64)] = &[
    ("N°", 9.0),
    ("Thème", 20.0),
    ("Proposition", 36.0),
    ("Description", 60.0),
    ("Statut", 22.0),
    ("Réponse de l'EMS", 60.0),
    ("Pilote", 20.0),
    ("Échéance", 13.0),
    ("Condition", 28.0),
    ("Avancement", 12.0),
];

const TITLE: &str =
    "Conseil eurométropolitain du numérique responsable — registre des préconisations 2025";
const SUBTITLE: &str = "Premiers retours de l'administration — séance du samedi 15 novembre 2025";
const HEADER_ROW: u32 = 3; // 0-based: row 4 in Excel

fn write_register(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();

    // Fixed creation date: without it the file would change at every run.
    let created = ExcelDateTime::from_ymd(2025, 11, 17)?.and_hms(9, 0, 0)?;
    let properties = DocProperties::new()
        .set_title("Registre des préconisations 2025 du CENR")
        .set_subject("Conseil eurométropolitain du numérique responsable — premiers retours de l'administration")
        .set_author("DNSI — Eurométropole de Strasbourg")
        .set_company("Eurométropole de Strasbourg")
        .set_keywords("CENR, préconisations, numérique responsable, 2025")
        .set_comment("Transcription des diapositives de la séance du 15 novembre 2025")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);

    let propositions = workbook.add_worksheet();
    write_propositions_sheet(propositions)?;

    let notes = workbook.add_worksheet();
    write_notes_sheet(notes)?;

    workbook.save(path)
}

fn write_propositions_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name("Propositions")?;

    let title = Format::new().set_bold().set_font_size(14);
    let subtitle = Format::new().set_italic().set_font_color(0x595959);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xDDEBF7)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let percent = cell.clone().set_num_format("0 %");

    let last_col = (COLUMNS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last_col, TITLE, &title)?;
    sheet.merge_range(1, 0, 1, last_col, SUBTITLE, &subtitle)?;
    sheet.set_row_height(0, 22)?;

    for (col, (name, width)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, *width)?;
        sheet.write_string_with_format(HEADER_ROW, col, *name, &header)?;
    }

    for (i, p) in PROPOSALS.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let values = [
            p.id,
            p.theme,
            p.title,
            p.description,
            p.status,
            p.answer,
            p.owner,
            p.due,
            p.condition,
        ];
        for (col, value) in values.iter().enumerate() {
            let col = col as u16;
            if value.is_empty() {
                sheet.write_blank(row, col, &cell)?;
            } else {
                sheet.write_string_with_format(row, col, *value, &cell)?;
            }
        }
        // "Avancement": the slides give no progress yet; the column is ready
        // for a percentage.
        sheet.write_blank(row, last_col, &percent)?;
    }

    let last_row = HEADER_ROW + PROPOSALS.len() as u32;
    sheet.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

fn write_notes_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name("Notes")?;

    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 42)?;
    sheet.set_column_width(1, 90)?;

    sheet.write_string_with_format(0, 0, "Notes sur le registre", &title)?;

    let sources = [
        "Source : diapositives de la séance du Conseil eurométropolitain du numérique \
         responsable (CENR) du samedi 15 novembre 2025, Eurométropole de Strasbourg.",
        "Les propositions et les réponses de l'EMS sont reprises mot pour mot, dans l'ordre \
         des diapositives ; pilotes, échéances et conditions ne sont indiqués que là où les \
         diapositives les donnent.",
        "Une cellule vide signifie que les diapositives ne disent rien sur ce point : rien n'a \
         été ajouté.",
        "« Mobilisation citoyenne » est une seule proposition à trois volets : avec la \
         mutualisation des services de recyclage (ENV-05), c'est l'une des deux propositions \
         qui « nécessitent un petit éclaircissement ».",
        "La colonne « Avancement » (0 à 100 %) sera renseignée au fil du suivi en 2026.",
    ];
    for (i, line) in sources.iter().enumerate() {
        sheet.merge_range(2 + i as u32, 0, 2 + i as u32, 1, line, &wrap)?;
        sheet.set_row_height(2 + i as u32, 30)?;
    }

    let vocab_row = 2 + sources.len() as u32 + 1;
    sheet.write_string_with_format(vocab_row, 0, "Statut", &bold)?;
    sheet.write_string_with_format(vocab_row, 1, "Signification", &bold)?;
    #[rustfmt::skip]
    let vocabulary = [
        (ACCEPTEE, "acceptée et réalisable en 2026"),
        (MODIFIEE, "acceptée sous une forme modifiée (par exemple « inciter et outiller » plutôt que « conditionner »)"),
        (DGA, "acceptée, mais de nature transversale et donc remontée à la direction générale adjointe (DGA)"),
        ("encore à l'étude", "la réponse n'est pas encore arrêtée"),
        (A_ECLAIRCIR, "l'administration a besoin d'un éclaircissement du CENR"),
        (NON_RETENUE, "non acceptée ; la raison est donnée dans la réponse"),
        (HORS_PERIMETRE, "hors du périmètre des compétences de l'EMS"),
    ];
    for (i, (label, meaning)) in vocabulary.iter().enumerate() {
        let row = vocab_row + 1 + i as u32;
        sheet.write_string(row, 0, *label)?;
        sheet.write_string_with_format(row, 1, *meaning, &wrap)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Débat mouvant — ILLUSTRATIVE answers
// ---------------------------------------------------------------------------

/// The five statements, verbatim from the slides (they are the CSV headers).
const STATEMENTS: [&str; 5] = [
    "Le rythme d'une rencontre par mois environ était adapté.",
    "Le temps global que j'ai consacré au CENR correspondait à ce à quoi je m'attendais au départ.",
    "La composition du CENR reflète bien la diversité des usagers du numérique.",
    "Le CENR a reçu les moyens nécessaires (temps, informations, accompagnement) pour travailler efficacement.",
    "Se lever le samedi matin pour aller au CENR, c'était l'assurance d'un moment convivial !",
];

/// Answer codes used in `PARTICIPANTS`, one letter per statement.
fn answer_label(code: char) -> &'static str {
    match code {
        'A' => "tout à fait d'accord",
        'B' => "plutôt d'accord",
        'C' => "ni d'accord ni pas d'accord",
        'D' => "plutôt pas d'accord",
        'E' => "pas du tout d'accord",
        'S' => "sans avis",
        '.' => "", // left empty
        other => panic!("unknown answer code {other:?}"),
    }
}

/// ILLUSTRATIVE answers, invented for the sample: one line per participant,
/// one letter per statement (rythme, temps, composition, moyens, convivialité).
/// A = tout à fait d'accord … E = pas du tout d'accord, S = sans avis, . = empty.
/// The environment group has only 3 people, so privacy pooling shows.
const PARTICIPANTS: &[(&str, &str, &str)] = &[
    ("P01", EDU, "ABCBA"),
    ("P02", EDU, "BBDBA"),
    ("P03", EDU, "AADCA"),
    ("P04", EDU, "BCEBA"),
    ("P05", EDU, "ABBAA"),
    ("P06", EDU, "DCDDB"),
    ("P07", EDU, "BBCBA"),
    ("P08", EDU, "ASBSA"),
    ("P09", EDU, "BDDBB"),
    ("P10", EDU, "ABC.A"),
    ("P11", EDU, "CBABB"),
    ("P12", INC, "ABEBA"),
    ("P13", INC, "BADCA"),
    ("P14", INC, "ABDBA"),
    ("P15", INC, "BCBAB"),
    ("P16", INC, "EDDEC"),
    ("P17", INC, "ABCBA"),
    ("P18", INC, "BBSDB"),
    ("P19", INC, "CBDBA"),
    ("P20", INC, "ADBA."),
    ("P21", INC, "SCCBB"),
    ("P22", INC, "BBEDA"),
    ("P23", ENV, "AAABA"),
    ("P24", ENV, "BB.CS"),
    ("P25", ENV, "ACBBA"),
];

/// As French Excel saves "CSV UTF-8": BOM, `;` delimiter, CRLF line ends.
fn write_debat_mouvant(path: &Path) -> std::io::Result<()> {
    let mut out = String::from("\u{FEFF}");
    let mut header = vec!["participant", "groupe"];
    header.extend(STATEMENTS);
    push_record(&mut out, &header, "\r\n");
    for (id, group, codes) in PARTICIPANTS {
        assert_eq!(codes.chars().count(), STATEMENTS.len(), "{id}");
        let mut record = vec![*id, *group];
        record.extend(codes.chars().map(answer_label));
        push_record(&mut out, &record, "\r\n");
    }
    fs::write(path, out)
}

// ---------------------------------------------------------------------------
// World café — ILLUSTRATIVE suggestions
// ---------------------------------------------------------------------------

/// ILLUSTRATIVE post-its (groupe, catégorie, suggestion, votes), invented for
/// the sample, in the spirit of the session's slides.
#[rustfmt::skip]
const SUGGESTIONS: &[(&str, &str, &str, &str)] = &[
    ("finalité", "Suivi des propositions", "Organiser des temps d'information en 2026 sur les suites données et les réalisations concrètes", "9"),
    ("finalité", "Suivi des propositions", "Publier un tableau de suivi des préconisations mis à jour chaque trimestre", "7"),
    ("finalité", "Suivi des propositions", "Donner une réponse écrite et motivée pour chaque proposition, y compris celles qui ne sont pas retenues", "6"),
    ("finalité", "Suivi des propositions", "Associer des membres du CENR au comité de sélection de l'appel à projets", "4"),
    ("finalité", "Rôle du conseil", "Expliquer dès le départ ce qui relève des compétences de l'EMS et ce qui est hors périmètre", "8"),
    ("finalité", "Rôle du conseil", "Présenter les préconisations au prochain exécutif en présence de membres du CENR", "5"),
    ("finalité", "Composition", "Aller chercher les publics éloignés du numérique via les centres sociaux et les associations", "6"),
    ("finalité", "Composition", "Tirer au sort une partie des membres pour diversifier les profils", "3"),
    ("finalité", "Composition", "Faire venir davantage de jeunes et de personnes en activité", "2"),
    ("animation", "Rythme et format", "Garder une rencontre par mois mais annoncer le calendrier de l'année dès la première séance", "7"),
    ("animation", "Rythme et format", "Alterner les samedis matin et des soirées en semaine", "4"),
    ("animation", "Rythme et format", "Prévoir un temps de travail en petits groupes entre les séances, en visio pour qui le souhaite", "2"),
    ("animation", "Information", "Envoyer les documents avant chaque séance pour pouvoir les lire à l'avance", "8"),
    ("animation", "Information", "Faire intervenir les services concernés pour répondre à nos questions", "6"),
    ("animation", "Information", "Distribuer un glossaire des sigles (DNSI, DGA, RGAA, CTS…)", "5"),
    ("animation", "Convivialité", "Garder le déjeuner en fin de séance : c'est là qu'on échange le plus", "6"),
    ("animation", "Convivialité", "Prévoir un tour de présentation des membres en début de cycle", "3"),
    ("animation", "Accompagnement", "Rembourser les frais de transport et proposer une solution de garde d'enfants", "4"),
];

/// Plain UTF-8 (no BOM), `;` delimiter, LF line ends.
fn write_suggestions(path: &Path) -> std::io::Result<()> {
    let mut out = String::new();
    push_record(
        &mut out,
        &["groupe", "catégorie", "suggestion", "votes"],
        "\n",
    );
    for (group, category, text, votes) in SUGGESTIONS {
        push_record(&mut out, &[*group, *category, *text, *votes], "\n");
    }
    fs::write(path, out)
}

/// Appends one `;`-separated record, quoting a field only when it must be.
fn push_record(out: &mut String, fields: &[&str], eol: &str) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if field.contains([';', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str(eol);
}

// ---------------------------------------------------------------------------

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs"));
    fs::create_dir_all(&dir)?;

    let files = [
        "propositions-2025.xlsx",
        "debat-mouvant-2025.csv",
        "suggestions-2025.csv",
    ];
    write_register(&dir.join(files[0]))?;
    write_debat_mouvant(&dir.join(files[1]))?;
    write_suggestions(&dir.join(files[2]))?;
    for file in files {
        println!("wrote {}", dir.join(file).display());
    }
    Ok(())
}
