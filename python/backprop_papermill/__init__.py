"""Papermill support for the project's TypeScript notebooks (tslab kernel).

Importing this package registers `TypeScriptTranslator` with papermill for the kernel names
`tslab` and `deno` (`papermill -k deno`) and the language `typescript`. Papermill has no entry point for translators; it does
load every `papermill.engine` entry point when it starts, and this package's engine
(`tslab`) is one, so plain `papermill` finds the translator.
"""

from papermill.translators import papermill_translators

from .translator import TypeScriptTranslator

__version__ = "0.1.0"
__all__ = ["TypeScriptTranslator"]

papermill_translators.register("tslab", TypeScriptTranslator)
papermill_translators.register("deno", TypeScriptTranslator)
papermill_translators.register("typescript", TypeScriptTranslator)
