"""The privacy policy's versions prove themselves (issue 16): every draft and published version is
anchored in the access log when it is written, so ``privdesk audit verify`` names a version altered
or deleted with the database's own tools after the append-only triggers were dropped (SQLite) or
disabled (PostgreSQL), on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from privdesk import clock
from privdesk.audit import anchors
from privdesk.context import AppContext
from privdesk.integrity import verify_all
from privdesk.policy import versions
from tests.audit_support import actor_for, officer
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, owner_engine, run_cli


def _published_twice(ctx: AppContext) -> tuple[versions.VersionInfo, versions.VersionInfo]:
    yook = officer(ctx)
    versions.draft(ctx, yook)
    v1 = versions.publish(ctx, yook, clock.today_kst())
    versions.draft(ctx, yook, {"intro": "{name}은 정보주체의 개인정보를 소중히 다룹니다."})
    v2 = versions.publish(ctx, yook, clock.today_kst())
    return v1, v2


def _around_the_guards(ctx: AppContext, *statements: str) -> None:
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER policy_versions_no_update"))
            conn.execute(text("DROP TRIGGER policy_versions_no_delete"))
        else:
            conn.execute(text("ALTER TABLE policy_versions DISABLE TRIGGER USER"))
        for stmt in statements:
            conn.execute(text(stmt))


def test_every_version_is_anchored_and_an_intact_policy_verifies(ctx: AppContext) -> None:
    v1, v2 = _published_twice(ctx)
    yook = officer(ctx)
    with ctx.session() as s:
        anchored = anchors.anchors_of(s, versions.TABLE)
    assert {v1.id, v2.id, v1.id - 1, v2.id - 1} <= set(anchored)  # the drafts too
    assert versions.verify_ledger(ctx, yook) == []
    report = verify_all(ctx, yook)
    assert report.ok, report.messages
    assert "개인정보 처리방침 판: 위·변조가 없습니다." in report.messages


def test_verify_needs_the_audit_verify_permission(ctx: AppContext) -> None:
    from privdesk.errors import PermissionDeniedError

    clerk = actor_for(ctx, "clerk1", ["intake"])
    with pytest.raises(PermissionDeniedError):
        versions.verify_ledger(ctx, clerk)


@pytest.mark.tampers
def test_a_published_text_changed_or_a_version_deleted_behind_privdesk_is_found(ctx: AppContext) -> None:
    v1, v2 = _published_twice(ctx)
    yook = officer(ctx)
    _around_the_guards(
        ctx,
        "UPDATE policy_versions SET sections = replace(sections, '5년', '1년') WHERE number = 1",
        "DELETE FROM policy_versions WHERE number = 2",
    )
    found = [(p.row_id, p.problem) for p in versions.verify_ledger(ctx, yook)]
    assert found == [(v1.id, anchors.ALTERED), (v2.id, anchors.DELETED)]
    report = verify_all(ctx, yook)
    assert not report.ok
    ledger = [m for m in report.messages if m.startswith("개인정보 처리방침 판:")]
    assert ledger == [
        f"개인정보 처리방침 판: policy_versions {v1.id}번 행: 내용이 접속기록에 남은 값과 다릅니다(변조).",
        f"개인정보 처리방침 판: policy_versions {v2.id}번 행: 접속기록에는 있는데 대장에서 사라졌습니다(삭제).",
    ]


@pytest.mark.tampers
def test_audit_verify_on_the_command_line_names_the_changed_version(ctx: AppContext) -> None:
    v1, _v2 = _published_twice(ctx)
    _around_the_guards(ctx, "UPDATE policy_versions SET published_by = 'someone' WHERE number = 1")
    r = run_cli(
        "--db",
        ctx.settings.db_url,
        "--key-file",
        str(ctx.settings.key_file),
        "audit",
        "verify",
        "--as",
        OFFICER_LOGIN,
        env={"PRIVDESK_PASSWORD": OFFICER_PASSWORD},
    )
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert (
        f"개인정보 처리방침 판: policy_versions {v1.id}번 행: 내용이 접속기록에 남은 값과 다릅니다(변조)"
        in out
    )
    assert "Traceback" not in out


def test_versions_stored_before_anchoring_are_anchored_at_the_upgrade(ctx: AppContext) -> None:
    """A database that stored versions under 0770 (no anchors then): after upgrading, ``audit
    verify`` does not call them inserted — the first unit after the upgrade anchors them, once."""
    from dataclasses import replace

    from privdesk.opening import open_context
    from privdesk.store import migrate

    yook = officer(ctx)
    with owner_engine(ctx) as engine:
        owner_url = engine.url.render_as_string(hide_password=False)
        with engine.begin() as conn:  # as 0770 left it: a published version, no anchor
            conn.execute(
                text(
                    "INSERT INTO policy_versions (number, state, sections, texts, facts, created_at, "
                    "created_by) VALUES (1, 'published', '[]', '{}', '{}', '2026-12-01 00:00:00', 'yook')"
                )
            )
        from alembic import command

        cfg = migrate.alembic_config()
        with engine.begin() as conn:  # back to 0770 (the later migrations' tables go), the row stays
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0770")
        assert migrate.current_revision(engine) == "0770"
    assert [p.problem for p in versions.verify_ledger(ctx, yook)] == [anchors.INSERTED]
    opened = open_context(replace(ctx.settings, db_url=owner_url))  # privdesk db upgrade, as the owner
    try:
        assert versions.verify_ledger(opened, yook) == []
        with opened.session() as s:
            assert len(anchors.anchors_of(s, versions.TABLE)) == 1
        opened.engine.dispose()
        again = open_context(ctx.settings)  # at head now: nothing anchored twice
        with again.session() as s:
            assert len(anchors.anchors_of(s, versions.TABLE)) == 1
        again.engine.dispose()
    finally:
        opened.engine.dispose()
    report = verify_all(ctx, yook)
    assert report.ok, report.messages
