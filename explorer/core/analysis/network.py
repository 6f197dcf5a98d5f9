"""The co-occurrence network: the top entities under a filter, joined where they share sentences
more often than chance, and a force-directed layout of it.

Edges carry the sentence count, Dunning's G² and normalised PMI (in (0, 1] for attraction):
NPMI weights the drawing and the layout, since it does not grow with how common the entities
are. ``spring_positions`` is plain computation (networkx), so the window runs it in a worker.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, groupby
from typing import TYPE_CHECKING

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.cooccurrence import sentence_total, sentence_units, top_entities
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import EntityRow, entity
from explorer.core.store.related import MIN_COOCCURRENCE, association

if TYPE_CHECKING:  # networkx is imported when a graph is made, not while the window starts
    import networkx as nx

__all__ = ["Edge", "Network", "build_network", "network_types", "spring_positions", "to_graph"]


def network_types(types: Iterable[str] | None, *, dates: bool = False) -> list[str]:
    """The types to draw: ``types`` (None: all), without dates unless ``dates``.

    Dates are in most sentences of news, so by default they would take the top places and join
    everything; the user adds them back when the question is about time.
    """
    chosen = list(ENTITY_TYPES if types is None else types)
    return [t for t in chosen if dates or t != "date"]


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    together: int  # sentences mentioning both
    llr: float
    npmi: float


@dataclass(frozen=True)
class Network:
    nodes: list[EntityRow]  # counts (mentions, articles) within the filtered articles
    edges: list[Edge]
    sentences: int  # sentences of the filtered articles
    flt: DocumentFilter = field(default_factory=DocumentFilter)

    def node(self, entity_id: int) -> EntityRow | None:
        return next((n for n in self.nodes if n.id == entity_id), None)


def build_network(
    db: sqlite_utils.Database,
    flt: DocumentFilter = DocumentFilter(),
    *,
    types: Iterable[str] | None = None,
    top: int = 50,
    min_count: int = MIN_COOCCURRENCE,
) -> Network:
    """The ``top`` most mentioned entities of the filtered articles (the filter's own entities
    always among them) and the positively associated pairs sharing ``min_count`` sentences."""
    nodes = top_entities(db, flt, types=types, limit=top)
    present = {n.id for n in nodes}
    for entity_id in flt.entity_ids:
        if entity_id not in present and (row := entity(db, entity_id)) is not None:
            nodes.append(row)
            present.add(entity_id)
    sizes: dict[int, int] = defaultdict(int)
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    for _sentence, units in groupby(sentence_units(db, list(present), flt), key=lambda unit: unit[1:]):
        ids = sorted(entity_id for entity_id, _article, _n in units)
        for entity_id in ids:
            sizes[entity_id] += 1
        for a, b in combinations(ids, 2):
            pairs[(a, b)] += 1
    total = sentence_total(db, flt)
    edges = []
    for (a, b), together in pairs.items():
        if together < min_count:
            continue
        llr, pmi = association(together, sizes[a], sizes[b], total)
        if llr > 0:
            npmi = pmi / -math.log2(together / total) if together < total else 1.0
            edges.append(Edge(a, b, together, llr, npmi))
    edges.sort(key=lambda e: -e.llr)
    return Network(nodes, edges, total, flt)


def to_graph(network: Network) -> nx.Graph:
    """A networkx graph with plain attributes (what GEXF and GraphML files carry)."""
    import networkx as nx

    graph = nx.Graph()
    for node in network.nodes:
        graph.add_node(node.id, label=node.name, type=node.type, mentions=node.mentions, articles=node.articles)
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, weight=edge.npmi, sentences=edge.together, llr=edge.llr)
    return graph


def spring_positions(network: Network, seed: int = 7) -> dict[int, tuple[float, float]]:
    """Force-directed positions in [-1, 1]² (the same network and seed give the same layout)."""
    graph = to_graph(network)
    if graph.number_of_nodes() == 0:
        return {}
    k = 3.0 / math.sqrt(graph.number_of_nodes())  # more room than networkx's 1/√n: labels need it
    import networkx as nx

    positions = nx.spring_layout(graph, k=k, weight="weight", seed=seed, iterations=80)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}
