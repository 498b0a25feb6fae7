"""The cyclic garbage collector is paused while steps run and resumes after the last one."""

from __future__ import annotations

import gc
import threading

import pytest

from simverse.world.step import fewer_gc_passes


def test_paused_inside_and_resumed_after() -> None:
    assert gc.isenabled()
    with fewer_gc_passes():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_steps_resume_only_when_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other_step() -> None:
        with fewer_gc_passes():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other_step)
    with fewer_gc_passes():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's step still runs
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with fewer_gc_passes():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_resumes_when_the_step_raises() -> None:
    with pytest.raises(ValueError), fewer_gc_passes():
        raise ValueError("a failing step")
    assert gc.isenabled()
