# Diagnostics about the inputs, in English. Each message is named after the code it
# goes with (unknown-status), followed by what sets it apart (-hint, -column…).

did-you-mean = did you mean "{ $label }"?
more-of-a-kind = { $count } more { $what ->
        [unknown-answer] answers fit no scale
        [cell-too-long] cells are too long
        [empty-cell] required cells are empty
       *[other] problems of this kind
    } (not listed one by one)
more-of-a-kind-hint = fix the problems listed above, then run `bilan check` again

missing-answer = no answer for proposal "{ $id }", whose status is "{ $status }"
missing-answer-hint = write the administration's answer: the note and the fact sheet show it
missing-answer-column = no answer column: { $count ->
        [one] { $count } decided proposal has no answer
       *[other] { $count } decided proposals have no answer
    }
missing-answer-column-hint = add a column "Réponse" with the administration's answers
unknown-status = unknown status "{ $label }"
unknown-status-hint = use one of: { $labels } (French or English)

template-problem = in { $document }: { $message }
template-outside-project = "{ $path }" resolves to "{ $target }", outside the project folder: templates may read only the project's own files
template-outside-project-hint = copy the file into the project folder instead of linking to it
template-not-regular = "{ $path }" is not a regular file but { $kind ->
        [pipe] a named pipe
        [device] a device
        [socket] a socket
        [folder] a folder
       *[other] a special file
    }
template-not-regular-hint = templates/ may hold only ordinary files and the folders of your images
template-not-utf8 = "{ $path }" is not UTF-8 text
template-not-utf8-hint = save the template as UTF-8 in your editor

## input/mod.rs: opening an input

missing-file = file not found
missing-file-hint = check the path in bilan.toml (relative paths start at the folder of bilan.toml)
unreadable-file = failed to read the file ({ $cause })
unreadable-file-permission = failed to read the file (permission denied)
unreadable-file-folder = failed to read the file (it is a folder, not a file)
unreadable-file-special = failed to read the file: it is not a regular file but { $kind ->
        [pipe] a named pipe
        [device] a device
        [socket] a socket
       *[other] a special file
    }: bilan reads only files
unreadable-file-special-hint = point bilan.toml at the exported file itself (bilan does not read pipes or devices)
unreadable-file-hint = check that the file is not open in another program and that you may read it
empty-file-zero-bytes = the file is empty (0 bytes)
empty-file-export-again-hint = export the data again, or point bilan.toml at the right file
not-a-spreadsheet-zip-survey = a zip archive is not a survey file (expected a CSV file or a workbook)
not-a-spreadsheet-zip-survey-hint = extract the survey's CSV file from the archive and point bilan.toml at it
not-a-spreadsheet-zip-suggestions = a zip archive is not a suggestions file (expected a CSV file or a workbook)
json-too-large = the JSON file holds more than { $mib } MiB (bilan reads registers up to that)
json-unreadable = this .json file is not valid JSON (line { $line }, column { $column }: { $reason })
json-not-records = this .json file is not a list of proposals: bilan reads JSON as Decidim's proposals export, an array of objects
json-shape-hint = export the proposals from Decidim again (JSON or CSV), or save the register as a workbook or a CSV file
json-not-a-survey = a JSON file is not a survey or suggestions file (bilan reads JSON registers only: Decidim's proposals export)
json-not-a-survey-hint = export the answers as a CSV file or a workbook and point bilan.toml at it

## input/register.rs: the proposals register. $field is a field's key: id, theme,
## title, description, status, answer, owner, due, condition, progress, previous_id.

empty-file = the file is empty
empty-file-sheet = the sheet is empty
empty-file-register-hint = fill in the register: one row per proposal under a header row
empty-file-no-proposals = the register has no proposals (nothing under the header row)
empty-file-no-proposals-hint = add one row per proposal under the header row
missing-column-register = no { $field ->
        [due] due date
       *[other] { $field }
    } column (headers found: { $count ->
        [0] none
       *[other] { $found }
    })
missing-column-register-hint = name a column { $field ->
        [theme] "Thème" (or "Axe", "Groupe", "Theme")
        [title] "Titre" (or "Proposition", "Préconisation", "Title")
        [status] "Statut" (or "État", "Décision", "Status")
       *[other] { "" }
    }
formula-error-field = formula error { $error } in the { $field ->
        [due] due date
        [previous_id] previous id
       *[other] { $field }
    } cell
formula-error-hint = fix the formula, or copy the column and paste it as values
cell-too-long = cell too long ({ $chars } characters; a spreadsheet cell holds at most 32,767)
cell-too-long-hint = shorten the text, or look for a quote (") that is never closed
empty-cell-proposal = empty { $field ->
        [due] due date
       *[other] { $field }
    } (every proposal needs one)
empty-cell-proposal-hint = fill in the cell, or delete the row if it is not a proposal
empty-cell-id = empty id: the proposal is numbered { $id }
empty-cell-id-hint = give every proposal an id, so that it keeps it from one edition to the next
bad-date = cannot read the due date "{ $value }"
bad-date-hint = write a date (31/03/2026 or 2026-03-31) or a period (printemps 2026, T2 2026, S1 2026, mars 2026, fin 2026, 2026)
bad-progress = cannot read the progress "{ $value }" (expected 0 to 100 %)
bad-progress-hint = write a percentage such as 40 %, or a fraction such as 0.4 in a cell formatted as percent
duplicate-id = duplicate id "{ $id }"
duplicate-id-row = duplicate id "{ $id }" (first used on row { $row })
duplicate-id-hint = give each proposal its own id
duplicate-id-folded = duplicate id "{ $id }": the same as "{ $first }" once written alike (accents typed in two ways, ligatures such as ﬁ, or width)
duplicate-id-folded-row = duplicate id "{ $id }": the same as "{ $first }" of row { $row } once written alike (accents typed in two ways, ligatures such as ﬁ, or width)

## input/suggestions.rs: the world-café suggestions. $field is group or suggestion.

empty-file-suggestions = the suggestions file is empty
empty-file-suggestions-hint = one row per suggestion, under a header with columns groupe and suggestion
missing-column-suggestions = no { $field } column (headers found: { $found })
missing-column-suggestions-hint = name a column { $field ->
        [group] "Groupe" (or "Group", "Table")
       *[suggestion] "Suggestion" (or "Texte", "Idée")
    }
formula-error = formula error { $error } in the cell
empty-cell-suggestion = empty { $field } (every suggestion needs one)
empty-cell-suggestion-hint = fill in the cell, or delete the row
bad-number-votes = cannot read the votes "{ $value }" (expected a whole number)
bad-number-votes-hint = write the number of votes, or leave the cell empty

## input/delimited/: CSV and other delimited text

bad-encoding-not-text = not a text file (it holds NUL bytes: a binary file, or UTF-16 text without a byte-order mark)
bad-encoding-not-text-hint = open the file in a spreadsheet program and save it as "CSV UTF-8" or "CSV (point-virgule)"
bad-encoding-replaced = some bytes are not valid { $encoding } and were replaced by "�" (the file mixes encodings)
bad-encoding-replaced-hint = open the file in a spreadsheet program and save it again as "CSV UTF-8"
empty-file-no-rows = the file is empty (no header, no rows)
too-large-record = the record starting on this line is longer than { $mib } MiB, and bilan reads no longer records
too-large-record-hint = look for a quote (") opened on this line and never closed: it makes the rest of the file one cell
too-large-table = the file holds more than { $mib } MiB of text or { $cells } cells by this line (bilan reads registers and suggestions up to that)
too-large-table-hint = check that this is the right file: a register has one row per proposal

## input/spreadsheet/: workbooks (xlsx, xlsm, xlsb, xls, ods)

no-sheet-none = the workbook has no sheets (the file may be damaged)
no-sheet-none-hint = open it in Excel or LibreOffice and save it again
no-sheet-named = no sheet named "{ $name }" (sheets: { $sheets })
no-sheet-named-hint = set proposals_sheet in bilan.toml to one of the sheets, or remove it
not-a-spreadsheet = not a readable spreadsheet ({ $cause })
not-a-spreadsheet-zip = not a readable spreadsheet (the file is not a valid zip archive: it may be truncated or damaged)
not-a-spreadsheet-sheet = failed to read the sheet ({ $cause })
not-a-spreadsheet-sheet-zip = failed to read the sheet (the file is not a valid zip archive: it may be truncated or damaged)
not-a-spreadsheet-sheet-hint = open the workbook in Excel or LibreOffice and save it again
not-a-spreadsheet-reader-failed = not a readable spreadsheet (the file is damaged: the spreadsheet reader failed on it)
not-a-spreadsheet-reader-failed-hint = open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV
not-a-spreadsheet-password = not a readable spreadsheet (the workbook is password-protected)
not-a-spreadsheet-password-hint = remove the password (in Excel: File › Info › Protect Workbook) and save it again
not-a-spreadsheet-not-zip = not a readable spreadsheet (the file is not a valid zip archive: it may be truncated, damaged, or another kind of file renamed to .{ $ext })
not-a-spreadsheet-text-hint = it looks like a text (CSV) file: rename it to .csv
not-a-spreadsheet-save-again-hint = open it in Excel or LibreOffice and save it again as .{ $ext }
not-a-spreadsheet-format = not a readable spreadsheet (the format is not one of xlsx, xlsm, xlsb, xls, ods)
not-a-spreadsheet-format-hint = save it as .xlsx, .ods or .csv
not-a-spreadsheet-xls-damaged = not a readable spreadsheet (the .xls file is damaged: { $why ->
        [sector-number-past-end] a sector number lies past the end of the file
        [sector-past-end] a sector lies past the end of the file
        [chain-loops] a chain of sectors loops
        [chain-leaves-table] a chain of sectors leaves its table
        [allocation-table-too-long] its allocation table lists more sectors than it has
        [sheet-past-end] a sheet is placed past the end of the workbook
       *[other] { $why }
    })
not-a-spreadsheet-xls-damaged-hint = open it in Excel or LibreOffice and save it again as .xlsx
too-large-sheet = the sheet's cells span at least { $range } ({ $cells } cells; bilan reads sheets of at most { $max })
too-large-sheet-hint = delete the stray cells far from the table (Ctrl+End shows the last cell in use), or copy the table alone into a new file
too-large-workbook = the workbook is too large ({ $mib } MiB; bilan reads workbooks of at most { $max } MiB)
too-large-workbook-hint = save the table alone in a new file, without images, or export it as CSV
too-large-zip-bomb = the workbook's part "{ $part }" inflates { $ratio } times over, to { $mib } MiB: the file looks like a zip bomb
too-large-zip-bomb-hint = it is not a spreadsheet saved by Excel or LibreOffice: check where it comes from
too-large-inflated = the workbook inflates to { $mib } MiB once unzipped (bilan reads workbooks of at most { $max } MiB)

# input/mod.rs — spreadsheet lock files
office-lock-named = this is the lock file a spreadsheet program writes beside an open workbook, not a register
office-lock-named-hint = point bilan.toml at the workbook itself (the same name without "~$" or ".~lock.")
office-lock-beside = the file is open in a spreadsheet program (its lock file is beside it): changes not yet saved are not read
office-lock-beside-hint = save the file (or close it) before running bilan
## pipeline.rs: the follow-up's pairing of the previous edition with this one. $cause is
## other-ids or other-proposals; $previous_id and $current_id are an unmatched id of
## each edition.

few-matches = only { $matched } of the { $previous } proposals of the previous edition match one of the { $current } of this edition: { $cause ->
        [other-ids] their ids follow another numbering ("{ $previous_id }" then, "{ $current_id }" now), as a Decidim export's do, and their titles differ
       *[other] neither their ids nor their titles match; is it the previous edition's register?
    }
few-matches-hint = add to this register a column "Ancien N°" (or "Previous id") holding each proposal's id in the previous edition; a proposal whose title did not change needs none
template-internal-panic = typst stopped on an internal error while making the documents ({ $message }); nothing was written
template-internal-panic-hint = look for what a template adds that is out of the ordinary (a very large image, a huge table) and try without it
limit-time = { $document } took longer than { $seconds } s to compile, the time limit per document (limits.document_seconds); the build was stopped and nothing was written
limit-time-hint = look for a loop in the template that never ends; a long but honest document needs a higher limits.document_seconds in bilan.toml
limit-memory = the build held more than { $mb } MiB, its memory limit (limits.memory_mb), while compiling { $documents }; it was stopped and nothing was written
limit-memory-build = the build held more than { $mb } MiB, its memory limit (limits.memory_mb), outside the compilation of any document; it was stopped and nothing was written
limit-memory-hint = look for a template value that keeps growing (a string or an array doubled in a loop); a large but honest project needs a higher limits.memory_mb in bilan.toml
