"""Error types. Every error names the file (and line, where there is one) a user must fix."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class; `exit_code` is what the CLI returns when this error stops a command."""

    exit_code = 1
    category = "error"

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(BriefingError):
    """An article file that cannot be read; the build skips it and goes on."""

    exit_code = 1
    category = "input"


class ConfigError(BriefingError):
    """A usage or configuration error (bad option, unknown audience …)."""

    exit_code = 2
    category = "config"


class TemplateError(BriefingError):
    """A broken audience template: syntax, unknown name, bad limit, cycle in `extends`."""

    exit_code = 2
    category = "template"


class OutputError(BriefingError):
    """The output location cannot be used (not a folder, not writable, disk full …)."""

    exit_code = 2
    category = "output"

    @classmethod
    def from_os_error(cls, exc: OSError, path: object) -> OutputError:
        """One message naming the path the OS refused (its own filename, or `path`)."""
        where = exc.filename if exc.filename is not None else path
        return cls(exc.strerror or str(exc), file=str(where))


class BusyError(BriefingError):
    """Another build holds the output folder's lock (briefing.reissue.lock) past the wait limit."""

    exit_code = 3
    category = "busy"


class RenderError(BriefingError):
    """A writer failed (missing CJK font, unwritable output …)."""

    exit_code = 1
    category = "render"
