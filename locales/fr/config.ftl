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
config-not-found = aucun bilan.toml dans « { $dir } » ni dans ses dossiers parents (lancez `bilan init DOSSIER` pour créer un projet, ou indiquez --config CHEMIN)
config-edition-not-number = report.edition : une année s’écrit en chiffres, sans guillemets : edition = { $example }, et non « { $value } » (ligne { $line }, colonne { $column })
config-number-not-text = { $key } : un nombre s’écrit en chiffres, sans guillemets : { $name } = { $example }, et non « { $value } » (ligne { $line }, colonne { $column })
config-session-date-text = report.session_date : une date s’écrit année-mois-jour, sans guillemets : session_date = 2025-12-12, et non « { $value } » (ligne { $line }, colonne { $column })
config-session-date-text-read = report.session_date : une date s’écrit année-mois-jour, sans guillemets : « { $value } » s’écrit session_date = { $converted } (ligne { $line }, colonne { $column })
config-edition-range = report.edition : doit être une année de { $from } à { $to }, et non { $value }
config-session-date-range = report.session_date : { $value } est trop loin de l’édition { $edition } : la séance doit se tenir une année de { $from } à { $to }
config-path-backslash = le chemin « { $path } » (ligne { $line }, colonne { $column }) : entre guillemets doubles, TOML lit un \ comme le début d’un échappement (\r, \t, \U…) ; écrivez le chemin avec des / (« { $slashes } ») ou entre apostrophes ('{ $path }')
config-path-control = { $key } : un chemin contient un caractère de contrôle (tabulation, saut de ligne…) qu’a produit un \ entre guillemets doubles ; écrivez les chemins avec des / ou entre apostrophes ('C:\dossier\registre.xlsx')
config-limit-range = { $key } : { $value } est hors limites ; indiquez un nombre compris entre { $from } et { $to }
config-previous-not-before = inputs.previous : « { $path } » correspond à l’édition { $year }, qui n’est pas antérieure à cette édition ({ $edition }) ; donnez son année avec { "{" } path = "{ $path }", edition = … { "}" }
config-previous-not-increasing = inputs.previous : « { $path } » correspond à l’édition { $year }, qui ne suit pas celle qui la précède dans la liste ({ $before }) ; listez les éditions de la plus ancienne à la plus récente, chacune avec son année ({ "{" } path = "…", edition = … { "}" }) quand elles ne se suivent pas
