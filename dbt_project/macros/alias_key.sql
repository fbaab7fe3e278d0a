{#- The lookup key of a surface form, the same rule as pipelines/lib/dictionaries.py:alias_key
    ("The U.S.'s" -> "us", "Benny  Gantz" -> "benny gantz"). tests/unit/test_dictionaries.py checks both agree. -#}
{% macro alias_key(expr) -%}
trim(regexp_replace(
    regexp_replace(
        regexp_replace(
            regexp_replace(
                trim(regexp_replace(
                    replace(lower(translate({{ expr }}, '’‘`', '''''''')), '.', ''),
                    '[^\pL\pN_\s&''-]', ' ', 'g')),
                '''s?$', ''),
            '''s?(\s)', '\1', 'g'),
        '^\s*the\s+', ''),
    '\s+', ' ', 'g'))
{%- endmacro %}
