with source as (
    select * from {{ ref('topics') }}
),

renamed as (
    select
        topic_id,
        name,
        coalesce(aliases, '') as aliases,
        topic_type
    from source
)

select * from renamed
