# bilan.toml: [texts], [branding], the wordings of the register read by `bilan check`.

config-colour-form = branding.colour : une couleur s’écrit en hexadécimal, comme colour = "#1F4E79", et non « { $value } »
config-colour-contrast = branding.colour : « { $value } » n’a qu’un contraste de { $ratio_fr }:1 sur fond blanc ; il en faut au moins 4,5:1 pour du texte (RGAA, critère 3.2) : choisissez une teinte plus foncée
config-logo-kind = branding.logo : « { $path } » doit être une image SVG ou PNG
config-logo-alt = branding.logo_alt : le logo « { $path } » doit avoir une alternative textuelle, par exemple logo_alt = "Ville de Villeneuve"
config-logo-alt-alone = branding.logo_alt : il n’y a pas de logo (branding.logo) à décrire
config-texts-unknown = texts : « { $key } » n’est pas une entrée du catalogue des textes (voir templates/texts.toml, affiché par `bilan templates export`)
config-texts-unknown-close = texts : « { $key } » n’est pas une entrée du catalogue des textes ; vouliez-vous dire « { $close } » ?
config-texts-not-text = texts : « { $key } » doit être un texte, ou un texte par langue : { "{" } fr = "…", en = "…" { "}" }
config-texts-placeholder = texts : « { $key } » insère { $name }, que le modèle ne fournit pas à cette phrase (valeurs possibles : { $valid })
config-texts-invalid = texts : { $cause }
check-wordings-title = Statuts lus dans le registre :
check-wording = « { $wording } » → { $status }, { $count ->
    [one] { $count } ligne
   *[other] { $count } lignes
}
config-logo-outside = branding.logo : « { $path } » doit être un fichier du dossier du projet, donné par un chemin relatif (par exemple logo = "images/logo.svg")
suggestions-column-identity = la colonne « { $column } » nomme ou permet de joindre une personne : ses réponses ne deviennent pas des suggestions
suggestions-column-missing = aucun questionnaire n’a de colonne « { $column } » (inputs.suggestions.survey_column)
suggestions-column-missing-hint = recopiez l’en-tête de la question à texte libre tel que l’export l’écrit, par exemple survey_column = "Une idée pour améliorer le conseil ?"
