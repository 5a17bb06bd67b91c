# Ce que bilan dit d’un export de propositions Decidim, en français. Chaque message
# s’appelle decidim- suivi de ce dont il parle (-hint pour son conseil).

decidim-empty-title = titre vide (chaque proposition doit en avoir un)
decidim-empty-title-hint = vérifiez l’export : toute proposition Decidim a un titre
decidim-title-other-language = pas de titre en « { $lang } », la langue dans laquelle cet export est lu (cette proposition n’en a un que dans une autre langue)
decidim-category-other-language = la catégorie n’a pas de nom en « { $lang } », la langue dans laquelle cet export est lu (elle n’en a un que dans une autre langue)
decidim-other-language-hint = complétez la traduction dans Decidim puis exportez à nouveau : bilan lit tous les champs d’une proposition dans une seule langue, sans jamais les mélanger

decidim-text-other-language = { $count ->
        [one] la ligne { $rows } n’a sa { $field ->
            [answer] réponse
           *[other] description
        }
       *[other] les lignes { $rows } n’ont leur { $field ->
            [answer] réponse
           *[other] description
        }
    } que dans une autre langue que « { $lang } », la langue dans laquelle cet export est lu : { $count ->
        [one] elle est laissée de côté plutôt que mêlée à celle-ci
       *[other] elles sont laissées de côté plutôt que mêlées à celle-ci
    }

decidim-amendments-left-aside = { $count ->
        [one] { $count } amendement mis de côté (ligne { $rows })
       *[other] { $count } amendements mis de côté (lignes { $rows })
    } : un amendement n’est pas une proposition
decidim-amendments-left-aside-hint = Decidim exporte les amendements avec les propositions (is_amend vaut true) : bilan ne compte que les propositions
decidim-amendment-unreadable = impossible de savoir si cette ligne est un amendement : is_amend contient « { $value } » (Decidim écrit true ou false)
decidim-amendment-contradiction = impossible de savoir si cette ligne est un amendement : is_amend vaut false mais la ligne nomme une proposition d’origine
decidim-amendment-hint = exportez à nouveau les propositions depuis Decidim, sans les modifier

decidim-unpublished-answers = { $count ->
        [one] la réponse de la ligne { $rows } n’est pas publiée dans Decidim : elle n’est pas reprise, et cette proposition compte comme sans réponse
       *[other] les réponses des lignes { $rows } ne sont pas publiées dans Decidim : elles ne sont pas reprises, et ces { $count } propositions comptent comme sans réponse
    }
decidim-unpublished-answers-hint = publiez les réponses dans Decidim, puis exportez à nouveau

decidim-unknown-status-hint = bilan lit les états Decidim accepted, rejected, evaluating, withdrawn et not_answered ; nommez un état personnalisé d’après un statut du registre

decidim-no-category = { $count ->
        [one] { $count } proposition n’a pas de catégorie : elle est regroupée sous « { $theme } »
       *[other] { $count } propositions n’ont pas de catégorie : elles sont regroupées sous « { $theme } »
    }
decidim-no-category-hint = donnez-leur une catégorie (ou une taxonomie) dans Decidim et exportez à nouveau

decidim-not-an-archive = archive illisible ({ $reason })
decidim-not-an-archive-hint = téléchargez l’export à nouveau : le fichier est peut-être tronqué
decidim-no-proposals-file = l’archive ne contient aucun fichier CSV de propositions (fichiers : { $files })
decidim-no-proposals-file-hint = indiquez dans bilan.toml un classeur, un fichier CSV ou une archive de données ouvertes Decidim
decidim-archive-too-large = une fois décompressé, le fichier de propositions de l’archive dépasse { $mib } Mio (bilan lit les registres jusqu’à cette taille)
decidim-archive-too-large-hint = téléchargez l’export à nouveau : un fichier de propositions Decidim ne fait que quelques mégaoctets
