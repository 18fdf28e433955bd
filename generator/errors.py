"""Every exception the generator raises on purpose; anything else escaping the CLI is a bug."""
from __future__ import annotations


class GeneratorError(Exception):
    """Base of the generator's errors; the CLI prints its message as one line and exits non-zero."""

    exit_code = 1
    """What the command line returns for it."""


class InputError(GeneratorError):
    """Raised by reading for an article that cannot be read; the message names the problem."""


class SeedsError(GeneratorError):
    """Raised by the build when the seeds folder is missing or holds no readable article."""


class StrictError(GeneratorError):
    """Raised by the build under ``--strict`` when any warning was issued."""


class FetchError(GeneratorError):
    """Raised by fetching (``add``, ``update``) for a page or feed it cannot add; the message names the address."""


class OutputError(GeneratorError):
    """Raised by publishing for an output folder it must not replace, or cannot write (exit code 2)."""

    exit_code = 2
