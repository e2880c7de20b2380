"""Type stubs of the puentes package (the docstrings are in puentes/__init__.py)."""

import os
from typing import Any, Dict, Hashable, Iterable, Optional, Sequence, Tuple, Union

import pandas as pd

from ._puentes import AnalysisError as AnalysisError
from ._puentes import InputError as InputError
from ._puentes import PuentesError as PuentesError

ROLES: Tuple[str, str, str, str, str]
ORGANIZATION_FIELDS: Tuple[str, ...]

_Path = Union[str, "os.PathLike[str]"]

class Network:
    @classmethod
    def read(cls, path: _Path, format: Optional[str] = None, lang: str = "en") -> Network: ...
    @classmethod
    def from_edges(
        cls,
        df: pd.DataFrame,
        source: str = "source",
        target: str = "target",
        weight: Optional[str] = None,
        year: Optional[str] = None,
        nodes: Optional[Iterable[Hashable]] = None,
        lang: str = "en",
    ) -> Network: ...
    @classmethod
    def from_networkx(
        cls, G: Any, weight: Optional[str] = None, year: Optional[str] = None, lang: str = "en"
    ) -> Network: ...
    @classmethod
    def from_igraph(
        cls,
        g: Any,
        name: Optional[str] = "name",
        weight: Optional[str] = None,
        year: Optional[str] = None,
        lang: str = "en",
    ) -> Network: ...
    @property
    def labels(self) -> Optional[Dict[str, Hashable]]: ...
    @property
    def import_summary(self) -> Optional[Dict[str, Any]]: ...
    def __len__(self) -> int: ...
    def ties(self) -> pd.DataFrame: ...
    def metrics(
        self,
        columns: Optional[Union[str, Sequence[str]]] = None,
        as_of: Optional[int] = None,
        weighted: bool = False,
        lang: str = "en",
    ) -> pd.DataFrame: ...
    def summary(self, as_of: Optional[int] = None) -> Dict[str, Any]: ...
    def communities(
        self,
        algorithm: str = "louvain",
        resolution: float = 1.0,
        seed: int = 42,
        as_of: Optional[int] = None,
        lang: str = "en",
    ) -> pd.Series: ...
    def gaps(
        self, lang: str = "en", limit: Optional[int] = None, as_of: Optional[int] = None
    ) -> Dict[str, Any]: ...
    def brokerage(
        self, attribute: str = "corridor", normalized: bool = False, as_of: Optional[int] = None
    ) -> pd.DataFrame: ...
    def constraint(self, as_of: Optional[int] = None) -> pd.DataFrame: ...
    def suggest(
        self,
        organization: str,
        goal: str = "balanced",
        limit: int = 10,
        lang: str = "en",
        as_of: Optional[int] = None,
    ) -> pd.DataFrame: ...
    def what_if(
        self,
        ties: Union[Iterable[Sequence[Any]], pd.DataFrame],
        as_of: Optional[int] = None,
        lang: str = "en",
    ) -> Dict[str, Any]: ...
    def export(self, format: str = "json") -> str: ...
    def to_networkx(self) -> Any: ...

def backtest(
    path: _Path,
    split_year: int,
    horizon: int,
    k: int = 10,
    seed: Optional[int] = None,
    presence: str = "existing",
    tune: bool = True,
    lang: str = "en",
) -> pd.DataFrame: ...
