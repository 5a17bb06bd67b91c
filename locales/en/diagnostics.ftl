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
