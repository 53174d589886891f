"""The backup archive's format, the rotation rule and the [backup] settings, without a database:
every kind of damage (a flipped byte anywhere, truncation at and between chunk boundaries, chunks
moved, dropped or appended, an edited header) is refused with a Korean sentence naming the file;
another key is named with the key check the archive needs."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.backup import archive
from privdesk.backup.rotation import CopiesUntil, Policy, allowed_age, copies_until, kept
from privdesk.crypto import KeyRing
from privdesk.errors import BackupError, ConfigError
from privdesk.settings import BackupSettings, load_settings

SMALL = 4096
KEYS = KeyRing(bytes(range(32)))


def make(
    path: Path,
    parts: dict[str, bytes],
    *,
    keys: KeyRing = KEYS,
    chunk: int = SMALL,
    manifest_extra: dict[str, object] | None = None,
) -> Path:
    header = archive.new_header(
        keys, database_id="db-1", created_at="2026-12-01T00:00:00.000000Z", backend="sqlite"
    )
    header["chunk"] = chunk
    with path.open("wb") as fh:
        w = archive.ArchiveWriter(fh, keys, header)
        for name, data in parts.items():
            w.begin_part(name, "sqlite-main" if name == "main" else "sqlite-separated")
            for i in range(0, len(data), 3000):  # odd pieces: records straddle chunks
                w.write(data[i : i + 3000])
            w.end_part()
        manifest = {
            "parts": [{"name": p.name, "kind": p.kind, "size": p.size, "sha256": p.sha256} for p in w.parts],
            "key_check": keys.check_value.hex(),
            "database_id": "db-1",
            "head": {"seq": 7, "hash": "00"},
            "revision": "0600",
            "counts": {"main": {"patients": 1}},
            "created_at": "2026-12-01T00:00:00Z",
        }
        manifest.update(manifest_extra or {})
        w.finish(manifest)
    assert w.size == path.stat().st_size
    return path


def payload(n: int, seed: int = 1) -> bytes:
    return os.urandom(n) if seed < 0 else bytes((i * 7 + seed) % 251 for i in range(n))


@pytest.mark.parametrize("sizes", [(0,), (1,), (SMALL - 5,), (SMALL,), (3 * SMALL,), (50_000, 12_345)])
def test_round_trip_any_size_every_hash_checked(tmp_path: Path, sizes: tuple[int, ...]) -> None:
    parts = {
        name: payload(n, i) for i, (name, n) in enumerate(zip(("main", "separated"), sizes, strict=False))
    }
    path = make(tmp_path / "a.pdbk", parts)
    got: dict[str, bytearray] = {}

    def sink(part: archive.Part):  # type: ignore[no-untyped-def]
        got[part.name] = bytearray()
        return got[part.name].extend

    contents = archive.read_archive(path, KEYS, "k.key", sink=sink)
    assert {k: bytes(v) for k, v in got.items()} == parts
    assert [p.name for p in contents.parts] == list(parts)
    assert contents.manifest["head"]["seq"] == 7 and contents.size == path.stat().st_size
    header = archive.peek(path)
    assert header is not None and header.key_check == KEYS.check_value.hex() and header.database_id == "db-1"


def test_nothing_personal_or_secret_in_the_clear(tmp_path: Path) -> None:
    secret = "홍길동 900101-1234567 서울특별시".encode()
    path = make(tmp_path / "a.pdbk", {"main": secret * 500})
    raw = path.read_bytes()
    assert secret not in raw and "홍길동".encode() not in raw
    assert bytes(range(32)) not in raw  # no key material
    assert raw.startswith(archive.MAGIC)


def refused(path: Path, keys: KeyRing = KEYS) -> str:
    with pytest.raises(BackupError) as err:
        archive.read_archive(path, keys, "k.key")
    return str(err.value)


def test_one_flipped_byte_anywhere_is_refused(tmp_path: Path) -> None:
    good = make(
        tmp_path / "good.pdbk", {"main": payload(5 * SMALL + 77), "separated": payload(900, 3)}
    ).read_bytes()
    header_len = len(archive.MAGIC) + 4 + int.from_bytes(good[16:20], "big")
    positions = [
        20,
        header_len - 2,
        header_len,
        header_len + SMALL // 2,
        header_len + 2 * (SMALL + 16) + 1,
        len(good) // 2,
        len(good) - 20,
        len(good) - 1,
    ]
    for pos in positions:
        bad = bytearray(good)
        bad[pos] ^= 0x01
        path = tmp_path / f"flip-{pos}.pdbk"
        path.write_bytes(bytes(bad))
        message = refused(path)
        assert ("손상" in message or "형식" in message) and str(path) in message, (pos, message)


def test_truncation_at_and_between_chunk_boundaries_is_refused(tmp_path: Path) -> None:
    good = make(tmp_path / "good.pdbk", {"main": payload(4 * SMALL)}).read_bytes()
    header_len = len(archive.MAGIC) + 4 + int.from_bytes(good[16:20], "big")
    cuts = [
        0,
        10,
        header_len - 1,
        header_len,
        header_len + 100,
        header_len + SMALL + 16,
        header_len + 2 * (SMALL + 16),
        len(good) - 16,
        len(good) - 1,
    ]
    for cut in cuts:
        path = tmp_path / f"cut-{cut}.pdbk"
        path.write_bytes(good[:cut])
        message = refused(path)
        assert str(path) in message, (cut, message)
        assert any(w in message for w in ("잘렸", "손상", "빈 파일", "아닙니다")), (cut, message)


def test_chunks_moved_dropped_or_appended_are_refused(tmp_path: Path) -> None:
    good = make(tmp_path / "good.pdbk", {"main": payload(4 * SMALL)}).read_bytes()
    header_len = len(archive.MAGIC) + 4 + int.from_bytes(good[16:20], "big")
    size = SMALL + 16
    head, body = good[:header_len], good[header_len:]
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    assert len(chunks) >= 4
    variants = {
        "swapped": chunks[1] + chunks[0] + b"".join(chunks[2:]),
        "dropped": chunks[0] + b"".join(chunks[2:]),
        "repeated": chunks[0] + chunks[0] + b"".join(chunks[1:]),
        "appended": body + chunks[-1],
        "garbage": body + b"\0" * 40,
    }
    for name, data in variants.items():
        path = tmp_path / f"{name}.pdbk"
        path.write_bytes(head + data)
        assert "손상" in refused(path), name
    # a chunk of another archive made with the same key does not fit either (its own salt and header)
    other = make(tmp_path / "other.pdbk", {"main": payload(4 * SMALL)}).read_bytes()
    path = tmp_path / "spliced.pdbk"
    path.write_bytes(
        head + chunks[0] + other[header_len + size : header_len + 2 * size] + b"".join(chunks[2:])
    )
    assert "손상" in refused(path)


def test_another_key_is_named_with_the_key_check_the_archive_needs(tmp_path: Path) -> None:
    path = make(tmp_path / "a.pdbk", {"main": payload(100)})
    other = KeyRing(bytes(32))
    with pytest.raises(BackupError) as err:
        archive.read_archive(path, other, "/keys/new.key")
    message = str(err.value)
    assert err.value.kind == "wrong_key"
    assert "/keys/new.key" in message and KEYS.check_value.hex()[:16] in message
    assert other.check_value.hex()[:16] in message and "교체 전의 키 파일" in message


def test_header_key_check_edited_to_fit_another_key_still_fails_to_decrypt(tmp_path: Path) -> None:
    path = make(tmp_path / "a.pdbk", {"main": payload(100)})
    other = KeyRing(bytes(32))
    raw = path.read_bytes().replace(KEYS.check_value.hex().encode(), other.check_value.hex().encode())
    path.write_bytes(raw)
    assert "손상" in refused(path, other)


def test_a_manifest_that_does_not_describe_the_parts_is_refused(tmp_path: Path) -> None:
    path = make(
        tmp_path / "a.pdbk",
        {"main": payload(100)},
        manifest_extra={"parts": [{"name": "main", "kind": "sqlite-main", "size": 99, "sha256": "0" * 64}]},
    )
    assert "매니페스트" in refused(path)
    path = make(tmp_path / "b.pdbk", {"main": payload(100)}, manifest_extra={"database_id": "db-2"})
    assert "매니페스트" in refused(path)


def test_not_an_archive(tmp_path: Path) -> None:
    for name, data in (
        ("empty.pdbk", b""),
        ("text.pdbk", b"hello world\n" * 10),
        ("zip.pdbk", b"PK\x03\x04" * 9),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert str(path) in refused(path)
        assert archive.peek(path) is None
    with pytest.raises(BackupError, match="없습니다"):
        archive.read_archive(tmp_path / "missing.pdbk", KEYS, "k")
    with pytest.raises(BackupError, match="폴더"):
        archive.read_archive(tmp_path, KEYS, "k")


def test_writer_streams_in_bounded_memory() -> None:
    sink = io.BytesIO()
    header = archive.new_header(KEYS, database_id="d", created_at="x", backend="sqlite")
    w = archive.ArchiveWriter(sink, KEYS, header)
    w.begin_part("main", "sqlite-main")
    block = payload(1 << 20)
    for _ in range(8):
        w.write(block)
        assert len(w._buf) <= archive.CHUNK + (1 << 20)  # never more than about one chunk held back
    w.end_part()


# -- rotation ---------------------------------------------------------------------------------------
def daily(start: dt.date, days: int, hour: int = 9) -> list[dt.datetime]:
    return [
        dt.datetime.combine(start + dt.timedelta(days=i), dt.time(hour), clock.KST).astimezone(dt.UTC)
        for i in range(days)
    ]


def kst_dates(times: list[dt.datetime], idx: set[int]) -> list[str]:
    return sorted(clock.to_kst(times[i]).date().isoformat() for i in idx)


def test_rotation_keeps_seven_days_and_twelve_months() -> None:
    times = daily(dt.date(2025, 1, 1), 700)  # up to 2026-12-01
    keep = kept(times, Policy(7, 12))
    dates = kst_dates(times, keep)
    assert dates[-7:] == [f"2026-11-{d}" for d in range(25, 31)] + ["2026-12-01"]
    months = [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
        "2026-06-30",
        "2026-07-31",
        "2026-08-31",
        "2026-09-30",
        "2026-10-31",
    ]
    assert dates[:10] == months and len(dates) == 17


def test_rotation_keeps_the_newest_even_with_many_on_one_day_and_counts_days_with_backups() -> None:
    times = daily(dt.date(2026, 12, 1), 1) + [
        dt.datetime(2026, 12, 1, 3, m, tzinfo=dt.UTC) for m in range(1, 6)
    ]
    keep = kept(times, Policy(1, 0))
    assert keep == {5}  # 12:05 KST, the newest of that day
    sparse = daily(dt.date(2026, 1, 5), 1) + daily(dt.date(2026, 6, 1), 1) + daily(dt.date(2026, 11, 30), 2)
    assert len(kept(sparse, Policy(7, 0))) == 4  # days with backups, not calendar days


def test_copies_until_the_last_holding_backup_ages_out() -> None:
    made = daily(dt.date(2025, 12, 1), 370)  # daily backups up to 2026-12-05
    held = [made[i] for i in kept(made, Policy(7, 12))]
    destroyed = dt.datetime(2026, 12, 5, 5, tzinfo=dt.UTC)  # 14:00 KST, after that day's backup
    got = copies_until(destroyed, held, [], BackupSettings(), today=dt.date(2026, 12, 5))
    # the newest monthly backup before the destruction is November's last (2026-11-30); it goes when
    # twelve newer months have a backup: at the first backup of November 2027
    assert got == CopiesUntil(dt.date(2027, 11, 1)) and got.text == "2027-11-01"
    few = copies_until(
        destroyed, held, [], BackupSettings(keep_daily=7, keep_monthly=0), today=dt.date(2026, 12, 5)
    )
    assert few.until == dt.date(2026, 12, 12)  # then only the daily rule: seven days later
    assert copies_until(destroyed, [], [], BackupSettings()).text.startswith("해당 없음")
    after = copies_until(dt.datetime(2025, 11, 1, tzinfo=dt.UTC), held, [], BackupSettings())
    assert after.until is None  # no backup older than the destruction
    off = copies_until(destroyed, held, [destroyed - dt.timedelta(days=3)], BackupSettings(schedule="off"))
    assert off.forever and "지울 때까지" in off.text and "따로 보관한 백업 1개" in off.text
    weekly = copies_until(
        destroyed,
        held,
        [],
        BackupSettings(schedule="weekly", keep_daily=7, keep_monthly=0),
        today=dt.date(2026, 12, 5),
    )
    assert weekly.until is not None and weekly.until > dt.date(2026, 12, 12)


def test_allowed_age_follows_the_schedule() -> None:
    assert allowed_age(BackupSettings()) == dt.timedelta(days=1)
    assert allowed_age(BackupSettings(schedule="weekly")) == dt.timedelta(days=7)
    assert allowed_age(BackupSettings(schedule="off")) is None


# -- settings ---------------------------------------------------------------------------------------
def test_backup_settings_defaults_and_values(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("", encoding="utf-8")
    s = load_settings(env={"PRIVDESK_CONFIG": str(cfg)})
    assert s.backup == BackupSettings(None, "daily", 7, 12)
    cfg.write_text(
        f'[backup]\nfolder = "{tmp_path}/b"\nschedule = "weekly"\nkeep_daily = 3\nkeep_monthly = 0\n',
        encoding="utf-8",
    )
    s = load_settings(env={"PRIVDESK_CONFIG": str(cfg)})
    assert s.backup == BackupSettings(tmp_path / "b", "weekly", 3, 0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[backup]\nschedule = "hourly"\n', "backup.schedule"),
        ("[backup]\nkeep_daily = 0\n", "backup.keep_daily"),
        ("[backup]\nkeep_monthly = -1\n", "0 이상의 정수"),
        ("[backup]\nfolder = 3\n", "backup.folder"),
        ('[backup]\nfolder = ""\n', "backup.folder"),
        ("[backup]\nkeep = 3\n", "알 수 없는 항목"),
        ('backup = "x"\n', "[backup]"),
    ],
)
def test_bad_backup_settings_are_named_in_korean(tmp_path: Path, text: str, fragment: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(env={"PRIVDESK_CONFIG": str(cfg)})
    assert fragment in str(err.value)
