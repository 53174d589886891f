"""Login benchmark (run with ``-m bench``): the time one login costs with the DEFAULT Argon2id
parameters (``PasswordHashParams()``: 64 MiB, t=3, p=4), not the cheap ones the test suite uses.

Printed: hashing and verifying alone (the floor), a real login through the use case (hash check,
account update and the access-log entry), and a login with an unknown ID (which must cost about
the same, so the answer time does not reveal whether an ID exists).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import privdesk.accounts.users as users
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.crypto import PasswordHashParams, hash_password, verify_password
from privdesk.errors import AuthenticationError
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench
RUNS = 7


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


@pytest.fixture
def default_cost_ctx(
    sqlite_url: str,
    settings_for,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[AppContext]:
    """A database whose settings use the default Argon2id cost (empty config file)."""
    cfg = tmp_path / "default-cost.toml"
    cfg.write_text("", encoding="utf-8")
    monkeypatch.setenv("PRIVDESK_CONFIG", str(cfg))
    ctx = initialize(
        settings_for(sqlite_url),
        officer_login=OFFICER_LOGIN,
        officer_name="육의곤",
        password=OFFICER_PASSWORD,
    )
    assert ctx.hash_params == PasswordHashParams()
    yield ctx
    ctx.engine.dispose()


def test_bench_login(default_cost_ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    params = PasswordHashParams()
    phc = hash_password(OFFICER_PASSWORD, params)
    assert "m=65536,t=3,p=4" in phc
    t_hash = median_ms(lambda: hash_password(OFFICER_PASSWORD, params))
    t_verify = median_ms(lambda: verify_password(OFFICER_PASSWORD, phc))
    assert verify_password(OFFICER_PASSWORD, phc) and not verify_password("wrong-Pass1", phc)

    lines = [f"  hash_password:   {t_hash:7.1f} ms", f"  verify_password: {t_verify:7.1f} ms"]
    login = getattr(users, "login", None)
    if login is not None:
        ctx = default_cost_ctx
        actors = []
        t_login = median_ms(
            lambda: actors.append(login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD, channel="bench"))
        )
        assert actors[0].login == OFFICER_LOGIN

        def unknown() -> None:
            with pytest.raises(AuthenticationError):
                login(ctx, "nobody", OFFICER_PASSWORD, channel="bench")

        t_unknown = median_ms(unknown)
        lines += [
            f"  login (use case): {t_login:6.1f} ms   ratio to verify_password {t_login / t_verify:.2f}",
            f"  unknown ID:       {t_unknown:6.1f} ms   ratio to a real login {t_unknown / t_login:.2f}",
        ]
    else:
        lines.append("  login use case not present yet: only the hashing floor measured")
    with capsys.disabled():
        print(
            f"\n[bench login] Argon2id {params.memory_kib // 1024} MiB, t={params.iterations}, "
            f"p={params.lanes}; median of {RUNS}"
        )
        print("\n".join(lines))
