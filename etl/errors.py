"""One error hierarchy: the library raises these, the CLI turns them into `Error: ...`."""


class EtlError(Exception):
    """Base class of every error newsetl reports to the user."""


class InputError(EtlError):
    """An input file (or one record in it) cannot be read as an article.

    The message names the file, the line where there is one, and the problem.
    """

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class DatabaseError(EtlError):
    """The database cannot be reached, or is not in the state a command needs."""


class SchemaBehindError(DatabaseError):
    """The database's schema revision is behind the code's migrations."""


class ForeignDatabaseError(DatabaseError):
    """The database holds another application's tables, not newsetl's."""


class ConfigError(EtlError):
    """A setting that names nothing newsetl knows."""


class OverrideError(EtlError):
    """An identity override that names nothing, or a name with itself."""
