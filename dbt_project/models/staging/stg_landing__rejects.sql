with source as (
    select * from {{ source('landing', 'rejects') }}
),

renamed as (
    select
        document_id,
        source,
        line_number,
        reason,
        detail,
        rejected_at
    from source
)

select * from renamed
