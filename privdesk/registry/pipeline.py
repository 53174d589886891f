"""Preparing import rows (가져오기 준비): CSV records → validated, encrypted batches.

Preparation needs no database, so a large import runs it in other processes — one per spare core
(:func:`default_workers`), batch *k* prepared by process *k mod N* and received in order — while
the first writes the previous batches: validation and encryption then overlap with the inserts. The worker loads the key file itself (never sent over the pipe),
checks it against the key check value, and sends only prepared batches. If the importing
process dies, the worker's next send fails and it exits; it never touches the database.

Frozen builds must call ``multiprocessing.freeze_support()`` at start-up before workers are used
(``WORKERS_IN_FROZEN_BUILD``); until then a frozen build prepares in-process.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Final, NamedTuple

from sqlalchemy.engine import Dialect, make_url

from privdesk.crypto import KeyRing, load_key_file
from privdesk.errors import PrivdeskError
from privdesk.registry.bulk import PreparedPatient, RowEncoder
from privdesk.registry.labels import FIELD_LABELS
from privdesk.registry.models import MAX_PHONES
from privdesk.registry.source import DEFAULT_MAX_ROW_BYTES, Problem, records
from privdesk.registry.validation import PatientInput, quick_valid, validate_patient_input

WORKERS_IN_FROZEN_BUILD: Final = False
CANCEL_EVERY: Final = 500
BATCH_BYTES: Final = 8 << 20  # a batch also ends after about this much text (rows may be up to the row limit)
FORM_LABELS: Final = {  # validation keys → the fields' names (privdesk.registry.labels)
    **{k: v for k, v in FIELD_LABELS.items() if not k.startswith("phone")},
    "phones": FIELD_LABELS["phone"],
    "phones.0": FIELD_LABELS["phone"],
    "phones.1": FIELD_LABELS["phone2"],
    "phones.2": FIELD_LABELS["phone3"],
}
_PHONE_SEPARATORS: Final = str.maketrans({";": "/", ",": "/"})

Reject = tuple[int, str, list[str]]  # line number, reason (never the values), original cells


class Batch(NamedTuple):
    rows: int  # records read for this batch
    prepared: list[PreparedPatient]
    rejects: list[Reject]
    cells: dict[int, list[str]]  # original cells of the prepared rows, by line


@dataclass(frozen=True)
class PrepareSpec:
    """Everything the preparation needs, picklable (no keys: the worker reads the key file)."""

    path: str
    encoding: str
    idx: Mapping[str, int]
    batch_size: int
    retention_years: int
    now: dt.datetime
    today: dt.date
    db_url: str
    key_file: str
    key_check: bytes
    max_row_bytes: int = DEFAULT_MAX_ROW_BYTES
    proof_tails: bool = False  # encode the row proofs' messages here too (RowEncoder ``tails``)


WORKER_GONE: Final = (
    "가져오기를 준비하던 작업(별도 프로세스)이 도중에 끝났습니다(강제 종료되었거나 메모리가 "
    "부족했을 수 있습니다)."
)


class PrepareError(PrivdeskError):
    """The file stopped being readable part-way (an I/O error, the file gone), or the preparing
    process ended before it was done."""


def reason(errors: Mapping[str, str]) -> str:
    return " ".join(f"[{FORM_LABELS.get(k, k)}] {m}" for k, m in errors.items())


class Preparer:
    """Validation and encryption of one CSV record; no database access."""

    def __init__(self, encoder: RowEncoder, idx: Mapping[str, int], today: dt.date) -> None:
        self.encoder = encoder
        self.today = today
        self.get = [
            (f, idx.get(f)) for f in ("chart_no", "name", "rrn", "address", "first_visit", "last_visit")
        ]
        self.phone_idx = [idx[f] for f in ("phone", "phone2", "phone3") if f in idx]

    def __call__(self, line: int, c: list[str]) -> PreparedPatient | Reject:
        n = len(c)
        v = {f: (c[i].strip() if i is not None and i < n else "") for f, i in self.get}
        phones: list[str] = []
        for i in self.phone_idx:
            if i < n and c[i].strip():
                phones.extend(p for p in c[i].translate(_PHONE_SEPARATORS).split("/") if p.strip())
        if len(phones) > MAX_PHONES:
            return (line, f"[연락처] 전화번호는 {MAX_PHONES}개까지 가져올 수 있습니다.", c)
        valid = quick_valid(
            v["chart_no"],
            v["name"],
            v["rrn"],
            v["address"],
            phones,
            v["first_visit"],
            v["last_visit"],
            self.today,
        )
        if valid is not None:
            return self.encoder.encode(valid, line)
        data = PatientInput(
            chart_no=v["chart_no"],
            name=v["name"],
            rrn=v["rrn"],
            address=v["address"],
            phones=phones,
            first_visit=v["first_visit"] or None,
            last_visit=v["last_visit"] or None,
        )
        report = validate_patient_input(data, today=self.today)
        if report.value is None:
            return (line, reason(report.errors), c)
        return self.encoder.encode(report.value, line)


class InlineBatches:
    """Batches prepared in this process; ``cancelled`` tells whether ``cancel()`` stopped them."""

    def __init__(
        self, spec: PrepareSpec, keys: KeyRing, dialect: Dialect, cancel: Callable[[], bool] | None = None
    ) -> None:
        self.cancelled = False
        self._spec, self._keys, self._dialect = spec, keys, dialect
        self._cancel = cancel

    def _poll(self) -> bool:
        self.cancelled = self._cancel is not None and self._cancel()
        return self.cancelled

    def __iter__(self) -> Iterator[Batch]:
        return prepare_batches(self._spec, self._keys, self._dialect, self._poll)

    def close(self) -> None:
        return None


def prepare_batches(
    spec: PrepareSpec,
    keys: KeyRing,
    dialect: Dialect,
    cancel: Callable[[], bool] | None = None,
    *,
    part: int = 0,
    parts: int = 1,
) -> Iterator[Batch]:
    """Batches of up to ``spec.batch_size`` records (and about :data:`BATCH_BYTES` of text);
    stops early when ``cancel()`` turns true. A record that cannot be read is a reject of its
    own (:mod:`privdesk.registry.source`): the rows around it are imported.

    With ``parts`` > 1 only every ``parts``-th batch from ``part`` on is prepared and yielded (the
    batches of one of ``parts`` preparing processes, which all read the whole file and so cut it
    into the same batches); the others' rows are read and counted, not validated nor encrypted."""
    encoder = RowEncoder(
        keys, dialect, retention_years=spec.retention_years, now=spec.now, tails=spec.proof_tails
    )
    prep = Preparer(encoder, spec.idx, spec.today)
    rows = records(Path(spec.path), spec.encoding, max_row_bytes=spec.max_row_bytes)
    try:
        number = -1
        while True:
            number += 1
            if number % parts != part:  # another process's batch: only where it ends matters
                n = size = 0
                for _line, cells in rows:
                    if not isinstance(cells, Problem):
                        size += sum(len(c) for c in cells)
                    n += 1
                    if n % CANCEL_EVERY == 0 and cancel is not None and cancel():
                        return
                    if n >= spec.batch_size or size >= BATCH_BYTES:
                        break
                if n == 0:
                    return
                continue
            batch = Batch(0, [], [], {})
            n = size = 0
            for line, cells in rows:
                if isinstance(cells, Problem):
                    batch.rejects.append((line, cells.reason, []))
                else:
                    out = prep(line, cells)
                    if isinstance(out, PreparedPatient):
                        batch.prepared.append(out)
                        batch.cells[line] = cells
                    else:
                        batch.rejects.append(out)
                    size += sum(len(c) for c in cells)
                n += 1
                if n % CANCEL_EVERY == 0 and cancel is not None and cancel():
                    return
                if n >= spec.batch_size or size >= BATCH_BYTES:
                    break
            if n == 0:
                return
            yield batch._replace(rows=n)
    except OSError as exc:
        raise PrepareError(
            f"파일을 끝까지 읽을 수 없습니다: {Path(spec.path).name} "
            f"({exc.strerror or exc.__class__.__name__})."
        ) from None
    finally:
        rows.close()


# -- the worker process ---------------------------------------------------------------------------
def _worker(
    conn: Connection, spec: PrepareSpec, part: int = 0, parts: int = 1
) -> None:  # pragma: no cover - runs in the child
    try:
        keys = load_key_file(Path(spec.key_file))
        if not keys.matches(spec.key_check):
            conn.send(("error", "키 파일이 이 데이터베이스의 키가 아닙니다."))
            return
        dialect = make_url(spec.db_url).get_dialect()()
        for batch in prepare_batches(spec, keys, dialect, part=part, parts=parts):
            conn.send(("batch", batch))
        conn.send(("done", None))
    except (BrokenPipeError, EOFError, OSError):
        return  # the importing process is gone: stop quietly
    except PrivdeskError as exc:
        conn.send(("error", exc.message))
    finally:
        conn.close()


def workers_available() -> bool:
    """Whether a spawned worker is safe here. Spawning re-imports the main script in the child,
    which is harmless for ``python -m privdesk`` (skipped), for console-script wrappers (guarded)
    and for ``python -c``, but would re-run an unguarded script: such callers prepare in-process."""
    if getattr(sys, "frozen", False):
        return WORKERS_IN_FROZEN_BUILD
    main = sys.modules.get("__main__")
    spec_name = getattr(getattr(main, "__spec__", None), "name", None) or ""
    main_file = getattr(main, "__file__", None)
    return spec_name.endswith("__main__") or main_file is None or not str(main_file).endswith(".py")


def default_workers() -> int:
    """One preparing process per spare core: the cores this process may use, less the one that
    writes (at least 1)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


class WorkerBatches:
    """Batches prepared by ``workers`` spawned processes, batch *k* by process *k mod workers*
    and received in the file's order; iterate, and ``close()`` to stop them early."""

    def __init__(self, spec: PrepareSpec, cancel: Callable[[], bool] | None = None, workers: int = 1) -> None:
        mp = multiprocessing.get_context("spawn")
        self._conns: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        workers = max(1, workers)
        try:
            for part in range(workers):
                conn, child = mp.Pipe(duplex=False)
                process = mp.Process(
                    target=_worker,
                    args=(child, spec, part, workers),
                    daemon=True,
                    name=f"privdesk-import-prepare-{part + 1}",
                )
                self._conns.append(conn)
                self._processes.append(process)
                process.start()
                child.close()
        except BaseException:
            self.close()
            raise
        self._cancel = cancel
        self.cancelled = False

    def __iter__(self) -> Iterator[Batch]:
        number = 0
        while True:
            conn, process = self._conns[number % len(self._conns)], self._processes[number % len(self._conns)]
            try:
                while not conn.poll(0.05):
                    if self._cancel is not None and self._cancel():
                        self.cancelled = True
                        return
                    if not process.is_alive() and not conn.poll(0):
                        raise PrepareError(WORKER_GONE)
                kind, payload = conn.recv()
            except PrepareError:
                raise
            except (
                EOFError,
                OSError,
                pickle.UnpicklingError,
                ValueError,
                TypeError,
                AttributeError,
                ImportError,
                IndexError,
                MemoryError,
            ):
                # killed mid-send: a cut-off message is as good as none
                raise PrepareError(WORKER_GONE) from None
            if kind == "done":  # this process has no batch number `number`: nor has any other
                return
            if kind == "error":
                raise PrepareError(str(payload))
            number += 1
            yield payload

    def close(self) -> None:
        for conn in self._conns:
            conn.close()
        for process in self._processes:
            if process.pid is not None:
                process.join(timeout=5)
        for process in self._processes:
            if process.pid is not None and process.is_alive():
                process.terminate()
                process.join(timeout=5)
