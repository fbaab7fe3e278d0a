with document_rejects as (
    select document_id, source, line_number, reason, detail, rejected_at
    from {{ ref('stg_landing__rejects') }}
),

extraction_errors as (
    -- articles whose analysis raised: they stay in fct_articles, without mentions, claims or stances
    select
        articles.document_id,
        documents.source,
        documents.line_number,
        'extraction_error' as reason,
        extractions.error as detail,
        extractions.extracted_at as rejected_at
    from {{ ref('stg_landing__extractions') }} as extractions
    inner join {{ ref('stg_landing__articles') }} as articles using (article_id)
    inner join {{ ref('stg_landing__documents') }} as documents using (document_id)
    where extractions.error is not null
)

select * from document_rejects
union all
select * from extraction_errors
