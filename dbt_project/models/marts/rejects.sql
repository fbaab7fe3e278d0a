select
    document_id,
    source,
    line_number,
    reason,
    detail,
    rejected_at
from {{ ref('stg_landing__rejects') }}
