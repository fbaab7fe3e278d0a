with source as (
    select * from {{ source('landing', 'documents') }}
),

renamed as (
    -- where each document came from; its content stays in landing
    select
        document_id,
        source,
        line_number,
        format,
        loaded_at
    from source
)

select * from renamed
