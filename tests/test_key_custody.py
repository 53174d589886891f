"""Key custody: the recovery sheet, the key file restored from it, and the rotation of the master
key (resumable after kill -9, cancellable, refused over tampered rows), on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from privdesk.accounts import users
from privdesk.accounts.permissions import INTAKE, PRIVACY
from privdesk.context import AppContext
from privdesk.crypto import load_key_file, read_master_key
from privdesk.custody import rotation
from privdesk.custody.sheet import GROUPS, check_group, groups, master_from_groups
from privdesk.errors import KeyFileError, KeyRotationError, PrivdeskError, RuleViolationError, ValidationError
from privdesk.integrity import verify_all
from privdesk.opening import open_context
from privdesk.registry.importer import import_patients
from privdesk.registry.patients import create_patient, unmask
from privdesk.registry.sample import write_sample_csv
from privdesk.registry.search import search
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, owner_engine, run_cli
from tests.test_registry_patients import hong, make_actor

CLERK_PASSWORD = "Clerk-pass-123"


def env_of(ctx: AppContext, password: str = OFFICER_PASSWORD) -> dict[str, str]:
    return {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": password,
    }


# -- the sheet ----------------------------------------------------------------------------------------
def test_groups_round_trip_and_catch_a_typo_or_a_swap() -> None:
    master = bytes(range(32))  # fixed: a check character catches a random error with probability 31/32
    g = groups(master)
    assert len(g) == GROUPS and all(len(x) == 5 for x in g)
    assert master_from_groups([x.lower()[:2] + " " + x[2:] for x in g]) == master  # typed the way people type
    typo = g[4][:2] + ("A" if g[4][2] != "A" else "B") + g[4][3:]
    with pytest.raises(ValidationError, match="5번째 묶음이 맞지 않습니다"):
        master_from_groups([*g[:4], typo, *g[5:]])
    with pytest.raises(ValidationError, match=r"[23]번째 묶음"):
        master_from_groups([g[0], g[2], g[1], *g[3:]])  # two groups swapped
    for seed in range(200):  # and on random keys: a changed character is caught, or the key check refuses
        m = hashlib.sha256(bytes([seed])).digest()
        assert master_from_groups(groups(m)) == m
    with pytest.raises(ValidationError, match="13개"):
        master_from_groups(g[:12])
    assert check_group(1, g[0]) == g[0][:4]


def test_the_officer_prints_the_sheet_and_the_key_file_comes_back_from_it(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    out = tmp_path / "sheet.pdf"
    r = run_cli("key", "print", "--out", str(out), "--as", OFFICER_LOGIN, env=env_of(ctx))
    assert r.returncode == 0, r.stderr
    body = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    master = read_master_key(ctx.settings.key_file)
    for i, g in enumerate(groups(master), start=1):
        assert f"{i:02d}" in body and g[:4] in body
    assert ctx.keys.check_value.hex()[:16] in body and "금고" in body
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True
    )
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], capture_output=True, text=True
    )
    assert (
        scanned.stdout.strip() == ctx.settings.key_file.read_text().strip()
    )  # the QR code is the key file line
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NanumGothic" in fonts and "no " not in fonts.split("\n", 2)[2]
    with ctx.session() as s:  # the printing is logged, never the key
        logged = (
            s.execute(text("SELECT detail FROM access_log WHERE subject = 'key:recovery-sheet'"))
            .scalars()
            .all()
        )
        everything = " ".join(str(x) for x in s.execute(text("SELECT detail FROM access_log")).scalars())
    assert len(logged) == 1 and "key check" in logged[0]
    line = ctx.settings.key_file.read_text().strip()
    assert line.split(":", 1)[1] not in everything
    # only the officer
    make_actor(ctx, "it01", [PRIVACY])
    refused = run_cli(
        "key", "print", "--out", str(tmp_path / "x.pdf"), "--as", "it01", env=env_of(ctx, CLERK_PASSWORD)
    )
    assert refused.returncode == 1 and "보호책임자" in refused.stderr and not (tmp_path / "x.pdf").exists()
    # the key file lost: typed back from the sheet (a typo is named and nothing is written)
    typed = "\n".join(groups(master)) + "\n"
    restored = tmp_path / "restored.key"
    bad = "\n".join([*groups(master)[:6], "ZZZZZ", *groups(master)[7:]]) + "\n"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "privdesk",
            "--db",
            ctx.settings.db_url,
            "key",
            "restore",
            "--out",
            str(restored),
        ],
        input=bad,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert r.returncode == 1 and "7번째 묶음" in r.stderr and not restored.exists()
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "privdesk",
            "--db",
            ctx.settings.db_url,
            "key",
            "restore",
            "--out",
            str(restored),
        ],
        input=typed,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert r.returncode == 0, r.stderr
    assert read_master_key(restored) == master and stat.S_IMODE(restored.stat().st_mode) == 0o600
    other = "\n".join(groups(os.urandom(32))) + "\n"  # another database's sheet
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "privdesk",
            "--db",
            ctx.settings.db_url,
            "key",
            "restore",
            "--out",
            str(tmp_path / "other.key"),
        ],
        input=other,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert r.returncode == 1 and "키 확인값 불일치" in r.stderr and not (tmp_path / "other.key").exists()


# -- rotation -----------------------------------------------------------------------------------------
@pytest.fixture
def filled(ctx: AppContext, tmp_path: Path) -> AppContext:
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    make_actor(ctx, "won", [INTAKE])
    create_patient(ctx, officer, hong())
    import_patients(ctx, officer, write_sample_csv(tmp_path / "emr.csv", 300, seed=4), workers=0)
    users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)  # a witness under the old key
    return ctx


def _blobs(ctx: AppContext) -> list[bytes]:
    with ctx.session() as s:
        rows = s.execute(
            text(
                "SELECT rrn_enc FROM patients UNION ALL SELECT address_enc FROM patients "
                "UNION ALL SELECT phone_enc FROM patient_phones"
            )
        ).scalars()
        return [bytes(b) for b in rows if b]


def test_a_rotation_rewrites_everything_under_the_new_key_and_retires_the_old_one(filled: AppContext) -> None:
    ctx = filled
    old_file = ctx.settings.key_file.read_text()
    before_bi = set()
    with ctx.session() as s:
        before_bi = {bytes(b) for b in s.execute(text("SELECT rrn_bi FROM patients")).scalars()}
    report = rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert report.finished and report.rows > 600
    assert (
        ctx.settings.key_file.read_text() != old_file
        and not rotation.new_key_path(ctx.settings.key_file).exists()
    )
    ctx.engine.dispose()
    with pytest.raises(
        KeyFileError, match="이 데이터베이스의 키가 아닙니다"
    ):  # the old key no longer opens it
        old = ctx.settings.key_file.with_name("old.key")
        old.write_text(old_file)
        old.chmod(0o600)
        open_context(replace(ctx.settings, key_file=old))
    new_ctx = open_context(ctx.settings)
    try:
        new = load_key_file(ctx.settings.key_file)
        assert all(
            b[0] == 2 and b[1:5] == new.kid for b in _blobs(new_ctx)
        )  # every ciphertext names the new key
        with new_ctx.session() as s:
            assert not before_bi & {
                bytes(b) for b in s.execute(text("SELECT rrn_bi FROM patients")).scalars()
            }
        officer = users.login(new_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        found = search(new_ctx, officer, "900101-1234568").rows
        assert len(found) == 1
        assert unmask(new_ctx, officer, found[0].id, "본인 확인").rrn == "900101-1234568"
        assert search(new_ctx, officer, "010-1234-5678").rows[0].id == found[0].id
        report2 = verify_all(new_ctx, officer)  # the witnesses written under the old key still bind
        assert report2.ok, report2.messages
        assert report2.witnesses >= 3
    finally:
        new_ctx.engine.dispose()


def test_nobody_works_during_a_rotation_and_a_cancel_takes_everything_back(filled: AppContext) -> None:
    ctx = filled
    old_master = read_master_key(ctx.settings.key_file)
    blobs_before = sorted(_blobs(ctx))
    calls = {"n": 0}

    def cancel_after_the_first_batch() -> bool:
        calls["n"] += 1
        if calls["n"] == 2:  # meanwhile: the clerk cannot log in, the officer neither
            with pytest.raises(KeyRotationError):
                users.login(ctx, "won", CLERK_PASSWORD)
            with pytest.raises(KeyRotationError):
                users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        return calls["n"] >= 2

    report = rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD, cancel=cancel_after_the_first_batch)
    assert report.cancelled and report.rows > 0
    assert read_master_key(ctx.settings.key_file) == old_master
    assert (
        not rotation.new_key_path(ctx.settings.key_file).exists() and rotation.read_marker(ctx.engine) is None
    )
    after = sorted(_blobs(ctx))
    assert len(after) == len(blobs_before) and all(b[1:5] == ctx.keys.kid for b in after if b[0] == 2)
    officer = users.login(ctx, "won", CLERK_PASSWORD) and users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert len(search(ctx, officer, "900101-1234568").rows) == 1
    assert verify_all(ctx, officer).ok


@pytest.mark.tampers
def test_a_rotation_never_seals_a_row_changed_behind_privdesks_back(filled: AppContext) -> None:
    ctx = filled
    with owner_engine(ctx) as engine, engine.begin() as conn:
        conn.execute(text("UPDATE patients SET name = '바꾼이름' WHERE chart_no = '1001'"))
    with pytest.raises(RuleViolationError, match="무결성 검증에 실패해 키를 교체하지 않았습니다"):
        rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert (
        rotation.read_marker(ctx.engine) is None and not rotation.new_key_path(ctx.settings.key_file).exists()
    )
    with pytest.raises(PrivdeskError):  # and only the officer, with the password
        rotation.rotate(ctx, OFFICER_LOGIN, "wrong-password")


def test_killed_after_the_database_took_the_new_key_the_next_run_swaps_the_files(
    filled: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = filled

    def power_cut(_path: Path) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(rotation, "swap_files", power_cut)
    with pytest.raises(SystemExit):
        rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    monkeypatch.undo()
    ctx.engine.dispose()
    with pytest.raises(KeyFileError, match="키 교체가 거의 끝났습니다"):
        open_context(ctx.settings)
    r = run_cli("key", "rotate", "--as", OFFICER_LOGIN, env=env_of(ctx))
    assert r.returncode == 0 and "마쳤습니다" in r.stdout, r.stderr
    again = open_context(ctx.settings)
    try:
        officer = users.login(again, OFFICER_LOGIN, OFFICER_PASSWORD)
        assert verify_all(again, officer).ok
    finally:
        again.engine.dispose()


def test_kill_9_in_the_middle_and_the_next_run_finishes(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    import_patients(ctx, officer, write_sample_csv(tmp_path / "emr.csv", 12_000, seed=8), workers=0)
    make_actor(ctx, "won", [INTAKE])
    child = subprocess.Popen(
        [sys.executable, "-m", "privdesk", "key", "rotate", "--as", OFFICER_LOGIN],
        env={**os.environ, **env_of(ctx)},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    first = child.stderr.readline()  # the first batch is committed
    assert "/" in first, first
    child.send_signal(signal.SIGKILL)
    child.wait()
    time.sleep(0.1)
    assert rotation.read_marker(ctx.engine) is not None
    with pytest.raises(KeyRotationError):  # the old key still opens it, and nobody works
        users.login(ctx, "won", CLERK_PASSWORD)
    r = run_cli("key", "rotate", "--as", OFFICER_LOGIN, env=env_of(ctx), timeout=300)
    assert r.returncode == 0 and "키를 교체했습니다" in r.stdout, r.stderr
    ctx.engine.dispose()
    new_ctx = open_context(ctx.settings)
    try:
        clerk = users.login(new_ctx, "won", CLERK_PASSWORD)
        assert search(new_ctx, clerk, "홍").rows is not None
        assert verify_all(new_ctx, users.login(new_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)).ok
        new = load_key_file(ctx.settings.key_file)
        assert all(b[1:5] == new.kid for b in _blobs(new_ctx))
    finally:
        new_ctx.engine.dispose()


def test_the_separate_store_is_rotated_too(filled: AppContext) -> None:
    import datetime as dt

    from privdesk.lifecycle import separation
    from privdesk.lifecycle.store import check_separated_proofs
    from tests.lifecycle_support import add_marked

    ctx = filled
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    m = add_marked(ctx, officer, 3, last_visit=dt.date.today().replace(year=dt.date.today().year - 4))
    separation.run_retention(ctx)
    rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    ctx.engine.dispose()
    new_ctx = open_context(ctx.settings)
    try:
        assert check_separated_proofs(new_ctx) == []
        officer = users.login(new_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        record = separation.get_separated(new_ctx, officer, m.id)
        assert record.name == m.name
        assert verify_all(new_ctx, officer).ok
    finally:
        new_ctx.engine.dispose()


# -- on screen ------------------------------------------------------------------------------------------
def _window(qtbot, ctx: AppContext):  # type: ignore[no-untyped-def]
    from privdesk.ui.mainwindow import MainWindow
    from privdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    window = MainWindow(ctx, runner, users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)
    return window, runner


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_officer_rotates_the_key_on_screen_with_progress(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from privdesk.ui.backup.keys import KeysDialog

    ctx = sqlite_ctx
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    import_patients(ctx, officer, write_sample_csv(tmp_path / "emr.csv", 6000, seed=2), workers=0)
    make_actor(ctx, "won", [INTAKE])
    window, runner = _window(qtbot, ctx)
    assert window.keys_action.isVisible()
    dialog = window.open_keys()
    assert isinstance(dialog, KeysDialog)
    old_check = ctx.keys.check_value.hex()[:16]
    assert old_check in dialog.info.text() and not dialog.rotate_button.isEnabled()
    dialog.print_sheet(str(tmp_path / "sheet.pdf"))
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)
    assert (tmp_path / "sheet.pdf").exists()
    dialog.password.setText(OFFICER_PASSWORD)
    seen: list[int] = []
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    assert job is not None
    job.tracker.step.connect(lambda args: seen.append(args[1]))  # (what, done, total)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120_000)
    assert seen and seen == sorted(seen)  # the bar moved forward
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "키를 교체했습니다" in boxes[-1].text()
    assert old_check not in dialog.info.text()
    assert ctx.keys.check_value.hex()[:16] in dialog.info.text()  # this window goes on with the new key
    assert len(search(ctx, users.login(ctx, "won", CLERK_PASSWORD), "홍").rows) >= 0
    window.close()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_cancel_on_screen_takes_the_database_back_to_the_old_key(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = sqlite_ctx
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    import_patients(ctx, officer, write_sample_csv(tmp_path / "emr.csv", 12_000, seed=3), workers=0)
    monkeypatch.setattr(rotation, "BATCH", 500)  # many batches, and a slow machine, so the cancel
    rewrite = rotation._rewrite  # lands in the middle

    def slowly(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.001)
        return rewrite(*args, **kwargs)

    monkeypatch.setattr(rotation, "_rewrite", slowly)
    old_master = read_master_key(ctx.settings.key_file)
    window, runner = _window(qtbot, ctx)
    dialog = window.open_keys()
    dialog.password.setText(OFFICER_PASSWORD)
    dialog.rotate()
    job = dialog.job
    assert job is not None
    qtbot.waitUntil(lambda: job.progress.value() > 0, timeout=60_000)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(job.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 취소
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120_000)
    assert job.report is not None and job.report.cancelled
    assert read_master_key(ctx.settings.key_file) == old_master and rotation.read_marker(ctx.engine) is None
    assert verify_all(ctx, users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)).ok
    window.close()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


def test_every_proven_table_is_rewritten_by_the_rotation() -> None:
    """A table whose rows carry a proof (``__proof__``) and is not in the rotation's list would keep
    proofs under the old key: every row of it would fail ``audit verify`` after a rotation."""
    import privdesk.store.models as store_models

    proven = {
        m.class_.__proof__.name
        for m in store_models.Base.registry.mappers
        if getattr(m.class_, "__proof__", None) is not None
    }
    rotated = {t.spec.name for t in rotation.main_targets("postgresql")}
    assert proven and proven <= rotated, proven - rotated
