# What is wrong with bilan.toml, in English. Keys and values of the file are quoted as
# written; $valid lists the keys the key's table accepts.

config-missing = no configuration file at "{ $path }" (run `bilan init DIR` to create a project, or pass --config PATH)
config-unreadable = failed to read "{ $path }" ({ $cause })
config-toml-error = { $message }
config-toml-error-at = { $message } (line { $line }, column { $column })
config-unknown-key = unknown field "{ $key }", expected one of { $valid } (line { $line }, column { $column })
config-unknown-key-close = unknown field "{ $key }", expected one of { $valid } (line { $line }, column { $column }); did you mean "{ $close }"?
config-session-date-not-date = report.session_date: must be a date like 2025-11-15, not { $value }
config-session-date-invalid = report.session_date: { $cause }
config-pdf-standards-two-pdfa = outputs.pdf_standards: only one PDF/A level at a time (e.g. ["ua-1", "a-2b"])
config-min-group-size = privacy.min_group_size: must be between 1 and 1000
config-out-unusable = the output folder cannot be used ({ $cause })
config-not-found = no bilan.toml in "{ $dir }" nor in its parent folders (run `bilan init DIR` to create a project, or pass --config PATH)
config-edition-not-number = report.edition: a year is written as a number, without quotes: edition = { $example }, not "{ $value }" (line { $line }, column { $column })
config-number-not-text = { $key }: a number is written without quotes: { $name } = { $example }, not "{ $value }" (line { $line }, column { $column })
config-session-date-text = report.session_date: a date is written year-month-day, without quotes: session_date = 2025-12-12, not "{ $value }" (line { $line }, column { $column })
config-session-date-text-read = report.session_date: a date is written year-month-day, without quotes: "{ $value }" is written session_date = { $converted } (line { $line }, column { $column })
config-edition-range = report.edition: must be a year from { $from } to { $to }, not { $value }
config-session-date-range = report.session_date: { $value } is too far from the edition { $edition }: the session must be held in a year from { $from } to { $to }
config-path-backslash = the path "{ $path }" (line { $line }, column { $column }): between double quotes, TOML reads a \ as the start of an escape (\r, \t, \U…); write the path with / ("{ $slashes }") or between single quotes ('{ $path }')
config-path-control = { $key }: a path holds a control character (a tab, a line break…) that TOML made of a \ between double quotes; write paths with / or between single quotes ('C:\dossier\registre.xlsx')
config-limit-range = { $key }: { $value } is out of range; write a number between { $from } and { $to }
config-previous-not-before = inputs.previous: "{ $path }" is given the edition { $year }, which is not before this edition ({ $edition }); give its year with { "{" } path = "{ $path }", edition = … { "}" }
config-previous-not-increasing = inputs.previous: "{ $path }" is given the edition { $year }, not after the one before it in the list ({ $before }); list the editions oldest first, each with its year ({ "{" } path = "…", edition = … { "}" }) when they are not consecutive
