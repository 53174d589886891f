"""Two races found while reviewing the day's work: two first opens of a SQLite file at once (the
plan screen loads its records and its exclusions from the separate store in two tasks), and a
demo database's rejects file (its first column is 견본 표시) not recognised as privdesk's own, so
the next import of the same file refused to replace it."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from privdesk.accounts import users
from privdesk.bootstrap import initialize
from privdesk.registry.importer import import_patients, rejects_path_for
from privdesk.settings import load_settings
from privdesk.store.engine import prepare_sqlite_file
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD


def test_many_first_opens_of_a_sqlite_file_at_once(tmp_path: Path) -> None:
    for round_no in range(30):
        path = tmp_path / f"db-{round_no}.sqlite3"
        start = threading.Barrier(8)
        errors: list[BaseException] = []

        def open_it(
            path: Path = path, start: threading.Barrier = start, errors: list[BaseException] = errors
        ) -> None:
            try:
                start.wait(5)
                prepare_sqlite_file(path)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert errors == []
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_demo_databases_rejects_file_is_replaced_by_the_next_import(tmp_path: Path) -> None:
    settings = load_settings(db=f"sqlite:///{tmp_path / 'db.sqlite3'}", key_file=tmp_path / "k.key", env={})
    ctx = initialize(
        settings, officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD, demo=True
    )
    try:
        assert ctx.is_demo
        officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        csv = tmp_path / "emr.csv"
        csv.write_text("차트번호,이름,주민등록번호\nC-1,김환자,잘못된번호\n", encoding="utf-8")
        first = import_patients(ctx, officer, csv)
        rejects = rejects_path_for(csv)
        assert first.rejected == 1 and rejects.read_text(encoding="utf-8-sig").startswith(
            "견본 표시,줄번호,사유,"
        )
        second = import_patients(ctx, officer, csv)  # refused before: the demo's own file was "another file"
        assert second.rejected == 1 and rejects.is_file()
    finally:
        ctx.engine.dispose()
