# Diagnostics of the survey readers, in English.

survey-empty = the survey file is empty (no header, no answers)
survey-empty-hint = export the answers again, or point bilan.toml at the right file
survey-no-answers = the survey has a header but no answers
survey-no-statement = no statement columns (headers found: { $found })
survey-only-ratings = no agreement statement: only { $count ->
        [one] the question rated or answered yes/no is
       *[other] the { $count } questions rated or answered yes/no are
    } summarised
survey-no-statement-hint = a wide file has one column per statement, its header being the statement's text; a long file has columns participant, statement and answer
survey-empty-statement = empty statement: the answer cannot be counted
survey-empty-statement-hint = write the statement's text on every row
survey-cell-too-long = cell too long ({ $chars } characters; a spreadsheet cell holds at most 32,767)
survey-cell-too-long-hint = look for a quote (") that is never closed above this cell
survey-unknown-answer = unknown answer "{ $value }" (it fits no scale)
survey-unknown-answer-hint = use a scale label ("d'accord", "pas d'accord", "tout à fait d'accord"… "pas du tout d'accord", or English), a number 1–5, or "sans avis"
survey-numbers-as-agreement = { $count ->
        [one] { $count } column of numbers 1–5 is
       *[other] { $count } columns of numbers 1–5 are
    } read as agreement levels, 1 = strongly disagree … 5 = strongly agree: { $columns }
survey-numbers-as-agreement-hint = if a column is a rating rather than agreement, leave it out of the export
survey-named-columns = { $shown }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
survey-aside = { $count ->
        [one] { $count } column
       *[other] { $count } columns
    } left aside, { $what ->
        [free-text] holding free text, not answers on a scale
        [wide-agreement] on an agreement scale of more than five points with two labels of one strength
        [rating] of numeric ratings (numbers beyond 1–5)
        [yes-no] of yes/no answers
        [single-choice] of single-choice answers (a few options, or a scale other than agreement)
        [multiple-choice] of multiple-choice answers (several options ticked in one cell)
        [answer-codes] holding answer codes (A1, AO01…) instead of the answers' words
        [empty] without any answer
       *[unknown] whose values fit no known kind
    }: { $columns }
survey-aside-free-text-hint = if a column is a statement, its answers must be scale labels such as "d'accord" / "pas d'accord"
survey-aside-wide-agreement-hint = two of its labels have the same strength (such as "somewhat agree" and "slightly agree"): which is nearer the middle cannot be told, so its levels are not merged; rename one label in the export
survey-aside-rating-hint = ratings such as 0–10 or 1–7 are not agreement statements; their distribution, n and median are shown apart, over all participants
survey-aside-yes-no-hint = yes/no questions are not agreement statements; the share of yes, with its interval, is shown apart, over all participants
survey-aside-answer-codes-hint = the export holds the codes of the answers, not their labels: export again with the full answers (LimeSurvey: Export results → Responses → "Full answers") so that agreement can be read
survey-aside-choice-hint = choice questions are not agreement statements and get no figure; if a column is a statement, its answers must be agreement labels such as "agree" / "disagree"
survey-aside-empty-hint = a column with no answer at all is left out
survey-aside-unknown-hint = an agreement statement's answers are scale labels or numbers 1–5; check the column's answers in the export
survey-no-sheet-named = no sheet named "{ $name }" in this workbook (sheets: { $sheets })
survey-no-sheet-named-hint = name the sheet that holds the answers in bilan.toml: surveys = [{ "{" } path = "…", sheet = "…" { "}" }]
survey-sheet-of-text-file = this file is text, not a workbook: the sheet "{ $name }" named for it in bilan.toml is ignored
survey-sheet-of-text-file-hint = write the entry as a plain path, surveys = ["…"], or name the workbook whose sheet holds the answers
survey-no-answer-sheet = no sheet of this workbook holds agreement answers (sheets: { $sheets })
survey-too-many-columns = the survey has { $columns } columns; bilan reads at most { $max }
survey-too-many-columns-hint = leave out of the export the columns that are not agreement statements, or split the survey into several files (inputs.surveys takes a list)
