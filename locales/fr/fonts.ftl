# Les diagnostics sur les caractères des données qu’aucune police ne sait afficher, en
# français.

missing-glyph = { $count ->
        [one] le caractère { $chars } n’est
       *[other] les caractères { $chars } ne sont
    } dans aucune police de bilan : les documents affichent { $replacement } à la place
missing-glyph-text = « { $text } » : { $count ->
        [one] le caractère { $chars } n’est
       *[other] les caractères { $chars } ne sont
    } dans aucune police de bilan : les documents affichent { $replacement } à la place
missing-glyph-setting = { $key } : { $count ->
        [one] le caractère { $chars } n’est
       *[other] les caractères { $chars } ne sont
    } dans aucune police de bilan : les documents affichent { $replacement } à la place
missing-glyph-more = { $count ->
        [one] { $count } autre texte contient
       *[other] { $count } autres textes contiennent
    } des caractères absents des polices de bilan (non détaillés un par un)
missing-glyph-hint = la génération continue ; pour afficher le caractère, placez une police qui le contient (par exemple Noto Sans CJK pour le chinois, le japonais ou le coréen) dans un dossier listé dans `[fonts] dirs` de bilan.toml
font-folder-unreadable = impossible de lire le dossier de polices « { $path } » ({ $reason }) : ses polices ne sont pas utilisées
font-folder-unreadable-hint = vérifiez `[fonts] dirs` dans bilan.toml : les chemins sont relatifs au dossier du projet
