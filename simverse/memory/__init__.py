"""simverse.memory — what NPCs remember, how they recall it, reflect and plan.

Map of the package (one job per module):

* :mod:`~simverse.memory.types`      plain data: ``NewMemory``, ``MemoryRecord``,
  ``RetrievalQuery``, ``Retrieved``
* :mod:`~simverse.memory.config`     ``MemoryConfig`` (weights, decay, thresholds, limits)
* :mod:`~simverse.memory.embedder`   ``Embedder`` protocol, MiniLM (default) and hashing
* :mod:`~simverse.memory.vectors`    ``VectorBook``: each distinct text embedded once per run,
  stored (float16) and read back by resumes, forks and replays
* :mod:`~simverse.memory.scoring`    recency/importance/relevance scoring and top-k
* :mod:`~simverse.memory.index`      one NPC's memories as growable numpy arrays
* :mod:`~simverse.memory.stream`     ``MemoryStream``: SQLite writes + index + retrieval
* :mod:`~simverse.memory.rows`       reading memory rows back; fast bulk writes
* :mod:`~simverse.memory.recall_log` what a retrieval leaves: compact ids or full scores
* :mod:`~simverse.memory.importance` the scripted importance rule and LLM-rating parser
* :mod:`~simverse.memory.reflection` ``reflect_due`` with rule and LLM reflectors
* :mod:`~simverse.memory.planning`   ``plan_step`` with rule and LLM planners
* :mod:`~simverse.memory.growth`     ``compact``: bounded memories per NPC

The world's step calls, once per phase for all NPCs: ``add_many`` (perceive),
``retrieve_batch`` (decide), then ``reflect_due``, ``plan_step`` and ``compact``.
"""

from simverse.memory.config import MemoryConfig
from simverse.memory.embedder import (
    Embedder,
    EmbedderUnavailable,
    HashingEmbedder,
    MiniLMEmbedder,
    make_embedder,
)
from simverse.memory.growth import CompactionReport, compact
from simverse.memory.importance import (
    ImportanceParser,
    LLMImportanceRater,
    RuleImportanceRater,
    rule_importance,
)
from simverse.memory.planning import (
    DailyPlan,
    LLMPlanner,
    PlanInput,
    PlanNow,
    PlanReport,
    RulePlanner,
    ScheduleEntry,
    plan_step,
)
from simverse.memory.reflection import LLMReflector, ReflectionReport, RuleReflector, reflect_due
from simverse.memory.stream import MemoryStream
from simverse.memory.types import MemoryRecord, NewMemory, RetrievalQuery, Retrieved

__all__ = [
    "CompactionReport",
    "DailyPlan",
    "Embedder",
    "EmbedderUnavailable",
    "HashingEmbedder",
    "ImportanceParser",
    "LLMImportanceRater",
    "LLMPlanner",
    "LLMReflector",
    "MemoryConfig",
    "MemoryRecord",
    "MemoryStream",
    "MiniLMEmbedder",
    "NewMemory",
    "PlanInput",
    "PlanNow",
    "PlanReport",
    "ReflectionReport",
    "RetrievalQuery",
    "Retrieved",
    "RuleImportanceRater",
    "RulePlanner",
    "RuleReflector",
    "ScheduleEntry",
    "compact",
    "make_embedder",
    "plan_step",
    "reflect_due",
    "rule_importance",
]
