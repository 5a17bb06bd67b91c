# Ce qui ne va pas dans bilan.toml, en français. Les clés et les valeurs du fichier sont
# citées telles qu’écrites ; $valid liste les clés qu’accepte la table de la clé.

config-missing = aucun fichier de configuration à « { $path } » (lancez `bilan init DOSSIER` pour créer un projet, ou indiquez --config CHEMIN)
config-unreadable = impossible de lire « { $path } » ({ $cause })
config-toml-error = { $message }
config-toml-error-at = { $message } (ligne { $line }, colonne { $column })
config-unknown-key = clé inconnue « { $key } », les clés valides sont { $valid } (ligne { $line }, colonne { $column })
config-unknown-key-close = clé inconnue « { $key } », les clés valides sont { $valid } (ligne { $line }, colonne { $column }) ; vouliez-vous dire « { $close } » ?
config-session-date-not-date = report.session_date : doit être une date comme 2025-11-15, pas { $value }
config-session-date-invalid = report.session_date : { $cause }
config-pdf-standards-two-pdfa = outputs.pdf_standards : un seul niveau PDF/A à la fois (par exemple ["ua-1", "a-2b"])
config-min-group-size = privacy.min_group_size : doit être compris entre 1 et 1000
config-out-unusable = le dossier de sortie est inutilisable ({ $cause })
