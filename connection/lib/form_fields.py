"""Form fields shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError

# The largest id a 64-bit integer column holds (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses a value no id column can hold before it
    queries: SQLite raises OverflowError for such a number in an IN lookup (a 500)."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdecimal() or int(pk) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
