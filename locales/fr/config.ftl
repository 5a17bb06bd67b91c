# Ce qui ne va pas dans bilan.toml, en français. Les clés et les valeurs du fichier sont
# citées telles qu’écrites ; $section est le nom pointé d’une table (report.contact), ou
# top pour le fichier lui-même.

config-missing = aucun fichier de configuration à « { $path } » (lancez `bilan init DOSSIER` pour créer un projet, ou indiquez --config CHEMIN)
config-unreadable = impossible de lire « { $path } » ({ $cause })
config-toml-error = { $message }
config-toml-error-at = { $message } (ligne { $line }, colonne { $column })
config-unknown-key-close = clé inconnue « { $key } » { $section ->
        [top] au premier niveau
       *[other] dans [{ $section }]
    } (ligne { $line }, colonne { $column }) : vouliez-vous dire « { $close } » ?
config-unknown-key-valid = clé inconnue « { $key } » { $section ->
        [top] au premier niveau
       *[other] dans [{ $section }]
    } (ligne { $line }, colonne { $column }) ; clés valides : { $valid }
config-session-date-not-date = report.session_date : doit être une date comme 2025-11-15, pas { $value }
config-session-date-invalid = report.session_date : { $cause }
config-pdf-standards-two-pdfa = outputs.pdf_standards : un seul niveau PDF/A à la fois (par exemple ["ua-1", "a-2b"])
config-min-group-size = privacy.min_group_size : doit être compris entre 1 et 1000
config-out-unusable = le dossier de sortie est inutilisable ({ $cause })
