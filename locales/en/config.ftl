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
