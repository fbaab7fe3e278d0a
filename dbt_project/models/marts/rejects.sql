with documents as (
    select document_id, source, line_number, loaded_at
    from {{ ref('stg_landing__documents') }}
),

superseded as (
    -- a line of a record file read again after it changed (a half-written line, completed later) is judged by its
    -- latest content: the reject of an earlier version of that line no longer stands
    select earlier.document_id
    from documents as earlier
    inner join documents as later
        on
            earlier.source = later.source
            and earlier.line_number = later.line_number
            and earlier.loaded_at < later.loaded_at
),

document_rejects as (
    select document_id, source, line_number, reason, detail, rejected_at
    from {{ ref('stg_landing__rejects') }}
    where document_id not in (select superseded.document_id from superseded)
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
    inner join documents using (document_id)
    where extractions.error is not null
)

select * from document_rejects
union all
select * from extraction_errors
