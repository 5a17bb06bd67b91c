# Ce que les commandes de bilan disent dans le terminal, en français.
# Les codes comme unknown-status ne se traduisent pas ; seuls ces textes le sont.

severity-error = erreur
severity-warning = avertissement
hint = conseil
place-sheet = feuille « { $name } »
place-row = ligne { $row }
place-column = colonne « { $name } »

# Texte qui n’a pas encore de message à lui.
raw = { $text }

closing-check = { $proposals ->
        [one] { $proposals } proposition vérifiée
       *[other] { $proposals } propositions vérifiées
    } : { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
closing-check-refused = { $rows ->
        [one] { $rows } proposition vérifiée
       *[other] { $rows } propositions vérifiées
    } : { $proposals ->
        [one] { $proposals } lue
       *[other] { $proposals } lues
    }, { $refused ->
        [one] { $refused } refusée
       *[other] { $refused } refusées
    } ; { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
closing-build-stopped = génération arrêtée : { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    } dans les fichiers d’entrée ; les documents précédents sont intacts
closing-build = { $dir } écrit : { $files } en { $seconds } s
summary-fiches = { $count ->
        [one] { $count } fiche
       *[other] { $count } fiches
    }
init-created = projet bilan créé dans « { $dir } » ({ $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    }) ; pour le générer : `bilan --config { $config } build`
init-exists = un projet existe déjà ici ; bilan init n’y touche pas
templates-wrote = { $path } écrit
templates-exists = « { $path } » existe déjà (ajoutez --force pour l’écraser)
edition-busy = une autre construction bilan écrit « { $dir } » en ce moment (elle tient « { $lock } ») : attendez qu’elle se termine, puis relancez ; rien n’a été écrit
error-prefix = erreur
closing-template-failed = génération arrêtée : le modèle de { $document } a échoué ; les documents précédents sont intacts
watch-watching = surveillance de { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    } (la configuration et ses fichiers d’entrée) et du dossier templates/ ; Ctrl-C pour arrêter
watch-rebuild = « { $path } » a changé : nouvelle génération
watch-failed = surveillance : les derniers documents valides sont conservés ; en attente de la prochaine modification
