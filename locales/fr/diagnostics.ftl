# Les diagnostics sur les fichiers d’entrée, en français. Chaque message porte le nom
# du code qui l’accompagne (unknown-status), suivi de ce qui le distingue (-hint…).

did-you-mean = vouliez-vous dire « { $label } » ?
more-of-a-kind = { $count ->
        [one] { $count } autre
       *[other] { $count } autres
    } { $what ->
        [unknown-answer] réponses hors de toute échelle
        [cell-too-long] cellules trop longues
        [empty-cell] cellules obligatoires vides
       *[other] problèmes de ce genre
    } (non détaillés un par un)
more-of-a-kind-hint = corrigez les problèmes listés ci-dessus, puis relancez `bilan check`

missing-answer = pas de réponse pour la proposition « { $id } », dont le statut est « { $status } »
missing-answer-hint = écrivez la réponse de l’administration : la note et la fiche l’affichent
missing-answer-column = pas de colonne de réponse : { $count ->
        [one] { $count } proposition tranchée n’a pas de réponse
       *[other] { $count } propositions tranchées n’ont pas de réponse
    }
missing-answer-column-hint = ajoutez une colonne « Réponse » avec les réponses de l’administration
unknown-status = statut inconnu « { $label } »
unknown-status-hint = utilisez l’un de ces libellés : { $labels } (en français ou en anglais)

template-problem = dans { $document } : { $message }
template-outside-project = « { $path } » mène à « { $target } », hors du dossier du projet : les modèles ne lisent que les fichiers du projet
template-outside-project-hint = copiez le fichier dans le dossier du projet au lieu d’y faire un lien
template-not-regular = « { $path } » n’est pas un fichier ordinaire mais { $kind ->
        [pipe] un tube nommé
        [device] un périphérique
        [socket] une socket
        [folder] un dossier
       *[other] un fichier spécial
    }
template-not-regular-hint = templates/ ne doit contenir que des fichiers ordinaires et les dossiers de vos images
template-not-utf8 = « { $path } » n’est pas un texte UTF-8
template-not-utf8-hint = enregistrez le modèle en UTF-8 dans votre éditeur

## input/mod.rs : ouverture d’un fichier d’entrée

missing-file = fichier introuvable
missing-file-hint = vérifiez le chemin dans bilan.toml (un chemin relatif part du dossier de bilan.toml)
unreadable-file = impossible de lire le fichier ({ $cause })
unreadable-file-permission = impossible de lire le fichier (permission refusée)
unreadable-file-folder = impossible de lire le fichier (c’est un dossier, pas un fichier)
unreadable-file-special = impossible de lire le fichier : ce n’est pas un fichier ordinaire mais { $kind ->
        [pipe] un tube nommé
        [device] un périphérique
        [socket] une socket
       *[other] un fichier spécial
    } : bilan ne lit que des fichiers
unreadable-file-special-hint = indiquez dans bilan.toml le fichier exporté lui-même (bilan ne lit ni tube ni périphérique)
unreadable-file-hint = vérifiez que le fichier n’est pas ouvert dans un autre programme et que vous avez le droit de le lire
empty-file-zero-bytes = le fichier est vide (0 octet)
empty-file-export-again-hint = exportez à nouveau les données, ou indiquez le bon fichier dans bilan.toml
not-a-spreadsheet-zip-survey = une archive zip n’est pas un fichier d’enquête (attendu : un fichier CSV ou un classeur)
not-a-spreadsheet-zip-survey-hint = extrayez le fichier CSV de l’enquête de l’archive et indiquez-le dans bilan.toml
not-a-spreadsheet-zip-suggestions = une archive zip n’est pas un fichier de suggestions (attendu : un fichier CSV ou un classeur)
json-too-large = le fichier JSON dépasse { $mib } Mio (bilan lit les registres jusqu’à cette taille)
json-unreadable = ce fichier .json n’est pas du JSON valide (ligne { $line }, colonne { $column } : { $reason })
json-not-records = ce fichier .json n’est pas une liste de propositions : bilan lit le JSON comme l’export des propositions de Decidim, un tableau d’objets
json-shape-hint = exportez de nouveau les propositions depuis Decidim (JSON ou CSV), ou enregistrez le registre en classeur ou en fichier CSV
json-not-a-survey = un fichier JSON n’est pas un fichier de réponses ou de suggestions (bilan ne lit en JSON que le registre : l’export des propositions de Decidim)
json-not-a-survey-hint = exportez les réponses en fichier CSV ou en classeur et indiquez-le dans bilan.toml

## input/register.rs : le registre des propositions. $field est la clé d’un champ : id,
## theme, title, description, status, answer, owner, due, condition, progress,
## previous_id.

empty-file = le fichier est vide
empty-file-sheet = la feuille est vide
empty-file-register-hint = remplissez le registre : une ligne par proposition sous une ligne d’en-têtes
empty-file-no-proposals = le registre ne contient aucune proposition (rien sous la ligne d’en-têtes)
empty-file-no-proposals-hint = ajoutez une ligne par proposition sous la ligne d’en-têtes
missing-column-register = pas de colonne { $field ->
        [theme] de thème
        [title] de titre
        [status] de statut
       *[other] « { $field } »
    } (en-têtes trouvés : { $count ->
        [0] aucun
       *[other] { $found }
    })
missing-column-register-hint = nommez une colonne { $field ->
        [theme] « Thème » (ou « Axe », « Groupe », « Theme »)
        [title] « Titre » (ou « Proposition », « Préconisation », « Title »)
        [status] « Statut » (ou « État », « Décision », « Status »)
       *[other] { "" }
    }
formula-error-field = erreur de formule { $error } dans la cellule { $field ->
        [id] de l’identifiant
        [theme] du thème
        [title] du titre
        [description] de la description
        [status] du statut
        [answer] de la réponse
        [owner] du responsable
        [due] de l’échéance
        [condition] de la condition
        [progress] de l’avancement
        [previous_id] de l’ancien identifiant
       *[other] « { $field } »
    }
formula-error-hint = corrigez la formule, ou copiez la colonne et collez-la en valeurs
cell-too-long = cellule trop longue ({ $chars } caractères ; une cellule de tableur en contient au plus 32 767)
cell-too-long-hint = raccourcissez le texte, ou cherchez un guillemet (") ouvert et jamais refermé
empty-cell-proposal = { $field ->
        [theme] thème
        [title] titre
        [status] statut
       *[other] « { $field } »
    } vide (obligatoire pour chaque proposition)
empty-cell-proposal-hint = remplissez la cellule, ou supprimez la ligne si ce n’est pas une proposition
empty-cell-id = identifiant vide : la proposition est numérotée { $id }
empty-cell-id-hint = donnez un identifiant à chaque proposition, pour qu’elle le garde d’une édition à l’autre
bad-date = échéance illisible « { $value } »
bad-date-hint = écrivez une date (31/03/2026 ou 2026-03-31) ou une période (printemps 2026, T2 2026, S1 2026, mars 2026, fin 2026, 2026)
bad-progress = avancement illisible « { $value } » (attendu : de 0 à 100 %)
bad-progress-hint = écrivez un pourcentage comme 40 %, ou une fraction comme 0,4 dans une cellule au format pourcentage
duplicate-id = identifiant en double « { $id } »
duplicate-id-row = identifiant en double « { $id } » (déjà utilisé ligne { $row })
duplicate-id-hint = donnez à chaque proposition son propre identifiant
duplicate-id-folded = identifiant en double « { $id } » : le même que « { $first } » une fois écrits de la même façon (accents saisis de deux manières, ligatures comme ﬁ ou chasse)
duplicate-id-folded-row = identifiant en double « { $id } » : le même que « { $first } » de la ligne { $row } une fois écrits de la même façon (accents saisis de deux manières, ligatures comme ﬁ ou chasse)

## input/suggestions.rs : les suggestions du world café. $field vaut group ou suggestion.

empty-file-suggestions = le fichier de suggestions est vide
empty-file-suggestions-hint = une ligne par suggestion, sous une ligne d’en-têtes avec les colonnes groupe et suggestion
missing-column-suggestions = pas de colonne { $field ->
        [group] de groupe
       *[suggestion] de suggestion
    } (en-têtes trouvés : { $found })
missing-column-suggestions-hint = nommez une colonne { $field ->
        [group] « Groupe » (ou « Group », « Table »)
       *[suggestion] « Suggestion » (ou « Texte », « Idée »)
    }
formula-error = erreur de formule { $error } dans la cellule
empty-cell-suggestion = { $field ->
        [group] groupe vide
       *[suggestion] suggestion vide
    } (obligatoire pour chaque suggestion)
empty-cell-suggestion-hint = remplissez la cellule, ou supprimez la ligne
bad-number-votes = nombre de votes illisible « { $value } » (attendu : un nombre entier)
bad-number-votes-hint = écrivez le nombre de votes, ou laissez la cellule vide

## input/delimited/ : CSV et autres textes délimités

bad-encoding-not-text = ce n’est pas un fichier texte (il contient des octets nuls : un fichier binaire, ou du texte UTF-16 sans indicateur d’ordre des octets)
bad-encoding-not-text-hint = ouvrez le fichier dans un tableur et enregistrez-le au format « CSV UTF-8 » ou « CSV (point-virgule) »
bad-encoding-replaced = certains octets ne sont pas du { $encoding } valide et ont été remplacés par « � » (le fichier mélange des encodages)
bad-encoding-replaced-hint = ouvrez le fichier dans un tableur et enregistrez-le à nouveau au format « CSV UTF-8 »
empty-file-no-rows = le fichier est vide (ni en-têtes, ni lignes)
too-large-record = l’enregistrement qui commence à cette ligne dépasse { $mib } Mio, et bilan ne lit pas d’enregistrement plus long
too-large-record-hint = cherchez un guillemet (") ouvert à cette ligne et jamais refermé : il fait du reste du fichier une seule cellule
too-large-table = à cette ligne, le fichier contient plus de { $mib } Mio de texte ou de { $cells } cellules (bilan lit les registres et les suggestions jusqu’à cette taille)
too-large-table-hint = vérifiez que c’est le bon fichier : un registre compte une ligne par proposition

## input/spreadsheet/ : les classeurs (xlsx, xlsm, xlsb, xls, ods)

no-sheet-none = le classeur n’a aucune feuille (le fichier est peut-être endommagé)
no-sheet-none-hint = ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau
no-sheet-named = aucune feuille nommée « { $name } » (feuilles : { $sheets })
no-sheet-named-hint = donnez à proposals_sheet dans bilan.toml le nom de l’une des feuilles, ou supprimez ce réglage
not-a-spreadsheet = classeur illisible ({ $cause })
not-a-spreadsheet-zip = classeur illisible (le fichier n’est pas une archive zip valide : il est peut-être tronqué ou endommagé)
not-a-spreadsheet-sheet = impossible de lire la feuille ({ $cause })
not-a-spreadsheet-sheet-zip = impossible de lire la feuille (le fichier n’est pas une archive zip valide : il est peut-être tronqué ou endommagé)
not-a-spreadsheet-sheet-hint = ouvrez le classeur dans Excel ou LibreOffice et enregistrez-le à nouveau
not-a-spreadsheet-reader-failed = classeur illisible (le fichier est endommagé : le lecteur de classeurs a échoué)
not-a-spreadsheet-reader-failed-hint = ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx, ou exportez-le en CSV
not-a-spreadsheet-password = classeur illisible (le classeur est protégé par un mot de passe)
not-a-spreadsheet-password-hint = retirez le mot de passe (dans Excel : Fichier › Informations › Protéger le classeur) et enregistrez-le à nouveau
not-a-spreadsheet-not-zip = classeur illisible (le fichier n’est pas une archive zip valide : il est peut-être tronqué, endommagé, ou c’est un autre type de fichier renommé en .{ $ext })
not-a-spreadsheet-text-hint = il ressemble à un fichier texte (CSV) : renommez-le en .csv
not-a-spreadsheet-save-again-hint = ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .{ $ext }
not-a-spreadsheet-format = classeur illisible (le format n’est ni xlsx, ni xlsm, ni xlsb, ni xls, ni ods)
not-a-spreadsheet-format-hint = enregistrez-le au format .xlsx, .ods ou .csv
not-a-spreadsheet-xls-damaged = classeur illisible (le fichier .xls est endommagé : { $why ->
        [sector-number-past-end] un numéro de secteur dépasse la fin du fichier
        [sector-past-end] un secteur se trouve après la fin du fichier
        [chain-loops] une chaîne de secteurs boucle sur elle-même
        [chain-leaves-table] une chaîne de secteurs sort de sa table
        [allocation-table-too-long] sa table d’allocation compte plus de secteurs que le fichier
        [sheet-past-end] une feuille est placée après la fin du classeur
       *[other] { $why }
    })
not-a-spreadsheet-xls-damaged-hint = ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx
too-large-sheet = les cellules de la feuille couvrent au moins { $range } ({ $cells } cellules ; bilan lit des feuilles d’au plus { $max } cellules)
too-large-sheet-hint = supprimez les cellules isolées loin du tableau (Ctrl+Fin montre la dernière cellule utilisée), ou copiez le tableau seul dans un nouveau fichier
too-large-workbook = le classeur est trop volumineux ({ $mib } Mio ; bilan lit des classeurs d’au plus { $max } Mio)
too-large-workbook-hint = enregistrez le tableau seul dans un nouveau fichier, sans images, ou exportez-le en CSV
too-large-zip-bomb = la partie « { $part } » du classeur se décompresse { $ratio } fois, jusqu’à { $mib } Mio : le fichier ressemble à une bombe zip
too-large-zip-bomb-hint = ce n’est pas un classeur enregistré par Excel ou LibreOffice : vérifiez sa provenance
too-large-inflated = le classeur décompressé fait { $mib } Mio (bilan lit des classeurs d’au plus { $max } Mio)

# input/mod.rs — fichiers de verrou des tableurs
office-lock-named = c’est le fichier de verrou qu’un tableur écrit à côté d’un classeur ouvert, pas un registre
office-lock-named-hint = indiquez dans bilan.toml le classeur lui-même (le même nom sans « ~$ » ni « .~lock. »)
office-lock-beside = le fichier est ouvert dans un tableur (son fichier de verrou est à côté) : les modifications non enregistrées ne sont pas lues
office-lock-beside-hint = enregistrez le fichier (ou fermez-le) avant de lancer bilan
## pipeline.rs : l’appariement de l’édition précédente avec celle-ci. $cause vaut
## other-ids ou other-proposals ; $previous_id et $current_id sont un identifiant non
## apparié de chaque édition.

few-matches = { $matched ->
        [0] aucune des { $previous } propositions de l’édition précédente ne correspond
        [one] une seule des { $previous } propositions de l’édition précédente correspond
       *[other] seules { $matched } des { $previous } propositions de l’édition précédente correspondent
    } à l’une des { $current } de cette édition : { $cause ->
        [other-ids] leurs identifiants suivent une autre numérotation (« { $previous_id } » alors, « { $current_id } » aujourd’hui), comme ceux d’un export Decidim, et leurs titres diffèrent
       *[other] ni leurs identifiants ni leurs titres ne correspondent ; est-ce bien le registre de l’édition précédente ?
    }
few-matches-hint = ajoutez à ce registre une colonne « Ancien N° » donnant l’identifiant de chaque proposition dans l’édition précédente ; une proposition dont le titre n’a pas changé n’en a pas besoin
template-internal-panic = typst s’est arrêté sur une erreur interne en composant les documents ({ $message }) ; rien n’a été écrit
template-internal-panic-hint = cherchez ce qu’un modèle ajoute d’inhabituel (une très grande image, un tableau immense) et essayez sans
limit-time = la composition de { $document } a duré plus de { $seconds } s, la limite de temps par document (limits.document_seconds) ; la génération a été arrêtée et rien n’a été écrit
limit-time-hint = cherchez dans le modèle une boucle qui ne se termine jamais ; un document long mais légitime demande une valeur de limits.document_seconds plus élevée dans bilan.toml
limit-memory = la génération a occupé plus de { $mb } Mio, sa limite de mémoire (limits.memory_mb), en composant { $documents } ; elle a été arrêtée et rien n’a été écrit
limit-memory-build = la génération a occupé plus de { $mb } Mio, sa limite de mémoire (limits.memory_mb), hors de la composition de tout document ; elle a été arrêtée et rien n’a été écrit
limit-memory-hint = cherchez une valeur du modèle qui ne cesse de grandir (une chaîne ou un tableau doublés dans une boucle) ; un projet volumineux mais légitime demande une valeur de limits.memory_mb plus élevée dans bilan.toml
