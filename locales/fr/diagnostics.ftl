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
