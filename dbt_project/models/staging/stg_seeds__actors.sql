with source as (
    select * from {{ ref('actors') }}
),

renamed as (
    select
        actor_id,
        name,
        actor_type,
        nullif(country_code, '') as country_code,
        coalesce(aliases, '') as aliases,
        nullif(role, '') as role,
        office_from,
        office_to
    from source
)

select * from renamed
