"""The exceptions the library raises; the CLI turns each into a one-line error and exit code 2."""

from __future__ import annotations


class MlaDiffError(Exception):
    """An error the user can fix. `str()` is one line naming the file and the fix."""

    def __init__(self, message: str, *, path: str = "", line: int = 0, hint: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.path
        if where and self.line:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return " ".join(text.split())


class InputError(MlaDiffError):
    """A draft, manifest or option that cannot be read or makes no sense."""


class ManifestError(InputError):
    """A versions.toml that is missing, malformed or names absent files."""


class RevisionError(MlaDiffError):
    """A git revision, repository or path that does not exist."""


class OutputError(MlaDiffError):
    """A report that cannot be written where asked."""
