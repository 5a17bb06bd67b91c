# Les diagnostics des lecteurs d’enquête, en français.

survey-empty = le fichier d’enquête est vide (ni en-tête, ni réponses)
survey-empty-hint = exportez de nouveau les réponses, ou indiquez le bon fichier dans bilan.toml
survey-no-answers = l’enquête a un en-tête mais aucune réponse
survey-no-statement = aucune colonne d’affirmation (en-têtes trouvés : { $found })
survey-only-ratings = aucune affirmation d’accord : { $count ->
        [one] seule la question notée ou à réponse oui/non est résumée
       *[other] seules les { $count } questions notées ou à réponse oui/non sont résumées
    }
survey-no-statement-hint = un fichier large a une colonne par affirmation, dont l’en-tête est le texte de l’affirmation ; un fichier long a les colonnes participant, affirmation et réponse
survey-empty-statement = affirmation vide : la réponse ne peut pas être comptée
survey-empty-statement-hint = écrivez le texte de l’affirmation sur chaque ligne
survey-cell-too-long = cellule trop longue ({ $chars } caractères ; une cellule de tableur en contient au plus 32 767)
survey-cell-too-long-hint = cherchez au-dessus de cette cellule un guillemet (") jamais refermé
survey-unknown-answer = réponse inconnue « { $value } » (elle ne correspond à aucune échelle)
survey-unknown-answer-hint = utilisez un libellé d’échelle (« d’accord », « pas d’accord », « tout à fait d’accord »… « pas du tout d’accord », ou en anglais), un nombre de 1 à 5, ou « sans avis »
survey-numbers-as-agreement = { $count ->
        [one] { $count } colonne de nombres de 1 à 5 est lue
       *[other] { $count } colonnes de nombres de 1 à 5 sont lues
    } comme des degrés d’accord, 1 = pas du tout d’accord … 5 = tout à fait d’accord : { $columns }
survey-numbers-as-agreement-hint = si une colonne est une note plutôt qu’un accord, retirez-la de l’export
survey-named-columns = { $shown }{ $more ->
        [0] {""}
       *[other] {" "}et { $more } autres
    }
survey-aside = { $count ->
        [one] { $count } colonne mise
       *[other] { $count } colonnes mises
    } de côté, { $what ->
        [free-text] de texte libre et non de réponses sur une échelle
        [wide-agreement] sur une échelle d’accord de plus de cinq degrés dont deux libellés ont la même force
        [rating] de notes chiffrées (nombres au-delà de 1 à 5)
        [yes-no] de réponses oui/non
        [single-choice] de réponses à choix unique (quelques options, ou une échelle autre que l’accord)
        [multiple-choice] de réponses à choix multiples (plusieurs options cochées dans une cellule)
        [answer-codes] de codes de réponse (A1, AO01…) au lieu des libellés des réponses
        [empty] sans aucune réponse
       *[unknown] dont les valeurs ne correspondent à aucun type connu
    } : { $columns }
survey-aside-free-text-hint = si une colonne est une affirmation, ses réponses doivent être des libellés d’échelle comme « d’accord » / « pas d’accord »
survey-aside-wide-agreement-hint = deux de ses libellés ont la même force (comme « somewhat agree » et « slightly agree ») : on ne peut pas dire lequel est le plus proche du milieu, ses degrés ne sont donc pas fusionnés ; renommez l’un des libellés dans l’export
survey-aside-rating-hint = les notes de 0 à 10 ou de 1 à 7 ne sont pas des affirmations ; leur répartition, leur effectif et leur médiane sont présentés à part, toutes réponses confondues
survey-aside-yes-no-hint = les questions oui/non ne sont pas des affirmations ; la part de oui, avec son intervalle, est présentée à part, toutes réponses confondues
survey-aside-answer-codes-hint = l’export contient les codes des réponses et non leurs libellés : exportez de nouveau avec les réponses complètes (LimeSurvey : Exporter les résultats → Réponses → « Full answers » / réponses complètes) pour que l’accord puisse être lu
survey-aside-choice-hint = les questions à choix ne sont pas des affirmations et ne reçoivent pas de chiffre ; si une colonne est une affirmation, ses réponses doivent être des libellés d’accord comme « d’accord » / « pas d’accord »
survey-aside-empty-hint = une colonne sans aucune réponse est laissée de côté
survey-aside-unknown-hint = les réponses d’une affirmation sont des libellés d’échelle ou des nombres de 1 à 5 ; vérifiez les réponses de la colonne dans l’export
survey-no-sheet-named = aucune feuille nommée « { $name } » dans ce classeur (feuilles : { $sheets })
survey-no-sheet-named-hint = nommez la feuille qui contient les réponses dans bilan.toml : surveys = [{ "{" } path = "…", sheet = "…" { "}" }]
survey-sheet-of-text-file = ce fichier est du texte, pas un classeur : la feuille « { $name } » indiquée pour lui dans bilan.toml est ignorée
survey-sheet-of-text-file-hint = écrivez l’entrée comme un simple chemin, surveys = ["…"], ou indiquez le classeur dont une feuille contient les réponses
survey-no-answer-sheet = aucune feuille de ce classeur ne contient de réponses d’accord (feuilles : { $sheets })
survey-too-many-columns = l’enquête compte { $columns } colonnes ; bilan en lit au plus { $max }
survey-too-many-columns-hint = retirez de l’export les colonnes qui ne sont pas des affirmations, ou découpez l’enquête en plusieurs fichiers (inputs.surveys accepte une liste)
