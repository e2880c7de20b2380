"""Puentes in a notebook: the analyses of the ``puentes`` CLI as pandas objects.

Puentes maps the collaboration ties between organizations that accompany migrants, refugees
and displaced people. This package runs its Rust analyses (``puentes-analysis``, through the
same revision context the CLI and the HTTP API read) on networks from files, pandas
DataFrames, NetworkX and igraph graphs, and returns pandas DataFrames and Series:

>>> import puentes
>>> net = puentes.Network.read("fixtures/hip")            # any format `puentes --input` reads
>>> m = net.metrics()                                     # `puentes metrics`, same columns
>>> net.gaps(lang="es")["peripheral"]["explanation"]      # gap sentences, in Spanish
>>> net.suggest("casa-quetzal-nuevo", goal="bridge")      # explained partner suggestions

The numbers are the CLI's (same network, same seed, same numbers), the sentences come from
its catalogue in English or Spanish, and errors are :class:`InputError` or
:class:`AnalysisError` with the catalogue's message. The GIL is released while Rust computes.
"""

from __future__ import annotations

import json
import os
import math
from typing import Any, Dict, Hashable, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _puentes
from ._puentes import AnalysisError, InputError, PuentesError

__all__ = [
    "Network",
    "backtest",
    "PuentesError",
    "InputError",
    "AnalysisError",
    "ROLES",
    "ORGANIZATION_FIELDS",
]

#: The Gould–Fernandez brokerage roles, in the order of the CLI's columns.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

_PathLike = Union[str, "os.PathLike[str]"]


def _cell(value: Any) -> str:
    """A weight or year as the edge-list reader takes it: whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        # numpy scalars
        return _cell(value.item())
    return str(value)


#: The organization fields a graph's node attributes may set (the project import's columns).
ORGANIZATION_FIELDS = (
    "name", "country", "region", "city", "corridor", "latitude", "longitude", "contact",
    "services", "populations", "population_served", "salaried_staff", "annual_budget_usd",
    "founded_year", "partner", "agreement_review", "feedback_to_population",
    "social_media_use", "donation_sources", "aliases",
)


def _fields(data: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """A node's attributes that are organization fields, as the project CSV writes them
    (lists joined by ``;``, booleans ``true``/``false``); missing values left out."""
    out = []
    for key in ORGANIZATION_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (list, tuple, set, frozenset)):
            text = ";".join(str(v) for v in value)
        else:
            text = _cell(value)
        out.append((key, text))
    return out


def _table(ids: List[str], columns: List[Tuple[str, str, list]]) -> pd.DataFrame:
    """A node table (ids, then (name, type, values) per column) as a DataFrame."""
    data = {}
    for name, kind, values in columns:
        if kind == "integer":
            if any(v is None for v in values):
                data[name] = pd.array(
                    [None if v is None else int(v) for v in values], dtype="Int64"
                )
            else:
                data[name] = pd.array([int(v) for v in values], dtype="int64")
        elif kind == "float":
            data[name] = pd.array(
                [math.nan if v is None else v for v in values], dtype="float64"
            )
        elif kind == "boolean":
            if any(v is None for v in values):
                data[name] = pd.array(values, dtype="boolean")
            else:
                data[name] = pd.array(values, dtype="bool")
        else:
            data[name] = pd.array(values, dtype="object")
    frame = pd.DataFrame(data, index=pd.Index(ids, name="id"))
    return frame


def _orgs(refs: Sequence[Mapping[str, Any]]) -> List[str]:
    return [r["id"] for r in refs]


class Network:
    """A network of organizations and ties, and every analysis of it.

    Build one with :meth:`read`, :meth:`from_edges`, :meth:`from_networkx` or
    :meth:`from_igraph`. Each analysis is computed once, when first asked for, and kept
    (metrics column by column, the gap analysis, each set of community parameters), exactly
    as the service does for a revision of its store.

    Organizations are identified by their Puentes id: a token that is a valid id (lowercase
    letters, digits, ``-`` and ``_``) is kept as it is; any other text is a *name*, and the id
    is made from it as the named edge-list import makes it (``"Casa del Migrante"`` →
    ``casa-del-migrante``; names that differ only by case, accents, spaces or punctuation are
    one organization). :attr:`labels` maps each id back to the node it came from.
    """

    __slots__ = ("_net", "_labels", "_summary", "_ids")

    def __init__(self, _net: Any, labels: Optional[Dict[str, Hashable]] = None) -> None:
        # Use the constructors (read, from_edges, from_networkx, from_igraph).
        self._net = _net
        self._labels = labels
        raw = _net.import_summary()
        self._summary = json.loads(raw) if raw is not None else None
        # The organization ids of the network (key None) and of each year asked for, as the
        # index of the tables: made once, since turning tens of thousands of ids into Python
        # strings costs more than some analyses.
        self._ids: Dict[Optional[int], pd.Index] = {}

    def _index(self, as_of: Optional[int], lang: str) -> pd.Index:
        """The organization ids of the network as of ``as_of`` (the index of its tables),
        asked from the core once per year."""
        index = self._ids.get(as_of)
        if index is None:
            ids = self._net.ids(None if as_of is None else str(as_of), lang)
            index = self._ids[as_of] = pd.Index(ids, name="id")
        return index

    # ------------------------------------------------------------------ in

    @classmethod
    def read(
        cls, path: _PathLike, format: Optional[str] = None, lang: str = "en"
    ) -> "Network":
        """Reads a network the way ``puentes metrics --input PATH`` does.

        Args:
            path: a project directory (``organizations.csv`` + ``ties.csv``), a dated dataset
                directory (``organizations.csv`` + ``ties.csv.gz`` as in
                ``../shared/datasets``), a JSON document ``{organizations, ties}``, a SNAP
                text edge list (``.txt``, ``.txt.gz``), a CSV or TSV edge list
                ``source,target[,weight][,year]`` or an XLSX edge list.
            format: ``project``, ``json``, ``snap``, ``edge-csv``, ``edge-tsv`` or ``xlsx``
                (guessed from the name when omitted, as the CLI does).
            lang: language of the error message (``en`` or ``es``).

        Raises:
            InputError: every problem of the input, with file, line, column, value and what
                is allowed (the CLI's message); nothing is read when there is one.
        """
        return cls(_puentes.Network.read(str(path), format, lang))

    @classmethod
    def from_edges(
        cls,
        df: "pd.DataFrame",
        source: str = "source",
        target: str = "target",
        weight: Optional[str] = None,
        year: Optional[str] = None,
        nodes: Optional[Iterable[Hashable]] = None,
        lang: str = "en",
    ) -> "Network":
        """A network from a pandas DataFrame of ties, read as the CSV edge-list import reads.

        Each row is a tie ``source – target``; repeated and mirrored rows are one tie (the
        first row's weight, the earliest year), self-loops are skipped.

        Args:
            df: the ties.
            source, target: the columns of the two ends (ids or names, see :class:`Network`).
            weight: the column of the tie strength, a whole number from 1 to 5 (default 1).
            year: the column of the year the tie began (its ``since``), for ``as_of`` and
                backtests.
            nodes: organizations without ties to add (ids or names).
            lang: language of the error message (``en`` or ``es``).

        Raises:
            InputError: the edge-list import's problems (row, column, value, what is allowed).
        """
        for column in (source, target, weight, year):
            if column is not None and column not in df.columns:
                raise InputError(
                    _puentes.refusal("column", str(column), [str(c) for c in df.columns], lang)
                )
        cols = [df[source], df[target]]
        if weight is not None:
            cols.append(df[weight])
        if year is not None:
            cols.append(df[year])
        rows = [
            [str(r[0]), str(r[1])] + [_cell(v) for v in r[2:]] for r in zip(*cols)
        ]
        extra = [str(n) for n in nodes] if nodes is not None else []
        net = _puentes.Network.from_rows(
            rows, extra, weight is not None, year is not None, [], "DataFrame", lang
        )
        return cls(net)

    @classmethod
    def from_networkx(
        cls,
        G: Any,
        weight: Optional[str] = None,
        year: Optional[str] = None,
        lang: str = "en",
    ) -> "Network":
        """A network from a NetworkX graph: every node (isolated ones too), every edge.

        Any hashable node becomes its ``str`` id or name (see :class:`Network`);
        :attr:`labels` gives each id's original node, and :meth:`to_networkx` uses them.
        A directed graph or a multigraph is read as its undirected simple graph, as the
        CLI reads an edge list. Node attributes named like an organization field
        (:data:`ORGANIZATION_FIELDS`: ``name``, ``country``, ``corridor``, ``services``, …)
        are kept, read by the project import's rules (lists as Python lists or
        ``;``-separated text); other attributes are ignored. A wrong value is reported as
        ``nodes: /nodes/<i>/<field>``, ``i`` the node's position in ``G.nodes``.

        Args:
            G: a ``networkx.Graph`` (or ``DiGraph``, ``MultiGraph``).
            weight: the edge attribute holding the tie strength, a whole number from 1 to 5
                (default: every tie 1, as ``networkx`` metrics without ``weight=``).
            year: the edge attribute holding the year a tie began.
            lang: language of the error message (``en`` or ``es``).
        """
        rows = []
        for u, v, data in G.edges(data=True):
            row = [str(u), str(v)]
            if weight is not None:
                row.append(_cell(data.get(weight)))
            if year is not None:
                row.append(_cell(data.get(year)))
            rows.append(row)
        seen = set()
        for u, v, _ in G.edges(data=True):
            seen.add(u)
            seen.add(v)
        isolated = [str(n) for n in G.nodes if n not in seen]
        attributes = [
            (i, str(n), fields)
            for i, (n, data) in enumerate(G.nodes(data=True))
            for fields in [_fields(data)]
            if fields
        ]
        net = _puentes.Network.from_rows(
            rows, isolated, weight is not None, year is not None, attributes, "graph", lang
        )
        out = cls(net)
        out._labels = out._label_map(G.nodes)
        return out

    @classmethod
    def from_igraph(
        cls,
        g: Any,
        name: Optional[str] = "name",
        weight: Optional[str] = None,
        year: Optional[str] = None,
        lang: str = "en",
    ) -> "Network":
        """A network from an ``igraph.Graph`` (igraph need not be installed otherwise).

        Args:
            g: the graph.
            name: the vertex attribute naming each vertex (its index when the graph has no
                such attribute).
            weight, year: edge attributes, as in :meth:`from_networkx`.
            lang: language of the error message (``en`` or ``es``).
        """
        if name is not None and name in g.vs.attributes():
            labels = list(g.vs[name])
        else:
            labels = list(range(g.vcount()))
        rows = []
        weights = g.es[weight] if weight is not None else None
        years = g.es[year] if year is not None else None
        for i, (a, b) in enumerate(g.get_edgelist()):
            row = [str(labels[a]), str(labels[b])]
            if weights is not None:
                row.append(_cell(weights[i]))
            if years is not None:
                row.append(_cell(years[i]))
            rows.append(row)
        degrees = g.degree()
        isolated = [str(labels[i]) for i, d in enumerate(degrees) if d == 0]
        names = g.vs.attributes()
        attributes = [
            (v.index, str(labels[v.index]), fields)
            for v in g.vs
            for fields in [_fields({k: v[k] for k in names if k != name})]
            if fields
        ]
        net = _puentes.Network.from_rows(
            rows, isolated, weight is not None, year is not None, attributes, "graph", lang
        )
        out = cls(net)
        out._labels = out._label_map(labels)
        return out

    def _label_map(self, nodes: Iterable[Hashable]) -> Dict[str, Hashable]:
        """Each organization id → the node it was made from."""
        by_text: Dict[str, str] = {}
        for named in (self._summary or {}).get("named", []):
            by_text[named["name"]] = named["id"]
            for spelling in named.get("spellings", []):
                by_text[spelling] = named["id"]
        out: Dict[str, Hashable] = {}
        for node in nodes:
            text = str(node).strip()
            out.setdefault(by_text.get(text, text), node)
        return out

    # ------------------------------------------------------------------ what it holds

    @property
    def labels(self) -> Optional[Dict[str, Hashable]]:
        """Each organization id → its node in the graph it was built from (None otherwise)."""
        return self._labels

    @property
    def import_summary(self) -> Optional[Dict[str, Any]]:
        """What the edge-list reader did (ties read, rows merged, self-loops skipped, ids
        made from names and the spellings merged into each), for networks built from rows."""
        return self._summary

    def __len__(self) -> int:
        return self._net.size()[0]

    def __repr__(self) -> str:
        return repr(self._net)

    def ties(self) -> pd.DataFrame:
        """The ties: ``source``, ``target``, ``kind``, ``strength``, ``since``, ``until``,
        ``reported_by`` (and any per-tie answers in ``attributes``)."""
        return pd.DataFrame(json.loads(self._net.ties()))

    # ------------------------------------------------------------------ out

    def metrics(
        self,
        columns: Optional[Union[str, Sequence[str]]] = None,
        as_of: Optional[int] = None,
        weighted: bool = False,
        lang: str = "en",
    ) -> pd.DataFrame:
        """The node table of ``puentes metrics``: one row per organization, indexed by id.

        Columns, named as in the CLI's CSV: the organization's public attributes (``name``,
        ``country``, ``region``, …), then the metrics ``degree``, ``strength``,
        ``betweenness`` (normalized, exact up to the policy's size, else sampled with the
        default seed), ``closeness`` (Wasserman–Faust), ``harmonic``, ``eigenvector``,
        ``pagerank`` (α = 0.85, weighted), ``core_number``, ``clustering``, and the position
        groups ``community`` (community, community_label), ``structural_holes`` (constraint,
        effective_size, efficiency, hierarchy) and ``brokerage``
        (``broker_<role>_by_<corridor|community>``). The conventions are NetworkX's; each is
        stated in the ``puentes-analysis`` documentation.

        Args:
            columns: metric and group names (a list or a comma-separated string); all when
                omitted. Only what is asked for is computed.
            as_of: the network of that year (ties active then).
            weighted: path and spectral metrics read tie weights (distance = 1 / weight).
            lang: language of the notes (``df.attrs["notes"]``) and of errors.

        Returns:
            A DataFrame; ``df.attrs["notes"]`` holds the caveats of its columns (sampling,
            convergence), in ``lang``.
        """
        if columns is None:
            names = ""
        elif isinstance(columns, str):
            names = columns
        else:
            names = ",".join(columns)
        (ids, cols), notes = self._net.metrics(
            names, None if as_of is None else str(as_of), weighted, lang
        )
        frame = _table(ids, cols)
        frame.attrs["notes"] = notes
        # The index of the later calls on this network and year (communities).
        self._ids.setdefault(as_of, frame.index)
        return frame

    def summary(self, as_of: Optional[int] = None) -> Dict[str, Any]:
        """``puentes summary``: size, density, components, clustering, assortativity,
        distances, centralization, as a dict."""
        return json.loads(self._net.summary(None if as_of is None else str(as_of), "en"))

    def communities(
        self,
        algorithm: str = "louvain",
        resolution: float = 1.0,
        seed: int = 42,
        as_of: Optional[int] = None,
        lang: str = "en",
    ) -> pd.Series:
        """``puentes communities``: the community of each organization (same seed, same
        partition as the CLI).

        Args:
            algorithm: ``louvain``, ``leiden``, ``label_propagation`` or ``components``.
            resolution: γ, above 0 and at most 100 (higher: smaller communities).
            seed: the seed.
            as_of: the network of that year.
            lang: language of the community labels and of errors.

        Returns:
            A Series of community numbers indexed by organization id (name ``community``),
            in the network's order (as ``metrics()``; the index is made once per network and
            year and shared by these Series); ``s.attrs`` holds ``modularity``,
            ``count``, ``algorithm``, ``resolution``, ``seed``, ``communities`` (each with its
            label, description, size and countries; its members are the Series' entries with
            its number) and ``by_attribute`` (the modularity of the partitions by country,
            region, corridor).
        """
        membership, report = self._net.communities(
            algorithm,
            repr(float(resolution)) if isinstance(resolution, (int, float)) else str(resolution),
            str(seed),
            None if as_of is None else str(as_of),
            lang,
        )
        # The core leaves out the empty member lists; the map of members is empty too.
        report.pop("membership", None)
        numbers = np.frombuffer(membership, dtype="<u4").astype("int64")
        series = pd.Series(numbers, index=self._index(as_of, lang), name="community")
        series.attrs.update(report)
        return series

    def gaps(
        self, lang: str = "en", limit: Optional[int] = None, as_of: Optional[int] = None
    ) -> Dict[str, Any]:
        """``puentes gaps --all``: what planners ask, each finding with its sentence.

        Returns:
            A dict with one DataFrame per list — ``peripheral``, ``inward_looking``,
            ``cut_points``, ``bridges``, ``least_connected_communities``, ``service_gaps``,
            ``most_constrained`` — each with an ``explanation`` column (the catalogue's
            sentences in ``lang``) and ``df.attrs["total"]``; and ``communities`` (a
            sentence) and ``community_pairs`` (a count).
        """
        report = json.loads(
            self._net.gaps(limit, None if as_of is None else str(as_of), lang)
        )
        out: Dict[str, Any] = {}
        for key, value in report.items():
            if isinstance(value, dict) and "items" in value:
                out[key] = _section(value)
            else:
                out[key] = value
        return out

    def brokerage(
        self,
        attribute: str = "corridor",
        normalized: bool = False,
        as_of: Optional[int] = None,
    ) -> pd.DataFrame:
        """Gould–Fernandez brokerage roles on the directed view (who reported whom).

        Args:
            attribute: the groups — ``country``, ``region``, ``corridor``, ``partner`` or
                ``community`` (the gap analysis's Louvain partition); organizations without
                the attribute are one group.
            normalized: counts divided by their expectation under random groups (NaN when
                the expectation is 0) instead of raw counts.
            as_of: the network of that year.

        Returns:
            One row per organization (index: id), columns ``coordinator``, ``itinerant``,
            ``representative``, ``gatekeeper``, ``liaison`` and ``total``.
        """
        doc = json.loads(
            self._net.brokerage(attribute, None if as_of is None else str(as_of), "en")
        )
        rows = doc["normalized" if normalized else "raw"]
        frame = pd.DataFrame(rows, index=pd.Index(doc["ids"], name="id"))
        frame = frame[list(ROLES) + ["total"]]
        if normalized:
            frame = frame.astype("float64")
        return frame

    def constraint(self, as_of: Optional[int] = None) -> pd.DataFrame:
        """Burt's structural holes (weighted, as the gap analysis computes them): columns
        ``constraint``, ``effective_size``, ``efficiency`` and ``hierarchy``, indexed by id."""
        frame = self.metrics(["structural_holes"], as_of=as_of)
        return frame[["constraint", "effective_size", "efficiency", "hierarchy"]]

    def suggest(
        self,
        organization: str,
        goal: str = "balanced",
        limit: int = 10,
        lang: str = "en",
        as_of: Optional[int] = None,
    ) -> pd.DataFrame:
        """``puentes suggest ID``: whom ``organization`` could work with next, and why.

        Args:
            organization: its id.
            goal: ``balanced``, ``strengthen``, ``bridge`` or ``services``.
            limit: how many, 1 to 50.
            lang: language of the sentences.
            as_of: the network of that year.

        Returns:
            One row per suggestion, best first (index: the suggested organization's id):
            ``name``, ``score``, one column per score component's contribution
            (``<component>``) and raw value (``<component>_raw``), ``distance``,
            ``shared_partners`` (ids), ``introducer`` (id of the best introducer, or None),
            ``services_gained``, ``same_corridor``, ``same_country``, ``community``,
            ``joins_communities``, ``constraint_before``, ``constraint_after`` and
            ``explanation`` (the sentence). ``df.attrs`` holds the rest of the answer (goal,
            weights, the organization's community, constraint and lacking services).
        """
        report = json.loads(
            self._net.suggest(
                organization, goal, str(limit), None if as_of is None else str(as_of), lang
            )
        )
        items = report.pop("items")
        rows = []
        for item in items:
            row: Dict[str, Any] = {
                "id": item["organization"]["id"],
                "name": item["organization"]["name"],
                "score": item["score"],
            }
            for c in item["components"]:
                row[c["component"]] = c["contribution"]
            for c in item["components"]:
                row[c["component"] + "_raw"] = c["raw"]
            row["distance"] = item.get("distance")
            row["shared_partners"] = _orgs(item.get("shared_partners", []))
            introducers = item.get("introducers", [])
            row["introducer"] = introducers[0]["organization"]["id"] if introducers else None
            for key in (
                "services_gained",
                "same_corridor",
                "same_country",
                "community",
                "joins_communities",
                "constraint_before",
                "constraint_after",
                "explanation",
            ):
                row[key] = item.get(key)
            rows.append(row)
        frame = pd.DataFrame(rows)
        if len(frame):
            frame = frame.set_index("id")
        frame.attrs.update(report)
        return frame

    def what_if(
        self,
        ties: Union[Iterable[Sequence[Any]], "pd.DataFrame"],
        as_of: Optional[int] = None,
        lang: str = "en",
    ) -> Dict[str, Any]:
        """``puentes what-if``: what the proposed ties would change (nothing is written).

        Args:
            ties: ``(source, target)`` or ``(source, target, strength)`` ids, or a DataFrame
                with ``source``, ``target`` and optionally ``strength`` columns.
            as_of: the network of that year.
            lang: language of errors.

        Returns:
            ``{"ties": [...], "effect": {...}}`` as the CLI prints it: isolated and
            peripheral organizations, components, cut points, bridges, distances,
            efficiency, constraint and service reach, before and after.
        """
        if isinstance(ties, pd.DataFrame):
            strength = ties["strength"] if "strength" in ties.columns else [1] * len(ties)
            triples = list(zip(ties["source"], ties["target"], strength))
        else:
            triples = [tuple(t) if len(t) == 3 else (t[0], t[1], 1) for t in ties]
        rows = [(str(s), str(t), _cell(w)) for s, t, w in triples]
        return json.loads(
            self._net.what_if(rows, None if as_of is None else str(as_of), lang)
        )

    def export(self, format: str = "json") -> str:
        """``puentes export --format FORMAT``: ``csv``, ``json`` (NetworkX node-link),
        ``graphml`` or ``gexf``, every attribute and metric, as text."""
        return self._net.export(format, "en")

    def to_networkx(self) -> Any:
        """A ``networkx.Graph`` with every public attribute and every metric (and the
        position columns: community, structural holes, brokerage) as node attributes, and
        ``weight``, ``kinds``, ``since`` on edges: the CLI's node-link export. Nodes are the
        original nodes when the network came from a graph, else organization ids."""
        import networkx as nx

        data = json.loads(self._net.export("json", "en"))
        try:
            G = nx.node_link_graph(data, edges="links")
        except TypeError:  # networkx < 3.4
            G = nx.node_link_graph(data)
        if self._labels:
            G = nx.relabel_nodes(G, self._labels, copy=True)
        return G


def _section(value: Dict[str, Any]) -> pd.DataFrame:
    """A gap report list as a DataFrame: organization references flattened to ids/names."""
    rows = []
    for item in value["items"]:
        row: Dict[str, Any] = {}
        for key, v in item.items():
            if isinstance(v, dict) and set(v) >= {"id", "name"}:
                prefix = "" if key == "organization" else key + "_"
                row[prefix + "id"] = v["id"]
                row[prefix + "name"] = v["name"]
            elif isinstance(v, list) and v and isinstance(v[0], dict) and "id" in v[0]:
                row[key] = _orgs(v)
            else:
                row[key] = v
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.attrs["total"] = value["total"]
    return frame


def backtest(
    path: _PathLike,
    split_year: int,
    horizon: int,
    k: int = 10,
    seed: Optional[int] = None,
    presence: str = "existing",
    tune: bool = True,
    lang: str = "en",
) -> pd.DataFrame:
    """``puentes backtest``: every suggestion scorer evaluated on real history.

    Trains on the ties formed before ``split_year``, ranks candidates for every organization
    present then, and scores against the pairs first tied in the following ``horizon`` years.

    Args:
        path: a dated dataset directory (``organizations.csv`` + ``ties.csv[.gz]``
            ``source,target,year``) or any import format whose ties carry a year.
        split_year: Y.
        horizon: H.
        k: the cut-off of precision@k and hit rate@k.
        seed: seed of the random baseline, Louvain and the tuning sample (the CLI's default
            when omitted).
        presence: ``existing`` (organizations known before Y) or ``tied`` (with a tie before Y).
        tune: fit the ``learned`` combination (on the split Y − 1).
        lang: language of errors.

    Returns:
        One row per scorer (index ``scorer``, the name the CLI's table shows): ``kind``
        (random, component, goal, learned), ``active``, ``coverage``, then
        ``precision_at_k``, ``hit_rate_at_k``, ``mrr``, ``aupr``, ``auc`` and
        ``organizations`` on all organizations, and the same prefixed by ``distance_2_``,
        ``distance_3_plus_``, ``isolated_or_pendant_`` and ``other_``. ``df.attrs`` holds
        the split's counts, ``k`` and the learned combination.
    """
    out = json.loads(
        _puentes.backtest(str(path), split_year, horizon, k, seed, presence, tune, lang)
    )
    rows = []
    for r in out.pop("rows"):
        scorer = r["scorer"]
        row: Dict[str, Any] = {
            "scorer": scorer.get("name", scorer["kind"]),
            "kind": scorer["kind"],
            "active": r.get("active"),
            "coverage": r.get("coverage"),
        }
        for key, value in r.items():
            if isinstance(value, dict) and key != "scorer":
                prefix = "" if key == "all" else key + "_"
                for name, x in value.items():
                    row[prefix + name] = x
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("scorer")
    frame.attrs.update(out)
    return frame
