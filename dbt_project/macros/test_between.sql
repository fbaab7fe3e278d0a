{% test between(model, column_name, min_value, max_value) %}
-- rows whose value lies outside [min_value, max_value] (nulls are not_null's business)
select * from {{ model }}
where {{ column_name }} is not null
  and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})
{% endtest %}
