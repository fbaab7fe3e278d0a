-- Every surface form of every dictionary actor (its name and its aliases) under its lookup key.
-- A key claimed by two actors goes to the one that has it as its name, then to the first actor id.
with actors as (
    select * from {{ ref('stg_seeds__actors') }}
),

surfaces as (
    select actor_id, name as surface, true as is_name from actors
    union all
    select actor_id, trim(unnest(string_split(aliases, '|'))) as surface, false as is_name
    from actors
    where aliases <> ''
),

keyed as (
    select
        {{ alias_key('surface') }} as alias_key,
        actor_id,
        surface,
        is_name
    from surfaces
    where surface <> ''
)

select alias_key, actor_id, surface
from keyed
where alias_key <> ''
qualify row_number() over (partition by alias_key order by is_name desc, actor_id asc) = 1
