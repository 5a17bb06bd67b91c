# What bilan says about a Decidim proposals export, in English. Each message is named
# decidim- followed by what it is about (-hint for its hint).

decidim-empty-title = empty title (every proposal needs one)
decidim-empty-title-hint = check the export: every Decidim proposal has a title
decidim-title-other-language = no title in "{ $lang }", the language this export is read in (this proposal has one only in another language)
decidim-category-other-language = the category has no name in "{ $lang }", the language this export is read in (it has one only in another language)
decidim-other-language-hint = fill in the translation in Decidim and export again: bilan reads every field of a proposal in one language, never mixed

decidim-text-other-language = { $count ->
        [one] row { $rows } has its { $field ->
            [answer] answer
           *[other] description
        }
       *[other] rows { $rows } have their { $field ->
            [answer] answers
           *[other] descriptions
        }
    } only in another language than "{ $lang }", the language this export is read in: left out rather than mixed with it

decidim-amendments-left-aside = { $count ->
        [one] { $count } amendment left aside (row { $rows })
       *[other] { $count } amendments left aside (rows { $rows })
    }: an amendment is not a proposal
decidim-amendments-left-aside-hint = Decidim exports the amendments of proposals with them (is_amend is true): bilan counts only the proposals
decidim-amendment-unreadable = cannot tell whether this row is an amendment: is_amend holds "{ $value }" (Decidim writes true or false)
decidim-amendment-contradiction = cannot tell whether this row is an amendment: is_amend is false but the row names an original proposal
decidim-amendment-hint = export the proposals again from Decidim, unchanged

decidim-unpublished-answers = { $count ->
        [one] the answer on row { $rows } is not published in Decidim: it is not shown, and this proposal counts as not answered
       *[other] the answers on rows { $rows } are not published in Decidim: they are not shown, and these { $count } proposals count as not answered
    }
decidim-unpublished-answers-hint = publish the answers in Decidim, then export again

decidim-unknown-status-hint = Decidim states accepted, rejected, evaluating, withdrawn and not_answered are read; name a custom state after a status of the register

decidim-no-category = { $count ->
        [one] { $count } proposal has no category: it is grouped under "{ $theme }"
       *[other] { $count } proposals have no category: they are grouped under "{ $theme }"
    }
decidim-no-category-hint = give them a category (or taxonomy) in Decidim and export again

decidim-not-an-archive = not a readable archive ({ $reason })
decidim-not-an-archive-hint = download the export again: the file may be truncated
decidim-no-proposals-file = the archive holds no proposals CSV file (files: { $files })
decidim-no-proposals-file-hint = point bilan.toml at a workbook, a CSV file or a Decidim open-data archive
decidim-archive-too-large = the archive's proposals file inflates to more than { $mib } MiB (bilan reads registers up to that)
decidim-archive-too-large-hint = download the export again: a Decidim proposals file is a few megabytes at most
