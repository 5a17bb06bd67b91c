# What bilan's commands say on the terminal, in English.
# Codes such as unknown-status are never translated; only these texts are.

severity-error = error
severity-warning = warning
hint = hint
place-sheet = sheet "{ $name }"
place-row = row { $row }
place-column = column "{ $name }"

# Text that has no message of its own yet.
raw = { $text }

closing-check = checked { $proposals ->
        [one] { $proposals } proposal
       *[other] { $proposals } proposals
    }: { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
closing-check-refused = checked { $rows ->
        [one] { $rows } proposal
       *[other] { $rows } proposals
    }: { $proposals } read, { $refused } refused; { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
closing-build-stopped = build stopped: { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    } in the inputs; previous outputs left untouched
closing-build = wrote { $dir }: { $files } in { $seconds } s
summary-fiches = { $count ->
        [one] { $count } fact sheet
       *[other] { $count } fact sheets
    }
init-created = created a bilan project in "{ $dir }" ({ $count ->
        [one] { $count } file
       *[other] { $count } files
    }); build it with `bilan --config { $config } build`
init-exists = a project already exists here; bilan init leaves it untouched
templates-wrote = wrote { $path }
templates-exists = "{ $path }" already exists (pass --force to overwrite)
edition-busy = another bilan build is writing "{ $dir }" right now (it holds "{ $lock }"): wait for it to end, then build again; nothing was written
error-prefix = error
closing-template-failed = build stopped: the template of { $document } failed; previous outputs left untouched
watch-watching = watching { $count ->
        [one] { $count } file
       *[other] { $count } files
    } (the configuration and its inputs) and the templates/ folder; press Ctrl-C to stop
watch-rebuild = "{ $path }" changed: building again
watch-failed = watch: the last good outputs are kept; waiting for the next change
