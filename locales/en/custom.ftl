# bilan.toml: [texts], [branding], the wordings of the register read by `bilan check`.

config-colour-form = branding.colour: a colour is written in hexadecimal, as colour = "#1F4E79", not "{ $value }"
config-colour-contrast = branding.colour: "{ $value }" has a contrast of only { $ratio }:1 against white; text needs at least 4.5:1 (WCAG 1.4.3): choose a darker shade
config-logo-kind = branding.logo: "{ $path }" must be an SVG or PNG image
config-logo-alt = branding.logo_alt: the logo "{ $path }" needs an alternative text, for instance logo_alt = "City of Villeneuve"
config-logo-alt-alone = branding.logo_alt: there is no logo (branding.logo) to describe
config-texts-unknown = texts: "{ $key }" is not an entry of the catalogue of texts (see templates/texts.toml, written out by `bilan templates export`)
config-texts-unknown-close = texts: "{ $key }" is not an entry of the catalogue of texts; did you mean "{ $close }"?
config-texts-not-text = texts: "{ $key }" must be a text, or a text per language: { "{" } fr = "…", en = "…" { "}" }
config-texts-placeholder = texts: "{ $key }" inserts { $name }, which the template does not give this sentence (possible values: { $valid })
config-texts-invalid = texts: { $cause }
check-wordings-title = Statuses read in the register:
check-wording = "{ $wording }" → { $status }, { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
config-logo-outside = branding.logo: "{ $path }" must be a file of the project folder, given by a relative path (for instance logo = "images/logo.svg")
suggestions-column-identity = the column "{ $column }" names or reaches a person: its answers do not become suggestions
suggestions-column-missing = no survey has a column "{ $column }" (inputs.suggestions.survey_column)
suggestions-column-missing-hint = copy the header of the free-text question as the export writes it, for instance survey_column = "An idea to improve the council?"
