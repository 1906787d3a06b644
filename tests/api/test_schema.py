"""schemathesis against the live server's own OpenAPI schema: no input it allows makes a 5xx.

Examples are bounded per operation so the run stays quick; the checks are
schemathesis' defaults (no server error, responses conform to the schema,
status codes and content types documented) except "schema-valid data must be
accepted": an uploaded CSV can be well-formed multipart yet hold no postings,
and the documented answer to that is a 422.
"""

from __future__ import annotations

import schemathesis
from schemathesis.checks import positive_data_acceptance
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 25


def test_live_api_conforms_to_its_schema(server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/classify", "/v1/classify/batch", "/v1/classify/csv"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case) -> None:
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()
