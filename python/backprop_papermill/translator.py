"""Papermill parameters as TypeScript: `let name = value;` for numbers, strings and booleans.

tslab lets a later cell declare a name again with `let`, and the cells below see the new value,
so the injected cell after the `parameters` cell overrides the defaults as in Python notebooks.
"""

from __future__ import annotations

import json
import math
import re

from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator

from .declarations import declarations

_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")


class TypeScriptParameterError(PapermillException):
    """A parameter value with no TypeScript literal in this translator."""


class TypeScriptTranslator(Translator):
    @classmethod
    def translate(cls, val):
        # Before Translator.translate, which would quote any unknown value as a string.
        if isinstance(val, (bool, int, float, str)):
            return super().translate(val)
        raise TypeScriptParameterError(_unsupported(val))

    @classmethod
    def translate_str(cls, val):
        return json.dumps(val, ensure_ascii=False)  # a JSON string is a JavaScript string

    @classmethod
    def translate_int(cls, val):
        return str(val)

    @classmethod
    def translate_float(cls, val):
        if not math.isfinite(val):
            raise TypeScriptParameterError(f"{val!r} is not a finite number")
        return repr(val)

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_none(cls, val):
        raise TypeScriptParameterError(_unsupported(val))

    translate_dict = translate_none
    translate_list = translate_none

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"let {name} = {str_val};"

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        note = "injected by papermill (the defaults are in the cell above)"
        lines = [cls.comment(f"{comment} {note}")]
        for name, val in parameters.items():
            if not _IDENTIFIER.match(name):
                raise TypeScriptParameterError(f"parameter name {name!r} is not an identifier")
            try:
                lines.append(cls.assign(name, cls.translate(val)))
            except TypeScriptParameterError as err:
                raise TypeScriptParameterError(f"parameter {name}: {err}") from None
        return "\n".join(lines) + "\n"

    @classmethod
    def inspect(cls, parameters_cell):
        """The declarations of the `parameters` cell (`papermill --help-notebook`)."""
        return [
            Parameter(d.name, d.kind or "None", d.literal or "", "")
            for d in declarations(parameters_cell.source)
        ]


def _unsupported(val) -> str:
    shown = repr(val)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return (
        f"{type(val).__name__} value {shown} has no TypeScript parameter form "
        "(use an int, float, string or boolean)"
    )
