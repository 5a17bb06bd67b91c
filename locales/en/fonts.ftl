# Diagnostics on characters of the data that no font can show, in English.

missing-glyph = { $count ->
        [one] character { $chars } is
       *[other] characters { $chars } are
    } in no font bilan has: the documents show { $replacement } instead
missing-glyph-text = «{ $text }»: { $count ->
        [one] character { $chars } is
       *[other] characters { $chars } are
    } in no font bilan has: the documents show { $replacement } instead
missing-glyph-setting = { $key }: { $count ->
        [one] character { $chars } is
       *[other] characters { $chars } are
    } in no font bilan has: the documents show { $replacement } instead
missing-glyph-more = { $count ->
        [one] { $count } other text holds
       *[other] { $count } other texts hold
    } characters no font bilan has (not listed one by one)
missing-glyph-hint = the build goes on; to show the character, put a font that holds it (e.g. Noto Sans CJK for Chinese, Japanese or Korean) in a folder listed in `[fonts] dirs` of bilan.toml
font-folder-unreadable = cannot read the font folder "{ $path }" ({ $reason }): its fonts are not used
font-folder-unreadable-hint = check `[fonts] dirs` in bilan.toml: paths are relative to the project folder
