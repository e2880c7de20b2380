"""The native module of puentes (PyO3). Use the package, not this module: ``puentes.Network``
turns these JSON documents and columns into pandas objects."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

class PuentesError(Exception):
    """Every error raised by puentes; its message is a sentence of Puentes' catalogue."""

class InputError(PuentesError):
    """The input cannot be used: a file, a value or a parameter; the message says where and
    what is allowed."""

class AnalysisError(PuentesError):
    """An analysis could not be computed (a bug or an exhausted resource)."""

_Values = Union[List[Optional[float]], List[Optional[str]], List[Optional[bool]]]
_Table = Tuple[List[str], List[Tuple[str, str, _Values]]]

class Network:
    """A network and its analyses (the revision context the CLI reads)."""

    @staticmethod
    def read(path: str, format: Optional[str] = None, lang: str = "en") -> "Network": ...
    @staticmethod
    def from_rows(
        rows: Sequence[Sequence[str]],
        nodes: Sequence[str],
        weighted: bool,
        dated: bool,
        attributes: Sequence[Tuple[int, str, Sequence[Tuple[str, str]]]] = ...,
        file: str = "edges",
        lang: str = "en",
    ) -> "Network": ...
    def import_summary(self) -> Optional[str]: ...
    def ties(self) -> str: ...
    def size(self) -> Tuple[int, int]: ...
    def metrics(
        self, columns: str = "", as_of: Optional[str] = None, weighted: bool = False, lang: str = "en"
    ) -> Tuple[_Table, List[str]]: ...
    def summary(self, as_of: Optional[str] = None, lang: str = "en") -> str: ...
    def communities(
        self,
        algorithm: str = "louvain",
        resolution: str = "1",
        seed: str = "42",
        as_of: Optional[str] = None,
        lang: str = "en",
    ) -> Tuple[bytes, Dict[str, Any]]: ...
    def ids(self, as_of: Optional[str] = None, lang: str = "en") -> List[str]: ...
    def gaps(self, limit: Optional[int] = None, as_of: Optional[str] = None, lang: str = "en") -> str: ...
    def brokerage(self, attribute: str = "corridor", as_of: Optional[str] = None, lang: str = "en") -> str: ...
    def suggest(
        self,
        organization: str,
        goal: str = "balanced",
        limit: str = "10",
        as_of: Optional[str] = None,
        lang: str = "en",
    ) -> str: ...
    def what_if(
        self, ties: Sequence[Tuple[str, str, str]], as_of: Optional[str] = None, lang: str = "en"
    ) -> str: ...
    def export(self, format: str = "json", lang: str = "en") -> str: ...

def backtest(
    path: str,
    split_year: int,
    horizon: int,
    k: int = 10,
    seed: Optional[int] = None,
    presence: str = "existing",
    tune: bool = True,
    lang: str = "en",
) -> str: ...
def refusal(name: str, value: str, allowed: Sequence[str], lang: str = "en") -> str: ...
