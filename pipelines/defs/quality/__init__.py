"""Quality: the Great Expectations suites (expectations/) as asset checks; blocking on the marts."""

from dagster import Definitions

from .checks import suite_checks

defs = Definitions(asset_checks=suite_checks)
