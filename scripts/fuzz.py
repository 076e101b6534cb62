"""Fuzz graphkit's reader and extractors with mutated letters, each under a time limit.

    python scripts/fuzz.py --count 100000 --workers 2 --out fuzz-out [--shared ../shared]

Every input is a mutation (tests/mutate.py) of a fictional letter or of a real one read from
``../shared`` — mutated text (lines deleted, duplicated, shuffled; dates, keywords, unicode,
encodings incl. UTF-16) and mutated PDFs (flipped bytes, truncation, damaged objects and
streams, broken cross-reference tables). Each is read (``read_letter``), turned into its graph
(``letter_graph``) and serialised as N-Quads, in a worker subprocess; the parent kills a worker
that has not answered within ``--timeout`` seconds and starts another.

Outcomes: ``ok``; ``graphkit_error`` (graphkit's own one-line error: the input refused);
``crash`` (any other exception); ``slow`` (over ``--slow`` CPU seconds for an input under 1 MB);
``hang`` (killed at ``--timeout`` seconds of wall-clock time). Every distinct failure signature (outcome, exception type,
the innermost graphkit frame, the message with its numbers blanked) gets a folder under
``OUT/failures/`` with the first input that produced it and an ``info.json`` (source, seed,
mutations, traceback, seconds); ``OUT/summary.json`` has the counts, rewritten as the run goes.
Input ``i`` of seed ``S`` is always the same mutation, so ``--start`` resumes a run and
``--replay I`` writes input I again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

SLOW_LIMIT_BYTES = 1_000_000


def _signature(outcome: str, exc_type: str, tb_text: str, message: str) -> str:
    frames = re.findall(r'File "[^"]*?(graphkit/[^"]+)", line \d+, in (\w+)', tb_text)
    where = f"{frames[-1][0]}:{frames[-1][1]}" if frames else "?"
    msg = re.sub(r"\d+", "N", message)
    msg = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", msg)[:120]
    return f"{outcome} | {exc_type} | {where} | {msg}"


def _last_stack(dumps: str) -> str:
    """The last of faulthandler's stack dumps, innermost frame last (as a traceback has it)."""
    last = dumps.rsplit("Timeout (", 1)[-1]
    frames = re.findall(r'File "([^"]+)", line (\d+) in (\w+)', last)
    return "".join(f'File "{f}", line {n}, in {fn}\n' for f, n, fn in reversed(frames))


# --- the worker: one process, many inputs, one JSON line per input -----------------------------


def make_input(srcs: list[tuple[str, bytes, str]], seed: str, i: int) -> tuple[str, bytes, str, str]:
    """Input ``i`` of ``seed``: (source name, bytes, suffix, mutations). The source is drawn by its
    own generator, so that the mutation of a given source replays from (seed, i) alone."""
    from mutate import mutate

    name, data, suffix = srcs[random.Random(f"{seed}:{i}:source").randrange(len(srcs))]
    mutated, out_suffix, ops = mutate(data, suffix, random.Random(f"{seed}:{i}"))
    return name, mutated, out_suffix, ops


def worker(shared: Path | None, seed: str, tmpdir: Path, hang_after: float) -> None:
    import faulthandler

    from mutate import sources

    from graphkit.errors import GraphkitError
    from graphkit.pipeline import letter_graph, read_letter

    srcs = sources(REPO, shared)
    stack_file = open(tmpdir / f"stack-{os.getpid()}.txt", "w+")  # noqa: SIM115 (kept open for faulthandler)
    faulthandler.enable(file=stack_file)  # a segfault writes where it happened, for the parent
    sys.stdout.write("READY\n")  # the parent starts timing inputs only now (loading the sources takes a while)
    sys.stdout.flush()
    for line in sys.stdin:
        i = int(line)
        name, mutated, out_suffix, ops = make_input(srcs, seed, i)
        for old in tmpdir.glob(f"input-{os.getpid()}.*"):
            old.unlink()
        path = tmpdir / f"input-{os.getpid()}{out_suffix}"
        path.write_bytes(mutated)
        result: dict[str, object] = {"i": i, "source": name, "ops": ops, "size": len(mutated), "suffix": out_suffix}
        (tmpdir / f"job-{os.getpid()}.json").write_text(json.dumps(result))
        stack_file.seek(0)
        stack_file.truncate()
        # where a hang spends its time: one stack, written shortly before the parent's limit
        # (repeated dumps from faulthandler's watchdog thread crashed a worker twice in 20,000
        # inputs, so only one, and only for an input that is about to be a hang)
        faulthandler.dump_traceback_later(hang_after, repeat=False, file=stack_file)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            letter = read_letter(path)
            _, g = letter_graph(letter)
            g.serialize(format="nt")
            result["outcome"] = "ok"
        except GraphkitError as exc:
            result["outcome"] = "graphkit_error"
            result["message"] = exc.line()[:300]
        except Exception as exc:  # noqa: BLE001 — the point: any other exception is a finding
            result["outcome"] = "crash"
            result["type"] = type(exc).__name__
            result["message"] = str(exc)[:300]
            result["traceback"] = traceback.format_exc()[-4000:]
        finally:
            faulthandler.cancel_dump_traceback_later()
        # the time limit for "slow" is on CPU seconds: on a machine shared with other work the
        # wall-clock time says more about the neighbours than about graphkit (both are kept)
        result["seconds"] = round(time.process_time() - c0, 3)
        result["wall_seconds"] = round(time.perf_counter() - t0, 3)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


# --- the parent ---------------------------------------------------------------------------------


class Worker:
    def __init__(self, args: argparse.Namespace, tmpdir: Path) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--seed", args.seed, "--tmp", str(tmpdir)]
        cmd += ["--hang-after", str(args.timeout * 0.75)]
        if args.shared:
            cmd += ["--shared", str(args.shared)]
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True, cwd=REPO
        )
        self.job: int | None = None
        self.started = 0.0
        self.tmpdir = tmpdir
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], 600)
        line = self.proc.stdout.readline() if ready else ""
        if line.strip() != "READY":
            self.kill()
            raise RuntimeError(f"a fuzz worker did not start: {line!r}")

    def send(self, i: int) -> None:
        assert self.proc.stdin is not None
        self.job, self.started = i, time.monotonic()
        self.proc.stdin.write(f"{i}\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    (out / "failures").mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix="graphkit-fuzz-"))
    summary_path = out / "summary.json"
    counts: dict[str, int] = {"ok": 0, "graphkit_error": 0, "crash": 0, "slow": 0, "hang": 0}
    signatures: dict[str, dict[str, object]] = {}
    if summary_path.exists() and args.start:
        old = json.loads(summary_path.read_text())
        counts.update(old["counts"])
        signatures = old["signatures"]
    ops_seen: dict[str, int] = {}
    errors_seen: dict[str, int] = {}  # graphkit's own errors, by message (numbers and file blanked)
    slowest: list[tuple[float, int, str]] = []
    t_start = time.monotonic()
    todo = iter(range(args.start, args.start + args.count))
    workers = [Worker(args, tmpdir) for _ in range(args.workers)]
    idle = list(workers)
    done = 0

    def record(result: dict[str, object], input_file: Path | None, stack: str = "") -> None:
        nonlocal done
        done += 1
        outcome = str(result["outcome"])
        secs = float(result.get("seconds", 0.0))  # type: ignore[arg-type]
        if outcome in ("ok", "graphkit_error") and secs > args.slow and int(result["size"]) < SLOW_LIMIT_BYTES:  # type: ignore[call-overload]
            outcome = "slow"
            result["outcome"] = "slow"
        counts[outcome] = counts.get(outcome, 0) + 1
        for op in str(result.get("ops", "")).split("+"):
            ops_seen[op] = ops_seen.get(op, 0) + 1
        slowest.append((secs, int(result["i"]), str(result.get("source"))))  # type: ignore[call-overload]
        slowest.sort(reverse=True)
        del slowest[10:]
        if outcome == "graphkit_error":
            msg = re.sub(r"\d+", "N", str(result.get("message", "")).split(": ", 1)[-1])[:100]
            errors_seen[msg] = errors_seen.get(msg, 0) + 1
        if outcome in ("ok", "graphkit_error"):
            return
        if outcome == "crash":
            sig = _signature("crash", str(result["type"]), str(result.get("traceback", "")), str(result["message"]))
        else:
            sig = _signature(outcome, "", _last_stack(stack), "" if stack else str(result.get("ops", "")))
        entry = signatures.setdefault(sig, {"count": 0})
        entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
        if entry["count"] == 1:
            folder = out / "failures" / hashlib.sha256(sig.encode()).hexdigest()[:12]
            folder.mkdir(parents=True, exist_ok=True)
            if input_file is not None and input_file.exists():
                shutil.copy(input_file, folder / f"input{result['suffix']}")
            info = dict(result, signature=sig, seed=args.seed, stack=stack[-4000:])
            (folder / "info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False))
            entry["folder"] = str(folder)
            print(f"\nNEW {sig}  ({folder})", flush=True)

    def save() -> None:
        elapsed = time.monotonic() - t_start
        data = {
            "command": " ".join(sys.argv),
            "seed": args.seed,
            "inputs": sum(counts.values()),
            "counts": counts,
            "this_run": {
                "inputs": done,
                "seconds": round(elapsed, 1),
                "per_second": round(done / max(elapsed, 1e-9), 2),
            },
            "next_start": args.start + done,
            "slowest": slowest,
            "ops": ops_seen,
            "graphkit_errors": dict(sorted(errors_seen.items(), key=lambda kv: -kv[1])[:40]),
            "signatures": signatures,
        }
        summary_path.write_text(json.dumps(data, indent=2, ensure_ascii=False))

    last_save = time.monotonic()
    try:
        while True:
            for w in list(idle):
                i = next(todo, None)
                if i is None:
                    break
                w.send(i)
                idle.remove(w)
            busy = [w for w in workers if w.job is not None]
            if not busy:
                break
            ready, _, _ = select.select([w.proc.stdout for w in busy], [], [], 0.5)
            for w in busy:
                if w.proc.stdout in ready:
                    line = w.proc.stdout.readline() if w.proc.stdout else ""
                    if not line:  # the worker died (a crash of the interpreter itself, a signal)
                        job_path = tmpdir / f"job-{w.proc.pid}.json"
                        job = json.loads(job_path.read_text()) if job_path.exists() else {"i": w.job, "suffix": ".bin"}
                        w.kill()
                        job.update(outcome="crash", type="WorkerDied", message=f"exit {w.proc.returncode}")
                        stack_path = tmpdir / f"stack-{w.proc.pid}.txt"
                        stack = stack_path.read_text(errors="replace") if stack_path.exists() else ""
                        job["traceback"] = _last_stack(stack)
                        record(job, tmpdir / f"input-{w.proc.pid}{job['suffix']}", stack)
                        workers[workers.index(w)] = nw = Worker(args, tmpdir)
                        idle.append(nw)
                        continue
                    result = json.loads(line)
                    inp = tmpdir / f"input-{w.proc.pid}{result['suffix']}"
                    stack_path = tmpdir / f"stack-{w.proc.pid}.txt"
                    stack = stack_path.read_text(errors="replace") if float(result["seconds"]) > args.slow else ""
                    record(result, inp, stack)
                    w.job = None
                    idle.append(w)
                elif time.monotonic() - w.started > args.timeout:
                    stack_path = tmpdir / f"stack-{w.proc.pid}.txt"
                    job_path = tmpdir / f"job-{w.proc.pid}.json"
                    w.kill()
                    stack = stack_path.read_text(errors="replace") if stack_path.exists() else ""
                    job = json.loads(job_path.read_text()) if job_path.exists() else {"i": w.job, "suffix": ".bin"}
                    job.update(outcome="hang", seconds=args.timeout)
                    record(job, tmpdir / f"input-{w.proc.pid}{job['suffix']}", stack)
                    workers[workers.index(w)] = nw = Worker(args, tmpdir)
                    idle.append(nw)
            if time.monotonic() - last_save > 10:
                save()
                last_save = time.monotonic()
                n = sum(counts.values())
                print(f"\r{n} inputs: " + ", ".join(f"{k} {v}" for k, v in counts.items()), end="", flush=True)
    finally:
        for w in workers:
            w.kill()
        save()
        shutil.rmtree(tmpdir, ignore_errors=True)
    print()
    print(json.dumps({"inputs": sum(counts.values()), "counts": counts}, indent=None))
    bad = counts["crash"] + counts["slow"] + counts["hang"]
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="inputs to try (default 1000)")
    ap.add_argument("--start", type=int, default=0, help="index of the first input (resume a run)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    ap.add_argument("--timeout", type=float, default=20.0, help="wall-clock seconds before an input is a hang")
    ap.add_argument("--slow", type=float, default=2.0, help="CPU seconds over which an input under 1 MB is slow")
    ap.add_argument("--seed", default="graphkit", help="the run's seed: input i of a seed is always the same")
    ap.add_argument("--out", default="fuzz-out", help="folder for summary.json and failures/")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="folder with letters/ (real letters)")
    ap.add_argument("--replay", type=int, metavar="I", help="write input I of --seed to --out and exit")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--hang-after", type=float, default=15.0, help=argparse.SUPPRESS)
    ap.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    shared = args.shared if args.shared and (args.shared / "letters").is_dir() else None
    if args.worker:
        worker(shared, args.seed, args.tmp, args.hang_after)
        return 0
    args.shared = shared
    if args.replay is not None:
        from mutate import sources

        name, data, suffix, ops = make_input(sources(REPO, shared), args.seed, args.replay)
        Path(args.out).mkdir(parents=True, exist_ok=True)
        target = Path(args.out) / f"replay-{args.replay}{suffix}"
        target.write_bytes(data)
        print(f"{target}: input {args.replay} of seed {args.seed!r}: {name} with {ops}")
        return 0
    if shared is None:
        print("no ../shared/letters: mutating the fictional letters only", file=sys.stderr)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
